"""A participant's enrolment and their responsible coach, for any feature.

This module imports only models, so team, attendance and feedback can use it without the
circular import that webapp.enrolment.services (which imports participants, which imports
team) would make. It does not check who may see the participant: callers already did."""

from sqlalchemy import inspect, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from ..accounts.models import User
from ..extensions import db
from .models import Enrolment


def enrolment_of(participant: User | int) -> Enrolment | None:
    """The participant's enrolment (a participant or their id), or None if not enrolled. Given
    the person, it is asked once, with the responsible coach, and kept on them
    (`User.enrolment`, see Enrolment.participant)."""
    if not isinstance(participant, User):
        return db.session.scalar(select(Enrolment).where(Enrolment.participant_id == participant))
    if "enrolment" in inspect(participant).unloaded:
        enrolment = db.session.scalar(
            select(Enrolment)
            .options(joinedload(Enrolment.responsible_coach))
            .where(Enrolment.participant_id == participant.id)
        )
        set_committed_value(participant, "enrolment", enrolment)
    return participant.enrolment


def tell_responsible_coach(event, sender, participant: User, url: str, /, **about) -> None:
    """The participant's responsible coach hears of `event` (nobody, if not enrolled). Positional
    first, so `about` may carry the event's own `participant` (the name shown)."""
    enrolment = enrolment_of(participant)
    if enrolment is not None:
        event.send(sender, recipients=[enrolment.responsible_coach], url=url, **about)
