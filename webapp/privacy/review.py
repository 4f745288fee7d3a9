"""Log review (loggkontroll) for a programme admin: samples of the read log, reads without a
relation to the participant flagged, a CSV for Swedish Excel; every review is itself logged."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from werkzeug.exceptions import NotFound

from .. import csvfile
from ..accounts.models import Membership, Organisation, Role, User
from ..catalogue.models import Activity, Referral
from ..enrolment.models import Enrolment, SharedAccess
from ..extensions import db
from ..placements.models import Opening, Placement, Proposal
from ..timeutil import STOCKHOLM
from .models import EventKind, PrivacyEvent, ReadLog

MODES = ("sample", "staff", "participant", "flagged")
LIMIT = 200


@dataclass
class ReviewRow:
    log: ReadLog
    reader: str | None
    organisation: str | None
    participant: str
    related: bool


def admin_programme_ids(admin: User) -> set[int]:
    return {o.programme_id for o in admin.organisations_where(Role.PROGRAMME_ADMIN)}


def _in_programmes(programme_ids: set[int]):
    """Reads of the programmes' participants, whoever the reader was."""
    enrolled = (
        select(Enrolment.participant_id)
        .join(Organisation, Organisation.id == Enrolment.organisation_id)
        .where(Organisation.programme_id.in_(programme_ids))
    )
    return or_(ReadLog.programme_id.in_(programme_ids), ReadLog.participant_id.in_(enrolled))


def review(
    admin: User, mode: str, staff_id: int | None = None, participant_id: int | None = None, size: int = 50
) -> list[ReviewRow]:
    """The rows an admin asked for, in their own programmes only; the review itself is logged."""
    if mode not in MODES:
        raise NotFound()
    programmes = admin_programme_ids(admin)
    query = select(ReadLog).where(_in_programmes(programmes))
    if mode == "sample":
        query = query.order_by(func.random()).limit(max(1, min(size, LIMIT)))
    else:
        if mode == "staff":
            query = query.where(ReadLog.reader_id == staff_id)
        elif mode == "participant":
            query = query.where(ReadLog.participant_id == participant_id)
        query = query.order_by(ReadLog.read_at.desc(), ReadLog.id.desc()).limit(LIMIT if mode != "flagged" else 2000)
    logs = list(db.session.scalars(query))
    related = relations(logs)
    rows = _rows(logs, related)
    if mode == "flagged":
        rows = [r for r in rows if not r.related][:LIMIT]
    detail = {
        "sample": f"random sample of {size}",
        "staff": f"staff member {staff_id}",
        "participant": f"participant {participant_id}",
        "flagged": "reads without a relation",
    }[mode]
    record_event(admin, EventKind.LOG_REVIEW, detail, programmes)
    return rows


def record_event(actor: User, kind: EventKind, detail: str, programme_ids=()) -> None:
    db.session.add(
        PrivacyEvent(
            actor_id=actor.id if actor else None,
            kind=kind,
            detail=detail[:300],
            programme_id=min(programme_ids) if programme_ids else None,
        )
    )
    db.session.flush()


def relations(logs: list[ReadLog]) -> set[int]:
    """Ids of the log rows whose reader has a relation to the participant now: the responsible
    or a sharing coach, the supervisor of a placement, an admin of the employer of a placement
    or proposal, a programme admin, a provider's coach for a referral, or the calendar link.
    A few set queries, no query per row."""
    participants = {log.participant_id for log in logs}
    enrolments = db.session.execute(
        select(Enrolment.participant_id, Enrolment.responsible_coach_id, Enrolment.id).where(
            Enrolment.participant_id.in_(participants)
        )
    ).all()
    coaches = {(p, c) for p, c, _id in enrolments}
    by_enrolment = {e: p for p, _c, e in enrolments}
    coaches |= {
        (by_enrolment[e], c)
        for e, c in db.session.execute(
            select(SharedAccess.enrolment_id, SharedAccess.coach_id).where(SharedAccess.enrolment_id.in_(by_enrolment))
        )
    }
    placements = db.session.execute(
        select(Placement.participant_id, Placement.supervisor_id, Placement.organisation_id).where(
            Placement.participant_id.in_(participants)
        )
    ).all()
    supervisors = {(p, s) for p, s, _o in placements}
    employers = {(p, o) for p, _s, o in placements}
    employers |= set(
        db.session.execute(
            select(Proposal.participant_id, Opening.organisation_id)
            .join(Opening, Opening.id == Proposal.opening_id)
            .where(Proposal.participant_id.in_(participants))
        ).all()
    )
    # An organisation admin sees its own members; a provider's coach the participants referred to it.
    employers |= set(
        db.session.execute(
            select(Membership.user_id, Membership.organisation_id).where(Membership.user_id.in_(participants))
        ).all()
    )
    providers = set(
        db.session.execute(
            select(Referral.participant_id, Activity.organisation_id)
            .join(Activity, Activity.id == Referral.activity_id)
            .where(Referral.participant_id.in_(participants))
        ).all()
    )
    related = set()
    for log in logs:
        pair, at_organisation = (log.participant_id, log.reader_id), (log.participant_id, log.organisation_id)
        if (
            log.reader_id is None
            or log.reader_role == Role.PROGRAMME_ADMIN.value
            or (log.reader_role == Role.COACH.value and (pair in coaches or at_organisation in providers))
            or (log.reader_role == Role.SUPERVISOR.value and pair in supervisors)
            or (log.reader_role == Role.ORGANISATION_ADMIN.value and at_organisation in employers)
        ):
            related.add(log.id)
    return related


def _rows(logs: list[ReadLog], related: set[int]) -> list[ReviewRow]:
    ids = {log.reader_id for log in logs} | {log.participant_id for log in logs}
    names = dict(db.session.execute(select(User.id, User.full_name).where(User.id.in_(ids))).all())
    organisations = dict(
        db.session.execute(
            select(Organisation.id, Organisation.name).where(Organisation.id.in_({log.organisation_id for log in logs}))
        ).all()
    )
    return [
        ReviewRow(
            log=log,
            reader=names.get(log.reader_id),
            organisation=organisations.get(log.organisation_id),
            participant=names.get(log.participant_id, str(log.participant_id)),
            related=log.id in related,
        )
        for log in logs
    ]


def as_csv(rows: list[ReviewRow], header: list[str], labels) -> bytes:
    """Semicolon-separated UTF-8 with a BOM: what Swedish Excel opens correctly (webapp/csvfile.py)."""
    return csvfile.text([header, *map(labels, rows)]).encode("utf-8")


def read_at_local(moment: datetime) -> str:
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
