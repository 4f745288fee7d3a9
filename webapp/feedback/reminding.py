"""`flask send-reminders`: each due feedback point is mailed about once, to its supervisor."""

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import events
from ..accounts.models import User
from ..auth.services import absolute_url
from ..extensions import db
from ..outbox.services import mail_user
from ..placements.models import Placement
from ..reminders import remind
from ..timeutil import utcnow
from . import services

# Due points older than this are shown but not reminded of: a first run of
# `flask send-reminders` must not mail about every placement of past years.
REMINDER_WINDOW = timedelta(days=14)


def send_due_reminders(today: date) -> int:
    """Mail each supervisor once per due point (in their language, with a link), and remember it."""
    since = today - REMINDER_WINDOW
    placements = list(
        db.session.scalars(
            select(Placement)
            .where(
                Placement.supervisor_id.is_not(None),
                Placement.starts_on <= today,
                (Placement.ends_on.is_(None)) | (Placement.ends_on >= since),
            )
            # The supervisors' memberships: each mail is kept under their programme (mail_user).
            .options(
                selectinload(Placement.supervisor).selectinload(User.memberships), selectinload(Placement.participant)
            )
        )
    )
    sent = 0
    for due in services.open_points(placements, today, since=since):
        supervisor = due.placement.supervisor
        if due.feedback is not None and (
            due.feedback.reminded_at is not None or due.feedback.asked_by_id == supervisor.id
        ):
            continue  # reminded already, or the supervisor started it themselves
        if not supervisor.email or not supervisor.is_active:
            continue
        feedback = due.feedback or services.get_or_create(due.placement, due.point, due.due_on)
        name = due.placement.participant.called
        mail_user(
            supervisor,
            "feedback_reminder",
            _l("Feedback for %(name)s is due", name=name),
            participant_name=name,
            point=due.point.label,
            link_to_give=absolute_url("feedback.give", feedback_id=feedback.id),
        )
        remind(
            events.feedback_due,
            feedback,
            to=supervisor,
            url=events.path_to("feedback.give", feedback_id=feedback.id),
            once=feedback.id,
            **events.about_participant(due.placement.participant),
        )
        feedback.reminded_at = utcnow()
        db.session.flush()
        sent += 1
    return sent


def feedback_due(today: date) -> int:
    """`flask send-reminders`: feedback points due (once each)."""
    return send_due_reminders(today)
