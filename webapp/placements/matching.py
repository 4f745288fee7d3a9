"""The match: a coach proposes a participant for an opening, the participant answers, the
employer accepts (a placement is made, once) or declines. Each party reads the proposal
through its own function, and an employer sees only what a supervisor needs."""

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.exceptions import NotFound

from .. import events
from ..accounts.models import Role, User
from ..database import guarded_update, insert_once, lock_row
from ..enrolment.models import Enrolment
from ..extensions import db
from ..i18n import LANGUAGES
from ..input import optional_text
from ..participants.services import participant_for, visibility_clause
from ..privacy.readlog import log_read
from ..timeutil import local_today, utcnow
from .models import (
    ADAPTATIONS,
    Opening,
    OpeningStatus,
    Placement,
    PlacementDay,
    Proposal,
    ProposalState,
    SharedAdaptation,
)
from .openings import employers_of, opening_for_reader, openings_of
from .services import placements_of, supervised_by

# What the employer may see: nothing before the participant has said they are interested.
SEEN_BY_EMPLOYER = (ProposalState.INTERESTED, ProposalState.ACCEPTED, ProposalState.DECLINED)
# The participant may change their mind until the employer has answered.
ANSWERABLE = (ProposalState.PROPOSED, ProposalState.INTERESTED, ProposalState.NOT_INTERESTED)


class AlreadyProposed(Exception):
    pass


class NotOpen(Exception):
    pass


class OpeningFull(Exception):
    """Every place of the opening is taken: no further placement on it."""


class AlreadyDecided(Exception):
    """The employer (or another admin of it) has already answered this proposal."""


class InvalidSchedule(ValueError):
    def __init__(self, weekday: int | None, reason: str):
        super().__init__(reason)
        self.weekday, self.reason = weekday, reason


def _with_opening():
    return (joinedload(Proposal.opening).joinedload(Opening.organisation),)


# --- The coach ---------------------------------------------------------------------------


def propose(coach: User, participant_id: int, opening_id: int, note: str | None) -> Proposal:
    """Propose a participant the coach may see for an open opening. Twice is refused, not doubled."""
    participant = participant_for(coach, participant_id)
    opening = opening_for_reader(coach, opening_id)
    if opening.status is not OpeningStatus.OPEN:
        raise NotOpen()
    existing = db.session.scalar(
        select(Proposal.id).where(Proposal.opening_id == opening.id, Proposal.participant_id == participant.id)
    )
    if existing is not None:
        raise AlreadyProposed()
    proposal = Proposal(
        opening_id=opening.id, participant_id=participant.id, coach_id=coach.id, note=optional_text(note)
    )
    if not insert_once(proposal):  # the same proposal sent twice at once
        raise AlreadyProposed()
    events.proposal_made.send(
        proposal,
        recipients=[participant],
        url=events.path_to("placements.mine"),
        opening=opening.title,
        participant_id=participant.id,
    )
    return proposal


def proposals_for_coach(coach: User, participant_id: int) -> tuple[User, list[Proposal], list[Placement]]:
    """A participant the coach may see, their proposals and their placements."""
    participant = participant_for(coach, participant_id)
    proposals = db.session.scalars(
        select(Proposal)
        .options(*_with_opening())
        .where(Proposal.participant_id == participant.id)
        .order_by(Proposal.created_at.desc(), Proposal.id.desc())
    ).all()
    placements = db.session.scalars(
        select(Placement)
        .options(joinedload(Placement.organisation), joinedload(Placement.supervisor))
        .where(Placement.participant_id == participant.id)
        .order_by(Placement.starts_on.desc())
    ).all()
    return participant, list(proposals), list(placements)


def proposals_at_opening(coach: User, opening: Opening) -> list[Proposal]:
    """The proposals at an opening for participants this coach may see (asked in the query,
    not by loading the coach's whole caseload)."""
    visible = select(Enrolment.participant_id).where(visibility_clause(coach))
    query = (
        select(Proposal)
        .options(joinedload(Proposal.participant))
        .where(Proposal.opening_id == opening.id, Proposal.participant_id.in_(visible))
        .order_by(Proposal.id)
    )
    return list(db.session.scalars(query))


# --- The participant ---------------------------------------------------------------------


def proposals_for_participant(participant: User) -> list[Proposal]:
    query = (
        select(Proposal)
        .options(*_with_opening())
        .where(Proposal.participant_id == participant.id)
        .order_by(Proposal.created_at.desc(), Proposal.id.desc())
    )
    return list(db.session.scalars(query))


def proposal_for_participant(participant: User, proposal_id: int) -> Proposal:
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or proposal.participant_id != participant.id:
        raise NotFound()
    return proposal


