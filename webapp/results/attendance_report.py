"""The month's attendance across placements: every participant of a coach (or of a programme
admin's programme) in one report, not one placement at a time. A fixed number of queries."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..accounts.models import Organisation, Role, User
from ..attendance.models import Status
from ..attendance.services import Month, PlacementMonth, placement_months
from ..enrolment.models import Enrolment
from ..extensions import db
from ..participants.services import visibility_clause
from ..placements.models import Placement
from ..privacy.readlog import log_read


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
    programmes = {o.programme_id for o in user.organisations_where(Role.PROGRAMME_ADMIN)}
    if programmes:
        query = query.join(Organisation, Organisation.id == Enrolment.organisation_id).where(
            Organisation.programme_id.in_(programmes)
        )
    elif user.has_any_role(Role.COACH):
        query = query.where(visibility_clause(user))
    else:
        return []
    placements = list(db.session.scalars(query).unique())
    rows = [ReportRow(m) for m in placement_months(placements, month)]
    log_read(r.placement.participant_id for r in rows)
    return sorted(rows, key=lambda r: (r.placement.participant.full_name.casefold(), r.placement.starts_on))


STATUSES = (Status.PRESENT, Status.SICK, Status.ABSENT, Status.EXCUSED)
