"""Participant-certified time: the participant sees a month's confirmed hours and certifies
them with one tap, or disputes a day with a reason (the coach and the supervisor see it).
The certificate replaces the monthly paper signed by hand."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import NotFound

from ..accounts.models import Organisation, Role, User
from ..attendance.services import Month, placement_months
from ..database import insert_once
from ..enrolment.models import Enrolment
from ..extensions import db
from ..participants.services import participant_for, visibility_clause
from ..placements.models import Placement
from ..privacy.readlog import log_read
from .models import DayDispute, MonthCertificate

REASON_LENGTH = 500


class CertifyError(Exception):
    """Something the participant can fix; the message says what."""


@dataclass
class HourRow:
    day: date
    placement: Placement
    minutes: int
    confirmed_by: User | None
    confirmed_at: object
    dispute: DayDispute | None = None


@dataclass
class MonthHours:
    participant: User
    month: Month
    rows: list[HourRow] = field(default_factory=list)
    unconfirmed_days: int = 0
    certificate: MonthCertificate | None = None

    @property
    def total_minutes(self) -> int:
        return sum(r.minutes for r in self.rows)

    def minutes_by_kind(self) -> dict:
        totals = {}
        for row in self.rows:
            totals[row.placement.kind] = totals.get(row.placement.kind, 0) + row.minutes
        return totals

    @property
    def disputes(self) -> list[DayDispute]:
        return [r.dispute for r in self.rows if r.dispute is not None]


def month_hours(participant: User, month: Month) -> MonthHours:
    """The month's confirmed days with time at the participant's placements (and activities where
    attendance is recorded: none are yet), with any dispute and the certificate."""
    placements = list(
        db.session.scalars(
            select(Placement)
            .options(joinedload(Placement.organisation))
            .where(Placement.participant_id == participant.id)
        )
    )
    disputes = {
        (d.placement_id, d.day): d
        for d in db.session.scalars(
            select(DayDispute).where(
                DayDispute.participant_id == participant.id, DayDispute.day.between(month.first, month.last)
            )
        )
    }
    hours = MonthHours(
        participant=participant,
        month=month,
        certificate=db.session.scalar(
            select(MonthCertificate).where(
                MonthCertificate.participant_id == participant.id, MonthCertificate.month == month.first
            )
        ),
    )
    for placement_month in placement_months(placements, month):
        for shown in placement_month.days:
            week = placement_month.week_of(shown.day)
            if not placement_month.is_confirmed(shown.day):
                hours.unconfirmed_days += shown.expected
                continue
            if shown.minutes:
                hours.rows.append(
                    HourRow(
                        shown.day,
                        placement_month.placement,
                        shown.minutes,
                        week.confirmed_by,
                        week.confirmed_at,
                        disputes.get((placement_month.placement.id, shown.day)),
                    )
                )
    hours.rows.sort(key=lambda r: (r.day, r.placement.id))
    return hours


def check_month(month: Month, today: date) -> None:
    if month.first > today:
        raise CertifyError("future")


def certify(participant: User, month: Month, today: date) -> MonthCertificate:
    """One tap certifies the month as shown; a second tap (or a retried request) finds the first."""
    check_month(month, today)
    if month.last > today:
        raise CertifyError("not_ended")
    hours = month_hours(participant, month)
    if hours.certificate is not None:
        return hours.certificate
    certificate = MonthCertificate(participant_id=participant.id, month=month.first, minutes=hours.total_minutes)
    if not insert_once(certificate):  # the other tap got there first
        return db.session.scalar(
            select(MonthCertificate).where(
                MonthCertificate.participant_id == participant.id, MonthCertificate.month == month.first
            )
        )
    return certificate


def dispute(participant: User, month: Month, placement_id: int, day: date, reason: str, today: date) -> DayDispute:
    """The participant says a confirmed day is wrong, and why."""
    check_month(month, today)
    reason = (reason or "").strip()
    if not reason:
        raise CertifyError("no_reason")
    if len(reason) > REASON_LENGTH:
        raise CertifyError("too_long")
    hours = month_hours(participant, month)
    row = next((r for r in hours.rows if r.placement.id == placement_id and r.day == day), None)
    if row is None:
        raise NotFound()
    found = row.dispute or DayDispute(participant_id=participant.id, placement_id=placement_id, day=day, reason=reason)
    found.reason = reason
    db.session.add(found)
    db.session.flush()
    return found


def participant_for_certificate(user: User, participant_id: int) -> User:
    """The participant themselves, a coach who may see them, or their programme's admin; 404 otherwise."""
    if user.id == participant_id and user.has_any_role(Role.PARTICIPANT):
        return user
    if user.has_any_role(Role.COACH):
        try:
            return participant_for(user, participant_id)
        except NotFound:
            pass
    programmes = {o.programme_id for o in user.organisations_where(Role.PROGRAMME_ADMIN)}
    participant = db.session.scalar(
        select(User)
        .join(Enrolment, Enrolment.participant_id == User.id)
        .join(Organisation, Organisation.id == Enrolment.organisation_id)
        .where(User.id == participant_id, Organisation.programme_id.in_(programmes))
    )
    if participant is None:
        raise NotFound()
    log_read(participant.id)
    return participant


@dataclass
class MonthStatus:
    participant: User
    certified_at: object | None
    disputes: int


def within_reach(user: User, query):
    """The query (joined to Enrolment) kept to the participants the person answers for: a
    programme admin's whole programme, or a coach's own and shared; None for anyone else."""
    programmes = {o.programme_id for o in user.organisations_where(Role.PROGRAMME_ADMIN)}
    if programmes:
        return query.join(Organisation, Organisation.id == Enrolment.organisation_id).where(
            Organisation.programme_id.in_(programmes)
        )
    if user.has_any_role(Role.COACH):
        return query.where(visibility_clause(user))
    return None


def month_overview(user: User, month: Month) -> list[MonthStatus]:
    """Which participants certified the month: a coach's own, or a programme admin's whole programme.
    Three queries, whatever the number of participants."""
    query = within_reach(user, select(User).join(Enrolment, Enrolment.participant_id == User.id))
    if query is None:
        return []
    query = query.where(
        Enrolment.starts_on <= month.last, (Enrolment.exited_on.is_(None)) | (Enrolment.exited_on >= month.first)
    )
    people = list(db.session.scalars(query.order_by(User.full_name)))
    ids = query.with_only_columns(User.id).scalar_subquery()
    certified = dict(
        db.session.execute(
            select(MonthCertificate.participant_id, MonthCertificate.certified_at).where(
                MonthCertificate.month == month.first, MonthCertificate.participant_id.in_(ids)
            )
        ).all()
    )
    disputed = {}
    for participant_id in db.session.scalars(
        select(DayDispute.participant_id).where(
            DayDispute.participant_id.in_(ids), DayDispute.day.between(month.first, month.last)
        )
    ):
        disputed[participant_id] = disputed.get(participant_id, 0) + 1
    log_read(p.id for p in people)
    return [MonthStatus(p, certified.get(p.id), disputed.get(p.id, 0)) for p in people]


def disputes_for_supervisor(supervisor: User) -> list[DayDispute]:
    """Disputed days at placements the person supervises, newest first, with who disputed each."""
    return list(
        db.session.scalars(
            select(DayDispute)
            .options(joinedload(DayDispute.participant))
            .join(Placement, Placement.id == DayDispute.placement_id)
            .where(Placement.supervisor_id == supervisor.id)
            .order_by(DayDispute.created_at.desc())
            .limit(20)
        )
    )
