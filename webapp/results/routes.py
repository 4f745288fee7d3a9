"""The results page and the programme's targets. Thin views: parse, one service call, render."""

from flask import (
    Blueprint,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..htmx import form_status
from ..security import no_store
from ..timeutil import local_today
from . import figures as results
from . import survey
from .forms import PeriodForm, TargetsForm
from .indicators import STAGES, indicators
from .scopes import administered_programme, scope_for, scopes_for
from .targets import set_targets, targets_of

bp = Blueprint("results", __name__)


def requested_scope():
    return scope_for(current_user, request.args.get("programme", type=int), request.args.get("organisation", type=int))


def requested_period(form: PeriodForm) -> results.Period:
    today = local_today()
    return results.Period(start=form.start.data, end=form.end.data or today)


def scope_args(scope) -> dict:
    if scope.organisation is not None:
        return {"organisation": scope.organisation.id}
    return {"programme": scope.programme.id}


@bp.get("/results")
@allow(Role.PROGRAMME_ADMIN, Role.ORGANISATION_ADMIN)
def index():
    """Each target against its value in a period, by gender and municipality, and the way's funnel."""
    scope = requested_scope()
    form = PeriodForm(request.args)
    context = {"scope": scope, "scopes": scopes_for(current_user), "form": form, "scope_args": scope_args(scope)}
    if not form.validate():
        return no_store(make_response(render_template("results/index.html", figures=None, **context), 422))
    period = requested_period(form)
    figures = results.target_figures(scope, period)
    return no_store(
        make_response(
            render_template(
                "results/index.html",
                figures=figures,
                period=period,
                municipalities=results.municipality_names(scope, figures),
                funnel=results.funnel(scope, period, local_today()),
                genders=results.GENDERS,
                indicators=indicators(scope, period),
                indicator_stages=STAGES,
                survey=survey.aggregate(scope, period),
                **context,
            )
        )
    )


@bp.route("/results/targets", methods=["GET", "POST"])
@allow(Role.PROGRAMME_ADMIN)
def targets():
    """The programme's targets, for its programme admin to set."""
    programme = administered_programme(current_user, request.args.get("programme", type=int))
    form = TargetsForm()
    if request.method == "GET":
        for code, value in targets_of(programme.id).items():
            form[code.value].data = "" if value is None else str(value)
    elif form.validate():
        set_targets(programme, form.values(), current_user)
        flash(_("The targets are saved."), "success")
        return redirect(url_for("results.index", programme=programme.id), 303)
    return make_response(render_template("results/targets.html", form=form, programme=programme), form_status(form))


from . import certify_routes, esf_routes, export_routes, survey_routes  # noqa: E402,F401  (their views join this blueprint)
