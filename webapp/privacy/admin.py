"""The programme admin's side of privacy: log review (loggkontroll) and the privacy settings."""

from flask import Response, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_login import current_user
from sqlalchemy import select

from ..access import allow
from ..accounts.models import STAFF_ROLES, Membership, Organisation, Role, User
from ..enrolment.models import Enrolment
from ..extensions import db
from ..htmx import redirect_to, render, render_form
from ..input import whole_number
from ..security import no_store
from . import retention, services
from . import review as reviewing
from .forms import ErasureForm, ReviewForm, SettingsForm
from .models import EventKind
from .readlog import log_read
from .routes import bp
from .services import role_label, what_label


def _programme():
    return current_user.organisations_where(Role.PROGRAMME_ADMIN)[0].programme


def _staff_of(programme_ids) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Membership)
            .join(Organisation)
            .where(Organisation.programme_id.in_(programme_ids), Membership.role.in_(STAFF_ROLES))
            .distinct()
            .order_by(User.full_name)
        )
    )


def _reviewed(form: ReviewForm):
    """The rows the form asks for, or None when it does not say enough (e.g. no staff member)."""
    mode = form.mode.data if form.mode.data in reviewing.MODES else "sample"
    staff_id = int(form.staff.data) if (form.staff.data or "").isdigit() else None
    participant_id = None
    if mode == "participant":
        participant_id = db.session.scalar(
            select(User.id).where(User.sign_in_name == (form.participant.data or "").strip())
        )
        if participant_id is None:
            form.participant.errors = [_("No participant has that sign-in number.")]
            return None
    if mode == "staff" and staff_id is None:
        form.staff.errors = [_("Please choose a staff member.")]
        return None
    rows = reviewing.review(current_user, mode, staff_id, participant_id, whole_number(form.size.data) or 50)
    log_read(row.log.participant_id for row in rows)
    return rows


@bp.get("/review")
@allow(Role.PROGRAMME_ADMIN)
def review():
    """Log review: a sample of the read log, or one person's reads, with reads without a relation flagged."""
    form = ReviewForm(_staff_of(reviewing.admin_programme_ids(current_user)), formdata=request.args or None)
    rows = _reviewed(form) if request.args else None
    status = 422 if rows is None and request.args else 200
    return no_store(
        render(
            "privacy/review.html",
            "privacy/_review.html",
            status=status,
            form=form,
            rows=rows,
            role_label=role_label,
            what_label=what_label,
            args=request.args,
        )
    )


@bp.get("/review.csv")
@allow(Role.PROGRAMME_ADMIN)
def review_csv():
    """The same rows for Excel: semicolons, UTF-8 with BOM, no cell run as a formula."""
    form = ReviewForm(_staff_of(reviewing.admin_programme_ids(current_user)), formdata=request.args)
    rows = _reviewed(form)
    if rows is None:
        return redirect_to(url_for("privacy.review", **request.args))
    reviewing.record_event(
        current_user, EventKind.LOG_EXPORT, f"CSV of {len(rows)} rows", reviewing.admin_programme_ids(current_user)
    )
    header = [
        # NOTE: column heading in the CSV file of the log review
        _("When"),
        # NOTE: column heading in the CSV file of the log review
        _("Staff member"),
        # NOTE: column heading in the CSV file of the log review
        _("Role"),
        # NOTE: column heading in the CSV file of the log review
        _("Organisation"),
        # NOTE: column heading in the CSV file of the log review
        _("Participant"),
        _("What was read"),
        _("Relation to the participant"),
    ]
    body = reviewing.as_csv(
        rows,
        header,
        lambda r: [
            reviewing.read_at_local(r.log.read_at),
            r.reader or "",
            role_label(r.log.reader_role) or "",
            r.organisation or "",
            r.participant,
            what_label(r.log.what),
            # NOTE: column heading in the CSV file of the log review
            _("Yes")
            if r.related
            else pgettext("log review: the reader has no relation to the participant", "No: check"),
        ],
    )
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="vagen-read-log.csv"'
    return no_store(response)


@bp.route("/settings", methods=["GET", "POST"])
@allow(Role.PROGRAMME_ADMIN)
def settings():
    """The programme's privacy details: retention decision, notice details, whether staff names are shown."""
    programme = _programme()
    setting = services.settings_of(programme)
    form = (
        SettingsForm(obj=setting)
        if request.method == "POST"
        else SettingsForm(
            data={
                **{n: getattr(setting, n) for n in services.SETTING_FIELDS},
                "retention_months": str(setting.retention_months or ""),
            }
        )
    )
    if form.validate_on_submit():
        services.save_settings(current_user, programme, form.values())
        flash(_("The privacy settings are saved."), "success")
        return redirect_to(url_for("privacy.settings"))
    return render_form(
        "privacy/settings.html",
        "privacy/_settings.html",
        form,
        programme=programme,
        setting=setting,
    )


@bp.route("/erasure", methods=["GET", "POST"])
@allow(Role.PROGRAMME_ADMIN)
def erasure():
    """Erase a participant's information on their request, where the law allows; logged."""
    form = ErasureForm()
    if form.validate_on_submit():
        participant = _participant_in_programmes(form.participant.data)
        if participant is None:
            form.participant.errors = [_("No participant in your programme has that sign-in number.")]
        else:
            try:
                retention.erase_on_request(current_user, participant)
            except retention.ErasureRefused:
                form.participant.errors = [
                    _(
                        "This participant still takes part. Record their exit first: while "
                        "someone takes part, the programme needs their information."
                    )
                ]
            else:
                flash(_("The participant's information is erased. The figures for the funder are kept."), "success")
                return redirect_to(url_for("privacy.erasure"))
    return render_form("privacy/erasure.html", "privacy/_erasure.html", form)


def _participant_in_programmes(number: str | None) -> User | None:
    enrolled = (
        select(User)
        .join(Enrolment, Enrolment.participant_id == User.id)
        .join(Organisation, Organisation.id == Enrolment.organisation_id)
        .where(
            User.sign_in_name == (number or "").strip(),
            Organisation.programme_id.in_(reviewing.admin_programme_ids(current_user)),
        )
    )
    return db.session.scalar(enrolled)
