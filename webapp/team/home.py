"""What the participant's pages show of their team (their home page, their plan, /my-team)."""

from ..accounts.models import User
from ..enrolment.lookup import enrolment_of
from .services import team_of


def for_participant(participant: User) -> dict:
    """The context for templates/team/_my_team.html: who is in the team with access now, and
    the responsible coach (who can always write to them)."""
    enrolment = enrolment_of(participant)
    return {
        "team": [seat for seat in team_of(participant) if seat.active],
        "team_coach": enrolment.responsible_coach if enrolment is not None else None,
    }
