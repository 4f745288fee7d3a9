"""A participant's thread: /messages for the participant, /participants/<id>/messages for
their coach and the team members they chose. One send URL for all; the services decide who
may take part. A team member the participant has not chosen is told why, with what they typed
kept; someone outside the thread is refused in words, their text kept too."""

from flask import Blueprint, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..errors import render_error
from ..htmx import redirect_to, render, wants_fragment
from ..participants.services import coaches
from . import services
from .forms import MessageForm

bp = Blueprint("messages", __name__)
# Staff who may be in a thread: coaches, and team members (coaches or supervisors in their own
# organisation: team.services.TEAM_STAFF_ROLES).
STAFF = (Role.COACH, Role.SUPERVISOR)
ANYONE_IN_A_THREAD = (Role.PARTICIPANT, *STAFF)


def _thread_url(participant) -> str:
    if participant.id == current_user.id:
        return url_for("messages.mine")
    return url_for("messages.thread", participant_id=participant.id)


def _back_url(participant) -> str:
    """A coach goes back to the participant's record; a team member to the plan they share."""
    if coaches(current_user, participant.id):
        return url_for("participants.detail", participant_id=participant.id)
    return url_for("plans.coach_view", participant_id=participant.id)


def _fresh_form() -> MessageForm:
    return MessageForm(formdata=None, token=services.new_token())


def _page(participant, form=None, status=200):
    messages = services.messages_of(participant)
    services.mark_read(current_user, messages)
    return render(
        "messages/thread.html",
        "messages/_thread.html",
        status=status,
        participant=participant,
        own=participant.id == current_user.id,
        back_url=None if participant.id == current_user.id else _back_url(participant),
        messages=messages,
        form=form or _fresh_form(),
        thread_url=_thread_url(participant),
    )


@bp.get("/messages")
@allow(Role.PARTICIPANT)
def mine():
    """The participant's own thread with their coach."""
    return _page(services.thread_of(current_user, current_user.id))


def _not_chosen(participant, form=None):
    """A team member the participant has not chosen (or has stopped): why, instead of the thread;
    after a send, their text stays in the form (403: htmx swaps it in place of the thread)."""
    return render(
        "messages/not_chosen.html",
        "messages/_not_chosen.html",
        status=403,
        participant=participant,
        form=form,
    )


def _outside(participant_id, form):
    """Someone who is not in this thread tries to write: refused in words, the same for a
    stranger and for nobody. With htmx the form stays on the page; without, it comes back."""
    title = _("You cannot write in this conversation.")
    advice = _("Only the participant, their coach and the people they chose can write here.")
    if wants_fragment():
        return render_error(403, title, advice)
    action = url_for("messages.send", participant_id=participant_id)
    return render(
        "messages/outside.html", "messages/outside.html", 403, title=title, advice=advice, form=form, action=action
    )


@bp.get("/participants/<int:participant_id>/messages")
@allow(*STAFF)
def thread(participant_id):
    """A participant's thread, as their coach, a colleague they share the participant with, or a
    team member the participant chose sees it."""
    waiting = services.waiting_for(current_user, participant_id)
    if waiting is not None:
        return _not_chosen(waiting)
    return _page(services.thread_of(current_user, participant_id))


@bp.post("/participants/<int:participant_id>/messages")
@allow(*ANYONE_IN_A_THREAD)
def send(participant_id):
    """Send a message; the same form sent twice (a double tap) adds it once."""
    if not services.can_message(current_user, participant_id):
        form = MessageForm()
        waiting = services.waiting_for(current_user, participant_id)
        return _not_chosen(waiting, form) if waiting is not None else _outside(participant_id, form)
    participant = services.thread_of(current_user, participant_id)
    form = MessageForm()
    if not form.validate_on_submit():
        return _page(participant, form, status=422)
    # The other side's way to the thread: the participant's own page, or the coach's.
    their_url = (
        url_for("messages.thread", participant_id=participant.id)
        if participant.id == current_user.id
        else url_for("messages.mine")
    )
    sent = services.send(current_user, participant, form.body.data, form.token.data, their_url)
    if not wants_fragment():
        if sent is not None:
            flash(_("Your message is sent."), "success")
        return redirect_to(_thread_url(participant))
    return _page(participant)
