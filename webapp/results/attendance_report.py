"""The month's attendance across placements: every participant of a coach (or of a programme
admin's programme) in one report, not one placement at a time. A fixed number of queries."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..attendance.models import Status
from ..attendance.services import Month, PlacementMonth, placement_months
from ..enrolment.models import Enrolment
from ..extensions import db
from ..placements.models import Placement
from ..privacy.readlog import log_read
from .certify import within_reach


@dataclass
class ReportRow:
    month: PlacementMonth

    @property
    def placement(self) -> Placement:
        return self.month.placement

    @property
    def unconfirmed_days(self) -> int:
        return sum(1 for d in self.month.days if d.expected and not self.month.is_confirmed(d.day))


def month_attendance(user: User, month: Month) -> list[ReportRow]:
    """Each running placement of the person's participants in the month, with its confirmed totals."""
    query = (
        select(Placement)
        .options(joinedload(Placement.participant), joinedload(Placement.organisation))
        .join(Enrolment, Enrolment.participant_id == Placement.participant_id)
        .where(Placement.starts_on <= month.last, (Placement.ends_on.is_(None)) | (Placement.ends_on >= month.first))
    )
    query = within_reach(user, query)
    if query is None:
        return []
    placements = list(db.session.scalars(query).unique())
    rows = [ReportRow(m) for m in placement_months(placements, month)]
    log_read(r.placement.participant_id for r in rows)
    return sorted(rows, key=lambda r: (r.placement.participant.full_name.casefold(), r.placement.starts_on))


STATUSES = (Status.PRESENT, Status.SICK, Status.ABSENT, Status.EXCUSED)
