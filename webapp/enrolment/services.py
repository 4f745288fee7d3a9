"""Enrol a participant, move them along the way, record contact and exit, share access.

Who may see a participant is decided in webapp.participants.services (visibility_clause):
every function here that takes a participant expects one that came through participant_for."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.exceptions import NotFound

from ..accounts.models import Membership, Municipality, Organisation, Role, User
from ..database import insert_once
from ..extensions import db
from ..input import optional_text
from ..participants.services import new_sign_in_number
from ..privacy.consent import record_taking_part
from ..timeutil import local_today
from .models import PHASES, Education, Enrolment, ExitOutcome, Gender, LabourStatus, Phase, PhaseChange, SharedAccess


@dataclass
class EntryData:
    """What the coach writes down at enrolment (the ESF entry data among it)."""

    full_name: str
    short_name: str | None
    language: str
    municipality_id: int
    gender: Gender
    birth_year: int
    education: Education
    labour_status: LabourStatus
    newly_arrived: bool
    starts_on: date
    consent_on: date
    consent_purpose: str
    phone: str | None = None
    email: str | None = None

    @classmethod
    def of(cls, enrolment: "Enrolment") -> "EntryData":
        """What is written down now, to correct it."""
        person = enrolment.participant
        return cls(
            full_name=person.full_name,
            short_name=person.short_name,
            language=person.preferred_language,
            consent_purpose=enrolment.consent_purpose,
            phone=enrolment.phone,
            email=enrolment.email,
            **{name: getattr(enrolment, name) for name in KEPT_AS_WRITTEN},
        )


# The entry data the enrolment keeps exactly as the form gives it. A new entry field is a column,
# a field of EntryData and the form's field: add it here too when it needs no trimming.
KEPT_AS_WRITTEN = (
    "municipality_id",
    "gender",
    "birth_year",
    "education",
    "labour_status",
    "newly_arrived",
    "starts_on",
    "consent_on",
)


def _write_entry(enrolment: "Enrolment", entry: EntryData) -> None:
    """Put the entry data on the enrolment and its participant (at enrolment and to correct it)."""
    person = enrolment.participant
    person.full_name, person.short_name = entry.full_name.strip(), optional_text(entry.short_name)
    person.preferred_language = entry.language
    for name in KEPT_AS_WRITTEN:
        setattr(enrolment, name, getattr(entry, name))
    enrolment.phone, enrolment.email = optional_text(entry.phone), optional_text(entry.email)
    enrolment.consent_purpose = entry.consent_purpose.strip()


def municipalities_for(organisation: Organisation, current: Municipality | None = None) -> list[Municipality]:
    """The municipalities of the organisation's programme (a participant may live in any), and
    the one an enrolment already has."""
    found = list(organisation.programme.municipalities) or (
        [organisation.municipality] if organisation.municipality else []
    )
    return found + [current] if current is not None and current not in found else found


def enrol(coach: User, organisation: Organisation, entry: EntryData) -> User:
    """Make the participant's account and their enrolment in one go; the coach is responsible."""
    participant = User(sign_in_name=new_sign_in_number())
    participant.memberships.append(Membership(organisation=organisation, role=Role.PARTICIPANT))
    enrolment = Enrolment(
        participant=participant,
        organisation=organisation,
        responsible_coach=coach,
        phase=Phase.TRUST,
        last_contact_on=local_today(),
    )
    _write_entry(enrolment, entry)
    enrolment.phase_changes.append(
        PhaseChange(from_phase=None, to_phase=Phase.TRUST, changed_on=entry.starts_on, changed_by=coach)
    )
    db.session.add_all([participant, enrolment])
    db.session.flush()
    record_taking_part(participant, coach, entry.consent_on, enrolment.consent_purpose)
    return participant


def correct_entry(enrolment: Enrolment, entry: EntryData) -> None:
    """Correct what was written at enrolment (a typo in a name, a wrong birth year)."""
    from ..results.participant_file import corrected  # the participant file's months to send again

    corrected(enrolment.organisation.programme_id, min(enrolment.starts_on, entry.starts_on))
    _write_entry(enrolment, entry)
    db.session.flush()


