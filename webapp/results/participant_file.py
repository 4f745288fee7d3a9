"""SCB's monthly participant file: for a month, one row per participant who started or ended in
it. A correction to a month already sent marks it, and every later month sent, to send again."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select, update

from ..accounts.models import Municipality, Organisation, User
from ..attendance.services import Month
from ..enrolment.models import Education, Enrolment, ExitOutcome, Gender, LabourStatus
from ..extensions import db
from ..timeutil import utcnow
from .models import FileMonth, ParticipantIdentity


@dataclass
class FileRow:
    name: str
    municipality_code: str
    personal_number: str | None
    birth_date: date | None
    reserve_code: str | None
    gender: Gender
    birth_year: int
    starts_on: date
    exited_on: date | None
    exit_outcome: ExitOutcome | None
    labour_status: LabourStatus
    education: Education
    started: bool  # in this month (else: ended in it)


def rows_for(programme_id: int, month: Month) -> list[FileRow]:
    """Starters and leavers of the month in the programme (one query of plain columns: a
    month of a large programme is thousands of rows, and no object is made for them)."""
    in_month = lambda column: column.between(month.first, month.last)  # noqa: E731
    e, identity = Enrolment, ParticipantIdentity
    query = (
        select(
            User.full_name,
            Municipality.code,
            identity.personal_number,
            identity.birth_date,
            identity.reserve_code,
            e.gender,
            e.birth_year,
            e.starts_on,
            e.exited_on,
            e.exit_outcome,
            e.labour_status,
            e.education,
        )
        .join(User, User.id == e.participant_id)
        .join(Municipality, Municipality.id == e.municipality_id)
        .join(Organisation, Organisation.id == e.organisation_id)
        .outerjoin(identity, identity.enrolment_id == e.id)
        .where(Organisation.programme_id == programme_id, or_(in_month(e.starts_on), in_month(e.exited_on)))
        .order_by(e.starts_on, e.id)
    )
    return [FileRow(*row, started=month.first <= row.starts_on <= month.last) for row in db.session.execute(query)]


def file_month(programme_id: int, month: Month) -> FileMonth | None:
    return db.session.scalar(
        select(FileMonth).where(FileMonth.programme_id == programme_id, FileMonth.month == month.first)
    )


def mark_sent(programme_id: int, month: Month, by: User) -> FileMonth:
    row = file_month(programme_id, month) or FileMonth(programme_id=programme_id, month=month.first)
    row.sent_at, row.sent_by_id, row.resend = utcnow(), by.id, False
    db.session.add(row)
    db.session.flush()
    return row


def corrected(programme_id: int, day: date) -> int:
    """Something of the month holding `day` changed: that month and every later month already
    sent must be sent again. Returns how many months were marked."""
    result = db.session.execute(
        update(FileMonth)
        .where(
            FileMonth.programme_id == programme_id,
            FileMonth.month >= day.replace(day=1),
            FileMonth.sent_at.is_not(None),
        )
        .values(resend=True)
    )
    return result.rowcount


def months_to_resend(programme_id: int) -> list[date]:
    return list(
        db.session.scalars(
            select(FileMonth.month)
            .where(FileMonth.programme_id == programme_id, FileMonth.resend.is_(True))
            .order_by(FileMonth.month)
        )
    )


def save_identity(
    enrolment: Enrolment, personal_number: str | None, birth_date: date | None, reserve_code: str | None
) -> ParticipantIdentity:
    """Record how the file names the participant; a change marks their months to send again."""
    row = db.session.scalar(select(ParticipantIdentity).where(ParticipantIdentity.enrolment_id == enrolment.id))
    row = row or ParticipantIdentity(enrolment_id=enrolment.id)
    changed = (row.personal_number, row.birth_date, row.reserve_code) != (personal_number, birth_date, reserve_code)
    row.personal_number, row.birth_date, row.reserve_code = personal_number, birth_date, reserve_code
    db.session.add(row)
    db.session.flush()
    if changed:
        corrected(enrolment.organisation.programme_id, enrolment.starts_on)
    return row


def identity_of(enrolment: Enrolment) -> ParticipantIdentity | None:
    return db.session.scalar(select(ParticipantIdentity).where(ParticipantIdentity.enrolment_id == enrolment.id))
