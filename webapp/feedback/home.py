"""What feedback adds to the home pages: plain functions the home views call."""

from datetime import date

from ..accounts.models import User
from ..participants import services as participants
from . import services


def for_supervisor(supervisor: User, today: date) -> dict:
    """templates/feedback/_home_supervisor.html: feedback due, and feedback started."""
    return {"feedback_overview": services.supervisor_overview(supervisor, today)}


def for_coach(coach: User) -> dict:
    """templates/feedback/_home_coach.html: the coach's participants with a placement."""
    return {"feedback_people": services.people_with_placements(participants.visible_to(coach))}
