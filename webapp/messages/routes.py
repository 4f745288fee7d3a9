"""A participant's thread: /messages for the participant, /participants/<id>/messages for
their coach. One send URL for both; the services decide who may take part."""

from flask import Blueprint, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..errors import render_error
from ..htmx import redirect_to, render, wants_fragment
from . import services
from .forms import MessageForm

bp = Blueprint("messages", __name__)
EITHER = (Role.PARTICIPANT, Role.COACH)


def _thread_url(participant) -> str:
    if participant.id == current_user.id:
        return url_for("messages.mine")
    return url_for("messages.thread", participant_id=participant.id)


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
        messages=messages,
        form=form or _fresh_form(),
        thread_url=_thread_url(participant),
    )


@bp.get("/messages")
@allow(Role.PARTICIPANT)
def mine():
    """The participant's own thread with their coach."""
    return _page(services.thread_of(current_user, current_user.id))


@bp.get("/participants/<int:participant_id>/messages")
@allow(Role.COACH)
def thread(participant_id):
    """A participant's thread, as their coach (or a colleague they share the participant with) sees it."""
    return _page(services.thread_of(current_user, participant_id))


@bp.post("/participants/<int:participant_id>/messages")
@allow(*EITHER)
def send(participant_id):
    """Send a message; the same form sent twice (a double tap) adds it once."""
    if not services.can_message(current_user, participant_id):
        # Refused in words, the same for a stranger and for nobody: what was typed stays in the form.
        return render_error(
            403,
            _("You cannot write in this conversation."),
            _("Only the participant, their coach and the people they chose can write here."),
        )
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
