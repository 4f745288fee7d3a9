"""`flask send-reminders`: a participant hears of tomorrow's meetings and of steps due
tomorrow, once each (the notification's dedupe key remembers)."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from .. import events
from ..accounts.models import User
from ..extensions import db
from ..reminders import remind
from ..timeutil import STOCKHOLM
from .models import Appointment, Doer, Status, Step


def meetings_tomorrow(today: date) -> int:
    """Each meeting that starts tomorrow (Stockholm), to its participant."""
    tomorrow = today + timedelta(days=1)
    start = datetime.combine(tomorrow, time.min, tzinfo=STOCKHOLM)
    query = (
        select(Appointment, User)
        .join(User, User.id == Appointment.participant_id)
        .where(Appointment.starts_at >= start, Appointment.starts_at < start + timedelta(days=1))
        .order_by(Appointment.id)
    )
    count = 0
    for appointment, participant in db.session.execute(query):
        count += remind(
            events.meeting_tomorrow,
            appointment,
            to=participant,
            url=events.path_to("plans.mine"),
            once=f"{appointment.id}:{appointment.starts_at:%Y%m%d%H%M}",
            title=appointment.title,
            starts_at=appointment.starts_at,
            participant_id=appointment.participant_id,
        )
    return count


def steps_due_tomorrow(today: date) -> int:
    """Each step the participant does that is due tomorrow and not done, to the participant."""
    tomorrow = today + timedelta(days=1)
    query = (
        select(Step, User)
        .join(User, User.id == Step.participant_id)
        .where(Step.due_on == tomorrow, Step.status != Status.DONE, Step.doer == Doer.PARTICIPANT)
        .order_by(Step.id)
    )
    count = 0
    for step, participant in db.session.execute(query):
        count += remind(
            events.step_due,
            step,
            to=participant,
            url=events.path_to("plans.step", step_id=step.id),
            once=f"{step.id}:{step.due_on}",
            title=step.title,
            participant_id=step.participant_id,
        )
    return count
