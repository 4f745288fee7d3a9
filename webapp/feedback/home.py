"""What feedback adds to the home pages: plain functions the home views call."""

from datetime import date

from ..accounts.models import User
from . import services

# The home page shows what needs doing now: the newest few due points; the rest are one link
# away (feedback.due), so the page stays small with 25 placed people and missed points.
SHOWN_ON_HOME = 5
PEOPLE_ON_HOME = 50


def for_supervisor(supervisor: User, today: date) -> dict:
    """templates/feedback/_home_supervisor.html: the newest feedback due, and the placements
    that can have feedback any time."""
    due, running = services.supervisor_overview(supervisor, today)
    return {"feedback_overview": (newest_first(due)[:SHOWN_ON_HOME], running), "feedback_due_total": len(due)}


def newest_first(due: list) -> list:
    return sorted(due, key=lambda item: (item.due_on, item.placement.id), reverse=True)


def for_coach(coach: User) -> dict:
    """templates/feedback/_home_coach.html: the coach's participants with a placement, the
    newest feedback first; a caseload of any size shows at most PEOPLE_ON_HOME of them (each
    participant's feedback is on their own page too)."""
    people, more = services.people_with_placements(coach, PEOPLE_ON_HOME)
    return {"feedback_people": people, "feedback_people_more": more, "feedback_people_shown": PEOPLE_ON_HOME}
