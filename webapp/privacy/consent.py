"""Consent per purpose: given (when, how, recorded by whom), seen by the participant, and
withdrawn by them where the law bases the processing on consent. Withdrawing stops the
sharing at once: what the purpose let others see is removed in the same transaction."""

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..extensions import db
from ..placements.models import SharedAdaptation
from ..timeutil import STOCKHOLM, utcnow
from .models import Consent, ConsentMethod, Purpose


class NotBasedOnConsent(Exception):
    """The purpose rests on a public task or a legal obligation: it cannot be withdrawn as a consent."""


@dataclass
class PurposeState:
    purpose: Purpose
    consent: Consent | None

    @property
    def active(self) -> bool:
        return self.consent is not None and self.consent.active


def latest(participant_id: int, purpose: Purpose) -> Consent | None:
    return db.session.scalar(
        select(Consent)
        .where(Consent.participant_id == participant_id, Consent.purpose == purpose)
        .order_by(Consent.given_on.desc(), Consent.id.desc())
        .limit(1)
    )


def has_consent(participant_id: int, purpose: Purpose) -> bool:
    """For other features: may this purpose's processing go on now?"""
    found = latest(participant_id, purpose)
    return found is not None and found.active


def consenting(participant_ids, purpose: Purpose) -> set[int]:
    """Of these participants, those whose latest consent to the purpose is in force now (the
    has_consent of many people at once: one query)."""
    rows = db.session.scalars(
        select(Consent)
        .where(Consent.participant_id.in_(set(participant_ids)), Consent.purpose == purpose)
        .order_by(Consent.given_on, Consent.id)
    )
    latest_of = {row.participant_id: row for row in rows}  # the last one of each person counts
    return {participant_id for participant_id, row in latest_of.items() if row.active}


def consents_of(participant: User) -> list[PurposeState]:
    """Every purpose, with the consent that counts now (the latest), in a fixed order, and who
    recorded it (the page names them)."""
    rows = db.session.scalars(
        select(Consent)
        .options(joinedload(Consent.recorded_by))
        .where(Consent.participant_id == participant.id)
        .order_by(Consent.given_on, Consent.id)
    )
    by_purpose = {row.purpose: row for row in rows}
    return [PurposeState(purpose, by_purpose.get(purpose)) for purpose in Purpose]


def record(
    participant: User,
    purpose: Purpose,
    method: ConsentMethod,
    recorded_by: User | None,
    given_on: datetime | None = None,
    note: str = "",
) -> Consent:
    """A new consent (a purpose given again after a withdrawal is a new row: the history stays)."""
    current = latest(participant.id, purpose)
    if current is not None and current.active:
        return current
    consent = Consent(
        participant_id=participant.id,
        purpose=purpose,
        method=method,
        given_on=given_on or utcnow(),
        recorded_by_id=recorded_by.id if recorded_by else None,
        note=note[:500],
    )
    db.session.add(consent)
    db.session.flush()
    return consent


def noon(day: date) -> datetime:
    """A consent given on a day (on paper) is stored as noon of that day in Stockholm."""
    return datetime.combine(day, time(12), STOCKHOLM)


def record_taking_part(participant: User, coach: User, day: date, purpose_text: str) -> Consent:
    """At enrolment: the consent the coach ticks, on paper, with the purpose the person agreed to."""
    return record(participant, Purpose.TAKING_PART, ConsentMethod.PAPER, coach, noon(day), purpose_text)


def withdraw(participant: User, purpose: Purpose, by: User) -> Consent | None:
    """Withdraw, and stop what the consent allowed right away."""
    if not purpose.rests_on_consent:
        raise NotBasedOnConsent(purpose)
    current = latest(participant.id, purpose)
    if current is None or not current.active:
        return None
    current.withdrawn_at, current.withdrawn_by_id = utcnow(), by.id
    for stop in ON_WITHDRAW.get(purpose, ()):
        stop(participant)
    db.session.flush()
    return current


def _stop_sharing_with_employers(participant: User) -> None:
    db.session.execute(delete(SharedAdaptation).where(SharedAdaptation.participant_id == participant.id))


# What each purpose's withdrawal stops. Features that share on a consent add theirs here
# (the team around the participant: OTHER_ORGANISATIONS; ESF sensitive answers: SENSITIVE_ESF).
ON_WITHDRAW = {
    Purpose.EMPLOYER: [_stop_sharing_with_employers],
}
