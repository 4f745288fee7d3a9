"""What attendance adds to the home pages: plain functions the home views call."""

from datetime import date

from ..accounts.models import User
from . import reading


def for_supervisor(supervisor: User, today: date) -> dict:
    """templates/attendance/_supervisor_weeks.html: the newest few weeks to confirm (older ones
    and the confirmed weeks are on the weeks page)."""
    return {"attendance_backlog": reading.supervisor_backlog(supervisor, today, per_page=reading.HOME_WEEKS)}


def for_participant(participant: User, today: date) -> dict:
    """templates/attendance/_participant_today.html: today's placement day, with "I am here"."""
    weeks = reading.participant_weeks(participant, today, weeks_back=0)
    return {"attendance_today": reading.here_today(weeks, today)}
