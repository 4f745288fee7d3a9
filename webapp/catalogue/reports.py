"""What the programme reports from the catalogue (the ESF targets)."""

from sqlalchemy import exists, func, select
from sqlalchemy.orm import aliased

from ..accounts.models import Programme
from ..extensions import db
from .models import Activity, Category, Referral
from .services import TAKING_PART


def moved_on_from_health(programme: Programme) -> int:
    """Participants who took part in (or completed) a health activity of the programme and were
    afterwards accepted to another kind of activity: the ESF target "move on from health activities"."""
    health, other = aliased(Referral), aliased(Referral)
    health_activity, other_activity = aliased(Activity), aliased(Activity)
    moved_on = exists().where(
        other.participant_id == health.participant_id,
        other.status.in_(TAKING_PART),
        other.accepted_at > health.accepted_at,
        other_activity.id == other.activity_id,
        other_activity.programme_id == programme.id,
        other_activity.category != Category.HEALTH_ACTIVITY,
    )
    query = (
        select(func.count(func.distinct(health.participant_id)))
        .join(health_activity, health_activity.id == health.activity_id)
        .where(
            health_activity.programme_id == programme.id,
            health_activity.category == Category.HEALTH_ACTIVITY,
            health.status.in_(TAKING_PART),
            health.accepted_at.is_not(None),
            moved_on,
        )
    )
    return db.session.scalar(query) or 0
