"""The participant's side: their proposals to answer, their placements, and what they share with employers."""

from flask import flash, request
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..dates import weekday_names
from ..htmx import render
from . import matching, openings
from .forms import SharingForm
from .routes import bp


def _mine_page(status=200, sharing=None):
    shared = matching.shared_adaptations(current_user)
    sharing = sharing or SharingForm(data={"adaptations": shared})
    return render(
        "placements/mine.html",
        "placements/_mine.html",
        status=status,
        proposals=matching.proposals_for_participant(current_user),
        placements=matching.placements_for_participant(current_user),
        weekdays=weekday_names(),
        sharing=sharing,
        may_browse=bool(openings.browsing_programmes(current_user)),
    )


@bp.get("/placements/mine")
@allow(Role.PARTICIPANT)
def mine():
    """The participant's proposals (to answer), placements, and what they share with employers."""
    return _mine_page()


@bp.post("/proposals/<int:proposal_id>/answer")
@allow(Role.PARTICIPANT)
def answer(proposal_id):
    """The participant says yes (interested) or no, and saves the needs ticked on the same page."""
    sharing = SharingForm()
    if sharing.validate_on_submit() and request.form.get("answer") in ("yes", "no"):
        try:
            matching.answer(current_user, proposal_id, request.form["answer"] == "yes")
            flash(_("Thank you. Your coach can see your answer."), "success")
        except matching.AlreadyDecided:
            flash(_("The employer has already answered. Your answer cannot be changed now."), "error")
        if request.form.get("sharing"):
            matching.share_adaptations(current_user, sharing.adaptations.data or [])
    else:
        matching.proposal_for_participant(current_user, proposal_id)
        flash(_("Please choose one."), "error")
    return _mine_page()


@bp.post("/placements/sharing")
@allow(Role.PARTICIPANT)
def sharing():
    """Choose which needs employers may know about."""
    form = SharingForm()
    if form.validate_on_submit():
        matching.share_adaptations(current_user, form.adaptations.data or [])
        flash(_("Saved. Employers see only what you chose."), "success")
        return _mine_page()
    return _mine_page(422, sharing=form)
