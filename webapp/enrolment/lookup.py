"""A participant's enrolment and their responsible coach, for any feature.

This module imports only models, so team, attendance and feedback can use it without the
circular import that webapp.enrolment.services (which imports participants, which imports
team) would make. It does not check who may see the participant: callers already did."""

from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from .models import Enrolment


def enrolment_of(participant: User | int) -> Enrolment | None:
    """The participant's enrolment (a participant or their id), or None if not enrolled. Given
    the person, it is asked once and kept on them (`User.enrolment`, see Enrolment.participant)."""
    if isinstance(participant, User):
        return participant.enrolment
    return db.session.scalar(select(Enrolment).where(Enrolment.participant_id == participant))


def tell_responsible_coach(event, sender, participant: User, url: str, /, **about) -> None:
    """The participant's responsible coach hears of `event` (nobody, if not enrolled). Positional
    first, so `about` may carry the event's own `participant` (the name shown)."""
    enrolment = enrolment_of(participant)
    if enrolment is not None:
        event.send(sender, recipients=[enrolment.responsible_coach], url=url, **about)
