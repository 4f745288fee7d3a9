"""`flask send-reminders`: a participant taking part is invited to rate how it is going when
they never have, or four weeks after the last time; once per rating (the dedupe key)."""

from datetime import date

from sqlalchemy import func, select

from .. import events
from ..accounts.models import User
from ..enrolment.models import Enrolment
from ..extensions import db
from ..reminders import remind
from ..timeutil import utcnow
from .models import SelfRating
from .services import INVITE_AFTER


def ratings_due(today: date) -> int:
    last = (
        select(SelfRating.participant_id, func.max(SelfRating.id).label("rating_id"))
        .group_by(SelfRating.participant_id)
        .subquery()
    )
    query = (
        select(User, SelfRating)
        .join(Enrolment, Enrolment.participant_id == User.id)
        .outerjoin(last, last.c.participant_id == User.id)
        .outerjoin(SelfRating, SelfRating.id == last.c.rating_id)
        .where(Enrolment.exited_on.is_(None), Enrolment.starts_on <= today, User.active.is_(True))
        .order_by(User.id)
    )
    count, now = 0, utcnow()
    for participant, rating in db.session.execute(query):
        if rating is not None and now - rating.rated_at < INVITE_AFTER:
            continue
        count += remind(
            events.rating_due,
            participant,
            to=participant,
            url=events.path_to("ratings.new"),
            once=rating.id if rating else "first",
            participant_id=participant.id,
        )
    return count
