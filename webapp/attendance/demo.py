"""Demo attendance: Nils Åberg (supervisor, Nordost Bygg) has Dawit (10000004, Tigrinya) on a
work trial that began a year ago, every week confirmed except the last one and this one.
Idempotent: a second run finds the placement and adds nothing."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..demo.dates import SCHEDULE
from ..extensions import db
from ..placements.demo import demo_placement
from ..placements.models import Placement, PlacementKind
from ..timeutil import local_today
from ..week import monday_of
from .days import expected_days
from .models import AttendanceDay, AttendanceWeek, Status

SUPERVISOR, PARTICIPANT = "nils.aberg@example.org", "10000004"
TITLE = "Lager och montering"


def seed() -> Placement | None:
    supervisor = db.session.scalar(select(User).where(User.sign_in_name == SUPERVISOR))
    participant = db.session.scalar(select(User).where(User.sign_in_name == PARTICIPANT))
    if supervisor is None or participant is None:
        return None
    this_monday = monday_of(local_today())
    placement, made = demo_placement(
        participant,
        supervisor,
        TITLE,
        PlacementKind.WORK_TRIAL,
        "Industrigatan 4, Hässleholm",
        this_monday - timedelta(weeks=52),
        this_monday + timedelta(weeks=12),
        SCHEDULE,
    )
    if not made:
        return placement
    add_history(placement, supervisor, placement.starts_on, this_monday - timedelta(weeks=1))
    db.session.flush()
    return placement


def add_history(placement: Placement, supervisor: User, first_monday, stop_monday) -> None:
    """Confirmed weeks from first_monday up to (not including) stop_monday, with a few sick
    and absent days in a fixed pattern."""
    monday, n = first_monday, 0
    while monday < stop_monday:
        for day, minutes in expected_days(placement, monday, monday + timedelta(days=6)):
            n += 1
            status = Status.SICK if n % 17 == 0 else Status.ABSENT if n % 29 == 0 else Status.PRESENT
            db.session.add(
                AttendanceDay(
                    placement_id=placement.id,
                    day=day,
                    status=status,
                    minutes=minutes if status is Status.PRESENT else 0,
                    set_by_id=supervisor.id,
                    set_at=_friday_afternoon(monday),
                )
            )
        db.session.add(
            AttendanceWeek(
                placement_id=placement.id,
                monday=monday,
                version=1,
                confirmed_at=_friday_afternoon(monday),
                confirmed_by_id=supervisor.id,
            )
        )
        monday += timedelta(days=7)


def _friday_afternoon(monday) -> datetime:
    return datetime.combine(monday + timedelta(days=4), time(14, 30), tzinfo=UTC)