def answer(participant: User, proposal_id: int, interested: bool) -> Proposal:
    """The participant says interested or not; they may change their mind until the employer answers."""
    proposal = proposal_for_participant(participant, proposal_id)
    was = proposal.state
    state = ProposalState.INTERESTED if interested else ProposalState.NOT_INTERESTED
    if not guarded_update(
        Proposal, Proposal.id == proposal.id, Proposal.state.in_(ANSWERABLE), state=state, answered_at=utcnow()
    ):
        raise AlreadyDecided()
    db.session.refresh(proposal)
    if was is not state:  # the same answer twice tells the coach once
        _tell_decision(proposal, tell_participant=False)
    return proposal


def _tell_decision(proposal: Proposal, tell_participant: bool) -> None:
    """The proposal's new state, for the coach who made it and (when the employer answered)
    the participant."""
    about = dict(
        state=proposal.state,
        opening=proposal.opening.title,
        **events.about_participant(proposal.participant),
    )
    coach_page = events.path_to("placements.for_participant", participant_id=proposal.participant_id)
    events.proposal_decided.send(proposal, recipients=[proposal.coach], url=coach_page, **about)
    if tell_participant:
        own_page = events.path_to("placements.mine")
        events.proposal_decided.send(proposal, recipients=[proposal.participant], url=own_page, **about)


def shared_adaptations(participant: User) -> list[str]:
    return list(
        db.session.scalars(
            select(SharedAdaptation.code)
            .where(SharedAdaptation.participant_id == participant.id)
            .order_by(SharedAdaptation.code)
        )
    )


def share_adaptations(participant: User, codes: list[str]) -> list[str]:
    """The participant chooses which of their needs employers may know about (all others stay hidden)."""
    chosen = sorted({c for c in codes if c in ADAPTATIONS})
    db.session.execute(SharedAdaptation.__table__.delete().where(SharedAdaptation.participant_id == participant.id))
    db.session.add_all(SharedAdaptation(participant_id=participant.id, code=c) for c in chosen)
    db.session.flush()
    return chosen


# --- The employer ------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonForEmployer:
    """All an employer learns of a participant: what to call them, their language, the needs
    they chose to share. Templates for employers get this, never the User."""

    called: str
    language: str
    adaptations: tuple[str, ...]


def called_name(user: User) -> str:
    """The name the person wants to be called; failing that, the first word of the full name
    (split on any whitespace, so it works in every script)."""
    if user.short_name and user.short_name.strip():
        return user.short_name.strip()
    words = (user.full_name or "").split()
    return words[0] if words else ""


def person_for_employer(participant: User) -> PersonForEmployer:
    language = LANGUAGES.get(participant.preferred_language)
    return PersonForEmployer(
        called=called_name(participant),
        language=language.own_name if language else "",
        adaptations=tuple(shared_adaptations(participant)),
    )


def proposals_for_employer(user: User) -> list[Proposal]:
    """Proposals at the person's employers that the participant has said yes to (and the answered
    ones), with the participant (the page shows the name they are called by)."""
    ids = [o.id for o in employers_of(user)]
    query = (
        select(Proposal)
        .join(Proposal.opening)
        .options(*_with_opening(), joinedload(Proposal.participant), selectinload(Proposal.placement))
        .where(Opening.organisation_id.in_(ids), Proposal.state.in_(SEEN_BY_EMPLOYER))
        .order_by(Proposal.state, Proposal.answered_at.desc(), Proposal.id.desc())
    )
    proposals = list(db.session.scalars(query))
    log_read(p.participant_id for p in proposals)
    return proposals


def employer_overview(user: User) -> dict:
    """The employer's page: proposals waiting for an answer, answered ones, and each of the person's employers
    with its openings and whether they administer it; 404 for someone at no employer."""
    employers = employers_of(user)
    if not employers:
        raise NotFound()
    administered = {o.id for o in employers_of(user, Role.ORGANISATION_ADMIN)}
    posted = openings_of(employers)
    proposals = proposals_for_employer(user)
    return {
        "waiting": [p for p in proposals if p.state is ProposalState.INTERESTED],
        "answered": [p for p in proposals if p.state is not ProposalState.INTERESTED],
        "employers": [(o, [x for x in posted if x.organisation_id == o.id]) for o in employers],
        "administered": administered,
    }


def proposal_for_employer(user: User, proposal_id: int) -> Proposal:
    """A proposal at one of the person's employers, once the participant is interested; 404 otherwise."""
    proposal = db.session.get(Proposal, proposal_id)
    if (
        proposal is None
        or proposal.state not in SEEN_BY_EMPLOYER
        or proposal.opening.organisation_id not in {o.id for o in employers_of(user)}
    ):
        raise NotFound()
    log_read(proposal.participant_id)
    return proposal


