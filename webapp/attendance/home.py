"""What attendance adds to the home pages: plain functions the home views call."""
from datetime import date

from ..accounts.models import User
from . import services


def for_supervisor(supervisor: User, today: date) -> dict:
    """templates/attendance/_supervisor_weeks.html: this week and every earlier week not yet confirmed."""
    return {"attendance_weeks": services.supervisor_weeks(supervisor, today)}


def for_participant(participant: User, today: date) -> dict:
    """templates/attendance/_participant_today.html: this week's days, with "I am here"."""
    return {"attendance_today": services.participant_weeks(participant, today, weeks_back=0)}
