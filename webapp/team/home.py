"""What the participant's home page shows of their team."""

from ..accounts.models import User
from .services import team_of


def for_participant(participant: User) -> dict:
    """The context for templates/team/_my_team.html: who is in the team, with access now."""
    return {"team": [seat for seat in team_of(participant) if seat.active]}