def check_schedule(schedule: list[tuple[int, time, time]]) -> None:
    """Each day: a weekday once, an end after the start, more than 0 and at most 24 hours."""
    if not schedule:
        raise InvalidSchedule(None, "empty")
    seen = set()
    for weekday, starts_at, ends_at in schedule:
        if not 0 <= weekday <= 6 or weekday in seen:
            raise InvalidSchedule(weekday, "weekday")
        seen.add(weekday)
        minutes = (ends_at.hour * 60 + ends_at.minute) - (starts_at.hour * 60 + starts_at.minute)
        if minutes <= 0:
            raise InvalidSchedule(weekday, "order")
        if minutes > 24 * 60:
            raise InvalidSchedule(weekday, "too_long")


class InvalidDates(ValueError):
    pass


def _answer(user: User, proposal: Proposal, state: ProposalState) -> None:
    """The employer's answer to an interested participant, given once: AlreadyDecided if
    another tap (or another person) answered first."""
    if not guarded_update(
        Proposal,
        Proposal.id == proposal.id,
        Proposal.state == ProposalState.INTERESTED,
        state=state,
        decided_at=utcnow(),
        decided_by_id=user.id,
    ):
        raise AlreadyDecided()


def decline(user: User, proposal_id: int) -> Proposal:
    proposal = proposal_for_employer(user, proposal_id)
    _answer(user, proposal, ProposalState.DECLINED)
    db.session.refresh(proposal)
    _tell_decision(proposal, tell_participant=True)
    return proposal


def _placements_on(opening_id: int) -> int:
    return db.session.scalar(select(db.func.count(Placement.id)).where(Placement.opening_id == opening_id))


def accept(
    user: User,
    proposal_id: int,
    starts_on: date,
    ends_on: date | None,
    schedule: list[tuple[int, time, time]],
    supervisor_id: int | None = None,
) -> Placement:
    """Accept: the proposal becomes a placement, exactly once. The state changes only from
    'interested' (a guarded update), and a placement's proposal is unique in the database, so
    two taps or two admins at the same moment still make one placement. An opening whose
    places are all taken takes no further placement, also when two are accepted at once."""
    proposal = proposal_for_employer(user, proposal_id)
    if ends_on is not None and ends_on < starts_on:
        raise InvalidDates()
    check_schedule(schedule)
    opening = proposal.opening
    supervisor_id = supervisor_id or opening.supervisor_id
    if supervisor_id is None and opening.organisation in user.organisations_where(Role.SUPERVISOR):
        supervisor_id = user.id
    placement = dict(
        participant_id=proposal.participant_id,
        organisation_id=opening.organisation_id,
        supervisor_id=supervisor_id,
        kind=opening.kind,
        title=opening.title,
        place=opening.place,
        starts_on=starts_on,
        ends_on=ends_on,
        opening_id=opening.id,
        proposal_id=proposal.id,
    )
    # The places are counted under the opening's lock: two acceptances of the last place at the
    # same moment are counted one after the other.
    lock_row(Opening, id=opening.id)
    # Under the lock, what the last writer left: a proposal decided a moment ago is "already
    # decided" (a double tap), not "full" because of its own placement.
    if db.session.scalar(select(Proposal.state).where(Proposal.id == proposal.id)) is not ProposalState.INTERESTED:
        raise AlreadyDecided()
    if _placements_on(opening.id) >= opening.places:
        raise OpeningFull()
    _answer(user, proposal, ProposalState.ACCEPTED)
    made = Placement(**placement)
    made.schedule = [PlacementDay(weekday=d, starts_at=s, ends_at=e) for d, s, e in sorted(schedule)]
    db.session.add(made)
    db.session.flush()
    if _placements_on(opening.id) >= opening.places:
        guarded_update(
            Opening, Opening.id == opening.id, Opening.status == OpeningStatus.OPEN, status=OpeningStatus.FILLED
        )
    db.session.refresh(proposal)
    _tell_decision(proposal, tell_participant=True)
    return made


def placements_at(user: User) -> list[Placement]:
    """Placements not yet ended that the person supervises, or at an employer they administer.
    The supervised ones are those the supervisor's home has already read this request
    (services.supervised_by); only an organisation admin's employers take a query of their own."""
    today = local_today()
    placements = [p for p in supervised_by(user) if p.ends_on is None or p.ends_on >= today]
    administered = [o.id for o in employers_of(user, Role.ORGANISATION_ADMIN)]
    if administered:
        query = (
            select(Placement)
            .options(joinedload(Placement.participant))
            .where(
                Placement.organisation_id.in_(administered),
                (Placement.supervisor_id.is_(None)) | (Placement.supervisor_id != user.id),
                (Placement.ends_on.is_(None)) | (Placement.ends_on >= today),
            )
        )
        placements = sorted([*placements, *db.session.scalars(query)], key=lambda p: (p.starts_on, p.id))
    log_read(p.participant_id for p in placements)
    return placements


def placements_for_participant(participant: User) -> list[Placement]:
    """The participant's placements, the latest first (the same lookup as the week's)."""
    return placements_of(participant)[::-1]
