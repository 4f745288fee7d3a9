"""`flask send-reminders`: when a month has ended, a participant who had a placement in it and
has not yet certified its time is told it is ready, once per month (the dedupe key)."""

from datetime import date, timedelta

from sqlalchemy import exists, select

from .. import events
from ..accounts.models import User
from ..attendance.reports import Month
from ..extensions import db
from ..placements.models import Placement
from ..reminders import remind
from .models import MonthCertificate

# Only in the first weeks after the month: a first run must not tell of every past month.
TELL_WITHIN = timedelta(days=14)


def months_to_certify(today: date) -> int:
    month = Month(today.replace(day=1)).previous
    if today - month.last > TELL_WITHIN:
        return 0
    certified = exists().where(MonthCertificate.participant_id == User.id, MonthCertificate.month == month.first)
    query = (
        select(User)
        .where(
            User.active.is_(True),
            exists().where(
                Placement.participant_id == User.id,
                Placement.starts_on <= month.last,
                (Placement.ends_on.is_(None)) | (Placement.ends_on >= month.first),
            ),
            ~certified,
        )
        .order_by(User.id)
    )
    count = 0
    for participant in db.session.scalars(query):
        count += remind(
            events.month_ready,
            participant,
            to=participant,
            url=events.path_to("results.my_time", month=month.key),
            once=month.key,
            month=month.first,
            participant_id=participant.id,
        )
    return count
