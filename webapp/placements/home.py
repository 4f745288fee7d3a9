"""What placements add to the home pages: plain functions the home views call. Each gives
templates/placements/_<role>_home.html its `placements_home`."""

from ..accounts.models import Role, User
from ..dates import weekday_names
from . import matching, openings


def for_supervisor(user: User) -> dict:
    return {
        "placements_home": {
            "placements": matching.placements_at(user),
            "waiting": [p for p in matching.proposals_for_employer(user) if p.state.value == "interested"],
            "weekdays": weekday_names(),
        }
    }


def for_participant(participant: User) -> dict:
    return {
        "placements_home": {
            "placements": matching.placements_for_participant(participant),
            "waiting": [p for p in matching.proposals_for_participant(participant) if p.state.value == "proposed"],
            "weekdays": weekday_names(),
        }
    }


def for_programme_admin(user: User) -> dict:
    programmes = {o.programme_id for o in user.organisations_where(Role.PROGRAMME_ADMIN)}
    may_browse = any(openings.participants_may_browse(p) for p in programmes)
    return {"placements_home": {"participants_may_browse": may_browse}}


def for_organisation_admin(user: User) -> dict:
    return {"placements_home": {"employers": openings.employers_of(user, Role.ORGANISATION_ADMIN)}}
