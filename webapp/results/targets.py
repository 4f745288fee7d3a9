"""The programme's targets: data a programme admin sets, so a sister programme needs no code change."""

from sqlalchemy import select

from ..accounts.models import Programme, User
from ..extensions import db
from .models import Target, TargetCode

# The reference programme's targets (Strategisk samverkan i Skåne Nordost), for the demo seed.
REFERENCE_TARGETS = {
    TargetCode.PARTICIPANTS: 150,
    TargetCode.WOMEN: 80,
    TargetCode.MEN: 70,
    TargetCode.MOVED_ON_FROM_HEALTH: 120,
    TargetCode.ORIENTATION_THEN_PLACEMENT: 90,
    TargetCode.WORK_OR_STUDIES: 75,
    TargetCode.WORK: 65,
    TargetCode.STUDIES: 10,
    TargetCode.CLOSER_TO_WORK: None,
    TargetCode.EMPLOYERS: 100,
    TargetCode.EMPLOYERS_SIGNED: 10,
    TargetCode.SOCIAL_ENTERPRISES: 1,
    TargetCode.PLACEMENTS: 90,
}


def targets_of(programme_id: int) -> dict[TargetCode, int | None]:
    """Every target code with the programme's number (None: followed without a number)."""
    found = dict(db.session.execute(select(Target.code, Target.value).where(Target.programme_id == programme_id)).all())
    return {code: found.get(code) for code in TargetCode}


def set_targets(programme: Programme, values: dict[TargetCode, int | None], by: User | None = None) -> None:
    """Store the programme's targets (whole numbers >= 0, checked by the form and the database)."""
    rows = {t.code: t for t in db.session.scalars(select(Target).where(Target.programme_id == programme.id))}
    for code, value in values.items():
        if value is not None and value < 0:
            raise ValueError("a target is never negative")
        row = rows.get(code)
        if row is None:
            row = Target(programme_id=programme.id, code=code)
            db.session.add(row)
        row.value = value
        row.updated_by_id = by.id if by else None
    db.session.flush()


def seed_reference(programme: Programme) -> None:
    """The demo programme's targets, unless someone has set them already."""
    if db.session.scalar(select(Target.id).where(Target.programme_id == programme.id).limit(1)) is None:
        set_targets(programme, REFERENCE_TARGETS)
