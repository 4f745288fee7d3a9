"""The participant rates how it is going; participant and coach see the trend."""

from flask import Blueprint, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..htmx import redirect_to, render_form
from . import services
from .forms import RatingForm
from .models import QUESTIONS

bp = Blueprint("ratings", __name__, url_prefix="/rating")


@bp.route("/", methods=["GET", "POST"])
@allow(Role.PARTICIPANT)
def new():
    """Four questions, a number from 1 to 10 each; then back home, where the trend shows."""
    form = RatingForm()
    if form.validate_on_submit():
        services.rate(current_user, form.values())
        flash(_("Thank you. Your answers are saved."), "success")
        return redirect_to(url_for("home.participant"))
    return render_form("ratings/new.html", "ratings/_form.html", form, questions=QUESTIONS)
