"""The participant's survey: answered on the phone, as a whole page or through htmx."""

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..htmx import redirect_to, render
from ..security import no_store
from ..timeutil import local_today
from . import survey as services
from .forms import SurveyForm
from .models import Closer, Support
from .routes import bp


@bp.route("/results/survey", methods=["GET", "POST"])
@allow(Role.PARTICIPANT)
def survey():
    """The survey that is due (every three months, and at exit); answering twice counts once."""
    today = local_today()
    due = services.due_survey(current_user, today)
    form = SurveyForm()
    status = 200
    if request.method == "POST":
        if form.validate():
            saved = services.record_answer(
                current_user, Closer(form.closer.data), Support(form.support.data), form.text.data, today
            )
            flash(
                _("Thank you for your answers.")
                if saved is not None
                else _("You have already answered this survey. Thank you."),
                "success",
            )
            return redirect_to(url_for("home.participant"))
        status = 422
    return no_store(render("results/survey.html", "results/_survey_form.html", status, form=form, due=due))
