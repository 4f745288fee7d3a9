"""What the catalogue adds to the home pages: plain functions the home views call."""

from ..accounts.models import User
from . import services
from .models import ReferralStatus


def for_participant(participant: User) -> dict:
    """templates/catalogue/_home_participant.html: the activities they take part in now."""
    return {"my_activities": [r for r in services.activities_of(participant) if r.status is ReferralStatus.ACCEPTED]}
