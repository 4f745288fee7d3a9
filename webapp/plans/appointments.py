"""A participant's meetings with their coach: booked, moved, cancelled (the participant is
told each time someone else does it), and the meetings of a week or still to come."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from .. import events
from ..accounts.models import User
from ..extensions import db
from ..input import optional_text
from ..timeutil import STOCKHOLM, utcnow
from ..week import WeekItem
from .models import Appointment


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=STOCKHOLM)


def book_appointment(
    participant: User, actor: User, title: str, day: date, starts: time, ends: time, place: str | None
) -> Appointment:
    appointment = Appointment(
        participant_id=participant.id,
        title=title.strip(),
        starts_at=_local(day, starts),
        ends_at=_local(day, ends),
        place=optional_text(place),
        created_by_id=actor.id,
    )
    db.session.add(appointment)
    db.session.flush()
    _tell(events.meeting_booked, appointment, participant, actor)
    return appointment


def _tell(signal, appointment: Appointment, participant: User, actor: User) -> None:
    """The participant hears of a meeting booked or cancelled by someone else."""
    signal.send(
        appointment,
        recipients=[participant] if participant.id != actor.id else [],
        url=events.path_to("plans.mine"),
        title=appointment.title,
        starts_at=appointment.starts_at,
        participant_id=participant.id,
    )


def coming_appointment(participant: User, appointment_id: int) -> Appointment | None:
    """One of the participant's meetings that has not ended yet; None for any other id."""
    return db.session.scalar(
        select(Appointment).where(
            Appointment.id == appointment_id,
            Appointment.participant_id == participant.id,
            Appointment.ends_at >= utcnow(),
        )
    )


def change_appointment(
    participant: User,
    appointment: Appointment,
    actor: User,
    title: str,
    day: date,
    starts: time,
    ends: time,
    place: str | None,
) -> bool:
    """Move or rename a coming meeting; the participant is told when anything changed.
    False when the form saved what was there already (a second tap): nothing is sent."""
    values = {
        "title": title.strip(),
        "starts_at": _local(day, starts),
        "ends_at": _local(day, ends),
        "place": optional_text(place),
    }
    if all(getattr(appointment, name) == value for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(appointment, name, value)
    db.session.flush()
    _tell(events.meeting_changed, appointment, participant, actor)
    return True


def cancel_appointment(participant: User, actor: User, appointment_id: int) -> bool:
    """Take a coming meeting off the participant's week and calendar, and tell them.
    False when it is gone already (a second tap) or has ended: nothing changes then."""
    appointment = coming_appointment(participant, appointment_id)
    if appointment is None:
        return False
    _tell(events.meeting_cancelled, appointment, participant, actor)
    db.session.delete(appointment)
    db.session.flush()
    return True


def upcoming_appointments(participant: User, limit: int = 10) -> list[Appointment]:
    query = (
        select(Appointment)
        .where(Appointment.participant_id == participant.id, Appointment.ends_at >= utcnow())
        .order_by(Appointment.starts_at)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def appointments_between(participant: User, first_day: date, last_day: date) -> list[Appointment]:
    start = _local(first_day, time.min)
    end = _local(last_day + timedelta(days=1), time.min)
    query = (
        select(Appointment)
        .where(
            Appointment.participant_id == participant.id, Appointment.starts_at >= start, Appointment.starts_at < end
        )
        .order_by(Appointment.starts_at)
    )
    return list(db.session.scalars(query))


def appointments(participant: User, first_day: date, last_day: date) -> list[WeekItem]:
    """Meetings the coach has booked, in local time."""
    items = []
    for appointment in appointments_between(participant, first_day, last_day):
        starts, ends = appointment.starts_at.astimezone(STOCKHOLM), appointment.ends_at.astimezone(STOCKHOLM)
        items.append(
            WeekItem(
                day=starts.date(),
                title=appointment.title,
                kind="meeting",
                starts_at=starts.time(),
                ends_at=ends.time(),
                place=appointment.place,
            )
        )
    return items