def enrolment_for(coach: User, participant: User) -> Enrolment:
    """The enrolment of a participant the coach may see (participant_for was called first), with
    what its record shows: municipality, phases and who set them, the colleagues it is shared with."""
    query = (
        select(Enrolment)
        .options(
            joinedload(Enrolment.responsible_coach),
            joinedload(Enrolment.municipality),
            joinedload(Enrolment.colleagues).joinedload(SharedAccess.coach),
            selectinload(Enrolment.phase_changes).joinedload(PhaseChange.changed_by),
        )
        .where(Enrolment.participant_id == participant.id)
    )
    enrolment = db.session.scalars(query).unique().one_or_none()
    if enrolment is None:
        raise NotFound()
    return enrolment


def move_to(coach: User, enrolment: Enrolment, phase: Phase) -> PhaseChange | None:
    """Move the participant to a phase (usually the next); kept with its day and who. Moving to
    the phase they are already in changes nothing (a double click does not count twice)."""
    if enrolment.phase == phase:
        return None
    change = PhaseChange(from_phase=enrolment.phase, to_phase=phase, changed_on=local_today(), changed_by=coach)
    enrolment.phase_changes.append(change)
    enrolment.phase = phase
    db.session.flush()
    return change


def record_exit(enrolment: Enrolment, exited_on: date, outcome: ExitOutcome) -> None:
    from ..results.participant_file import corrected  # the participant file's months to send again

    corrected(enrolment.organisation.programme_id, min(exited_on, enrolment.exited_on or exited_on))
    enrolment.exited_on, enrolment.exit_outcome = exited_on, outcome
    db.session.flush()


def undo_exit(enrolment: Enrolment) -> None:
    from ..results.participant_file import corrected  # the participant file's months to send again

    if enrolment.exited_on is not None:
        corrected(enrolment.organisation.programme_id, enrolment.exited_on)
    enrolment.exited_on = enrolment.exit_outcome = None
    db.session.flush()


def log_contact(enrolment: Enrolment, on: date) -> None:
    """The coach met or spoke with the participant; the latest day is what the caseload shows."""
    if enrolment.last_contact_on is None or on > enrolment.last_contact_on:
        enrolment.last_contact_on = on
    db.session.flush()


# Sharing with colleagues


def may_share(coach: User, enrolment: Enrolment) -> bool:
    return enrolment.responsible_coach_id == coach.id


def colleagues_to_share_with(enrolment: Enrolment) -> list[User]:
    """Coaches of the participant's organisation who cannot see them yet."""
    taken = {enrolment.responsible_coach_id} | {s.coach_id for s in enrolment.colleagues}
    coaches = db.session.scalars(
        select(User)
        .join(Membership)
        .where(
            Membership.organisation_id == enrolment.organisation_id,
            Membership.role == Role.COACH,
            User.active.is_(True),
        )
        .order_by(User.full_name)
    )
    return [c for c in coaches if c.id not in taken]


def share_with(coach: User, enrolment: Enrolment, colleague_id: int) -> None:
    """Only the responsible coach shares, and only with a coach of the same organisation."""
    if not may_share(coach, enrolment):
        raise NotFound()
    colleague = next((c for c in colleagues_to_share_with(enrolment) if c.id == colleague_id), None)
    if colleague is None:
        if any(s.coach_id == colleague_id for s in enrolment.colleagues):
            return  # already shared: the same request twice is fine
        raise ValueError("not a colleague")
    # A second tap (or one that got there first) finds it shared already: shared is shared.
    insert_once(SharedAccess(enrolment_id=enrolment.id, coach_id=colleague.id, granted_by_id=coach.id))
    db.session.expire(enrolment, ["colleagues"])


def stop_sharing(coach: User, enrolment: Enrolment, colleague_id: int) -> None:
    if not may_share(coach, enrolment):
        raise NotFound()
    for shared in list(enrolment.colleagues):
        if shared.coach_id == colleague_id:
            enrolment.colleagues.remove(shared)
    db.session.flush()


# The way as the participant sees it


@dataclass
class WayStep:
    phase: Phase
    state: str  # "done", "current" or "ahead"
    since: date | None


def way_of(enrolment: Enrolment | None) -> list[WayStep]:
    """The seven phases, each done, current or ahead; the current one with the day it began."""
    if enrolment is None:
        return []
    current = enrolment.phase.number
    since = next((c.changed_on for c in reversed(enrolment.phase_changes) if c.to_phase == enrolment.phase), None)
    return [
        WayStep(
            p,
            "done" if p.number < current else "current" if p.number == current else "ahead",
            since if p.number == current else None,
        )
        for p in PHASES
    ]
