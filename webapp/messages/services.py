"""The participant's thread: who may take part, sending once, and read status."""

import secrets

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.exceptions import NotFound

from .. import events
from ..accounts.models import User
from ..database import insert_once
from ..enrolment.models import Enrolment
from ..extensions import db
from ..privacy.readlog import log_read
from ..team import services as team
from ..timeutil import utcnow
from .models import Message, MessageRead

MAX_LENGTH = 2000
TOKEN_LENGTH = 64


class NotAllowed(Exception):
    """The writer is not one of the people of this thread."""


def can_message(user: User, participant_id: int) -> bool:
    """Who may open a participant's thread, to read and to write: team.may_message (the
    participant, a coach who may see them, the team members they chose)."""
    return team.may_message(user, participant_id)


def waiting_for(viewer: User, participant_id: int) -> User | None:
    """The participant, when the viewer is in their team with a role that includes messages but
    has not been chosen (or was stopped): the viewer is told why, not refused bare. Nothing of
    the thread is shown, so nothing is logged as read."""
    if not team.waits_for_choice(viewer, participant_id):
        return None
    return db.session.get(User, participant_id)


def thread_of(viewer: User, participant_id: int) -> User:
    """The participant whose thread the viewer may open (logged as a read when it is not their
    own); 404 otherwise, so nobody learns whether another programme's participant exists."""
    participant = db.session.get(User, participant_id)
    if participant is None or not can_message(viewer, participant_id):
        raise NotFound()
    log_read(participant.id)
    return participant


def new_token() -> str:
    """A fresh token for one form render: the message it sends is stored once."""
    return secrets.token_urlsafe(32)


def _other_side(author: User, participant: User) -> list[User]:
    """Who is told of a new message: the participant when staff write (their coach or a team
    member they chose); when the participant writes, their responsible coach and the team
    members they chose to write with (the people who read the thread for them)."""
    if author.id != participant.id:
        return [participant]
    enrolment = db.session.scalar(select(Enrolment).where(Enrolment.participant_id == participant.id))
    coach = [enrolment.responsible_coach] if enrolment is not None else []
    chosen = [row.member for row in team.members(participant) if team.chosen_to_message(row)]
    return coach + [person for person in chosen if person not in coach]


def send(author: User, participant: User, body: str, token: str | None, url: str) -> Message | None:
    """Add a message to the participant's thread and tell the other side (the event carries no
    text: a notification must not show what was written). None when the same form was already
    sent (a double tap): nothing is added twice and nobody is told twice."""
    if not can_message(author, participant.id):
        raise NotAllowed()
    token = token if token and len(token) <= TOKEN_LENGTH else new_token()
    message = Message(participant_id=participant.id, author_id=author.id, body=body.strip(), token=token)
    if not insert_once(message):
        return None
    events.message_sent.send(message, recipients=_other_side(author, participant), url=url)
    return message


def messages_of(participant: User) -> list[Message]:
    """The whole thread, oldest first, with who wrote each message and who has read it."""
    query = (
        select(Message)
        .options(joinedload(Message.author), selectinload(Message.reads).joinedload(MessageRead.reader))
        .where(Message.participant_id == participant.id)
        .order_by(Message.sent_at, Message.id)
    )
    return list(db.session.scalars(query))


def mark_read(reader: User, messages: list[Message]) -> None:
    """The reader has now seen every message in the list that someone else wrote."""
    now = utcnow()
    for message in messages:
        if message.author_id != reader.id and all(r.reader_id != reader.id for r in message.reads):
            read = MessageRead(message_id=message.id, reader_id=reader.id, read_at=now)
            if insert_once(read):  # the same thread opened twice at once reads once
                message.reads.append(read)


def unread_count(reader: User, participant_id: int) -> int:
    """Messages in the thread that someone else wrote and the reader has not opened yet."""
    read = select(MessageRead.message_id).where(MessageRead.reader_id == reader.id)
    query = select(db.func.count(Message.id)).where(
        Message.participant_id == participant_id,
        Message.author_id.is_distinct_from(reader.id),
        Message.id.not_in(read),
    )
    return db.session.scalar(query) or 0
