"""Exports for the funder: the results and indicators, and the monthly participant file, as XLSX
and as CSV for Swedish Excel; each export logged."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..attendance.services import parse_month
from ..security import no_store
from ..timeutil import local_today
from . import exports, participant_file
from .figures import GENDERS, target_figures
from .forms import PeriodForm
from .indicators import indicators
from .routes import bp, requested_period, requested_scope
from .scopes import administered_programme

TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _download(name: str, kind: str, header: list[str], rows: list[list]):
    body = exports.to_csv(header, rows) if kind == "csv" else exports.to_xlsx(name, header, rows)
    response = make_response(body)
    response.headers["Content-Type"] = TYPES[kind]
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return no_store(response)


@bp.get("/results/export.xlsx")
@allow(Role.PROGRAMME_ADMIN, Role.ORGANISATION_ADMIN)
def export():
    """The results page's figures and the ESF+ indicators for the period, split by gender, as XLSX."""
    return _results_export("xlsx")


@bp.get("/results/export.csv")
@allow(Role.PROGRAMME_ADMIN, Role.ORGANISATION_ADMIN)
def export_csv():
    """The same as CSV for Swedish Excel."""
    return _results_export("csv")


def _results_export(kind: str):
    scope = requested_scope()
    form = PeriodForm(request.args)
    if not form.validate():
        abort(422)
    period = requested_period(form)
    # NOTE: a column or row heading in a table or file made by _results_export()
    header = [
        _("Figure"),
        pgettext("column: the programme's target figure", "Target"),
        _("Total"),
        *(g.label for g in GENDERS),
    ]
    rows = [
        [str(f.label), f.target, f.total, *((f.by_gender or {}).get(g) for g in GENDERS)]
        for f in target_figures(scope, period)
    ]
    rows += [[str(i.label), None, i.total, *(i.by_gender[g] for g in GENDERS)] for i in indicators(scope, period)]
    detail = f"{period.start or ''}..{period.end}" + (f" org {scope.organisation.id}" if scope.organisation else "")
    exports.log_export(current_user, scope.programme.id, f"indicators.{kind}", detail)
    return _download(f"results-{period.end.isoformat()}", kind, header, rows)


def _file_context(month_text: str):
    programme = administered_programme(current_user, request.args.get("programme", type=int))
    month = parse_month(month_text, local_today())
    return programme, month, month.first > local_today()


@bp.get("/results/participant-file/<month>")
@allow(Role.PROGRAMME_ADMIN)
def participant_file_page(month):
    """The month's starters and leavers, whether the month is sent, and which months to send again."""
    programme, month, future = _file_context(month)
    rows = [] if future else participant_file.rows_for(programme.id, month)
    return no_store(
        make_response(
            render_template(
                "results/participant_file.html",
                programme=programme,
                month=month,
                rows=rows,
                future=future,
                sent=participant_file.file_month(programme.id, month),
                resend=participant_file.months_to_resend(programme.id),
            ),
            422 if future else 200,
        )
    )


@bp.post("/results/participant-file/<month>/sent")
@allow(Role.PROGRAMME_ADMIN)
def mark_sent(month):
    """The programme admin has sent this month's file to SCB."""
    programme, month, future = _file_context(month)
    if future:
        abort(422)
    participant_file.mark_sent(programme.id, month, current_user)
    flash(_("The month is marked as sent."), "success")
    return redirect(url_for("results.participant_file_page", month=month.key, programme=programme.id), 303)


@bp.get("/results/participant-file/<month>.xlsx")
@allow(Role.PROGRAMME_ADMIN)
def participant_file_download(month):
    """The month's participant file as XLSX."""
    return _participant_file(month, "xlsx")


@bp.get("/results/participant-file/<month>.csv")
@allow(Role.PROGRAMME_ADMIN)
def participant_file_csv(month):
    """The month's participant file as CSV for Swedish Excel."""
    return _participant_file(month, "csv")


def _participant_file(month: str, kind: str):
    programme, month, future = _file_context(month)
    if future:
        abort(422)
    header = [
        _("Personal identity number"),
        # NOTE: a column or row heading in a table or file made by _participant_file()
        _("Birth date"),
        # NOTE: a column or row heading in a table or file made by _participant_file()
        _("Reserve code"),
        # NOTE: a column or row heading in a table or file made by _participant_file()
        _("Name"),
        # NOTE: a column or row heading in a table or file made by _participant_file()
        _("Gender"),
        # NOTE: a column or row heading in a table or file made by _participant_file()
        _("Birth year"),
        # NOTE: a column or row heading in a table or file made by _participant_file()
        _("Municipality code"),
        # NOTE: a column or row heading in a table or file made by _participant_file()
        _("Start date"),
        # NOTE: a column or row heading in a table or file made by _participant_file()
        _("End date"),
        # NOTE: a column or row heading in a table or file made by _participant_file()
        _("Exit"),
        _("Labour-market status at entry"),
        # NOTE: a column or row heading in a table or file made by _participant_file()
        _("Education"),
        _("Started this month"),
    ]
    label = exports.labels()
    # NOTE: a column or row heading in a table or file made by _participant_file()
    yes, no = _("Yes"), _("No")
    rows = [
        [
            r.personal_number,
            r.birth_date,
            r.reserve_code,
            r.name,
            label(r.gender),
            r.birth_year,
            r.municipality_code,
            r.starts_on,
            r.exited_on if r.exited_on and r.exited_on <= month.last else None,
            label(r.exit_outcome),
            label(r.labour_status),
            label(r.education),
            yes if r.started else no,
        ]
        for r in participant_file.rows_for(programme.id, month)
    ]
    exports.log_export(current_user, programme.id, f"participant_file.{kind}", month.key)
    return _download(f"participant-file-{month.key}", kind, header, rows)
