"""Employers' profiles and openings, browsing openings, and the match, as thin views.

One blueprint, its views by audience: employer_routes.py (profile, openings, decisions on proposals),
coach_routes.py (browsing, one opening, proposing, a participant's placements, the setting) and
participant_routes.py (their proposals, answers and what they share)."""

from flask import Blueprint

from ..accounts.models import Municipality, Role
from ..extensions import db
from ..i18n import language_name
from . import matching
from .models import ADAPTATIONS

bp = Blueprint("placements", __name__)

EMPLOYER_STAFF = (Role.SUPERVISOR, Role.ORGANISATION_ADMIN)
READERS = (Role.COACH, Role.PROGRAMME_ADMIN, Role.PARTICIPANT)


def municipalities_of(programme_id: int) -> list[Municipality]:
    from ..accounts.models import Programme

    return db.session.get(Programme, programme_id).municipalities


# --- Template helpers (formatting only; home page parts are in placements/home.py) ---------


@bp.app_context_processor
def placement_helpers():
    return {"language_name": language_name, "adaptation_labels": ADAPTATIONS, "called_name": matching.called_name}


from . import coach_routes, employer_routes, participant_routes  # noqa: E402,F401  (their views join this blueprint)
