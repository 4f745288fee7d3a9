"""Who may see which placement. Later features (openings, attendance, feedback) build on these."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import NotFound

from ..accounts.models import User
from ..extensions import db
from ..request_memo import kept_for_the_request
from ..week import WeekItem, weekly_items
from .models import Placement


def supervised_by(supervisor: User, on: date | None = None) -> list[Placement]:
    """The placements a supervisor is named on (running on the given day, when one is given),
    the earliest first, with participant and workplace."""
    placements = _supervised(supervisor)
    if on is None:
        return placements
    return [p for p in placements if p.starts_on <= on and (p.ends_on is None or p.ends_on >= on)]


@kept_for_the_request
def _supervised(supervisor: User) -> list[Placement]:
    """Asked once a request by the supervisor's home: its weeks to confirm and its feedback."""
    query = (
        select(Placement)
        .options(
            joinedload(Placement.participant),
            joinedload(Placement.organisation),
        )
        .where(Placement.supervisor_id == supervisor.id)
        .order_by(Placement.starts_on, Placement.id)
    )
    return list(db.session.scalars(query))


def placement_for_supervisor(supervisor: User, placement_id: int) -> Placement:
    """The placement, if this person supervises it; 404 otherwise (its existence is not told)."""
    placement = db.session.get(Placement, placement_id)
    if placement is None or placement.supervisor_id != supervisor.id:
        raise NotFound()
    return placement


@kept_for_the_request
def placements_of(participant: User) -> list[Placement]:
    """The participant's placements, the earliest first, with their workplaces: asked once a
    request by the week, the placements card, attendance and feedback alike."""
    query = (
        select(Placement)
        .options(joinedload(Placement.organisation))
        .where(Placement.participant_id == participant.id)
        .order_by(Placement.starts_on, Placement.id)
    )
    return list(db.session.scalars(query))


def placement_days(participant: User, first_day: date, last_day: date) -> list[WeekItem]:
    """The participant's scheduled placement days in the period."""
    return [
        item
        for placement in placements_of(participant)
        for item in weekly_items(placement, placement.schedule, first_day, last_day, "placement")
    ]


def running_placements(participant_ids, on: date) -> dict[int, list[Placement]]:
    """Each participant's placements running on the day, with their workplace: one query."""
    running: dict[int, list[Placement]] = {}
    for placement in placements_of_people(tuple(participant_ids)):
        if placement.starts_on <= on and (placement.ends_on is None or placement.ends_on >= on):
            running.setdefault(placement.participant_id, []).append(placement)
    return running


@kept_for_the_request
def placements_of_people(participant_ids: tuple[int, ...]) -> list[Placement]:
    """Every placement of these participants, the earliest first, with its workplace: asked
    once a request by the caseload's placements and its attendance flags."""
    if not participant_ids:
        return []
    query = (
        select(Placement)
        .options(joinedload(Placement.organisation))
        .where(Placement.participant_id.in_(participant_ids))
        .order_by(Placement.starts_on, Placement.id)
    )
    return list(db.session.scalars(query))
