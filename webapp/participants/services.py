"""Participants as their coaches see them: who may see whom, and how they sign in."""

import secrets

from sqlalchemy import Row, and_, select, union
from werkzeug.exceptions import NotFound

from ..accounts.models import Role, User
from ..enrolment.models import Enrolment, SharedAccess
from ..extensions import db
from ..privacy.readlog import log_read
from ..team import services as team
from ..team.models import Part


def _coached_organisation_ids(coach: User) -> set[int]:
    return {o.id for o in coach.organisations_where(Role.COACH)}


def visibility_clause(coach: User):
    """Who may see a participant, as a WHERE clause on Enrolment: the responsible coach and the
    colleagues they shared the participant with, while they coach in the participant's
    organisation. Nobody else: not other coaches of the organisation, not other organisations.
    A person with no enrolment has no responsible coach, so no coach sees them."""
    # One list of enrolment ids from two indexes (the responsible coach's, the shares'): an
    # OR with a correlated EXISTS would read every enrolment of the organisation instead.
    theirs = union(
        select(Enrolment.id).where(Enrolment.responsible_coach_id == coach.id),
        select(SharedAccess.enrolment_id).where(SharedAccess.coach_id == coach.id),
    )
    return and_(Enrolment.organisation_id.in_(_coached_organisation_ids(coach)), Enrolment.id.in_(theirs))


def visible_to(coach: User, shown: bool = False) -> list[Row]:
    """The participants this coach is responsible for or was given access to, as (id,
    full_name) rows: plain columns, so a large caseload loads no user objects and none of
    their memberships. Logged only when the page shows them all (`shown`: a list of names to
    choose from); otherwise the caller logs the ones it uses."""
    query = (
        select(User.id, User.full_name)
        .join(Enrolment, Enrolment.participant_id == User.id)
        .where(visibility_clause(coach))
        .order_by(User.full_name)
    )
    participants = list(db.session.execute(query))
    if shown:
        log_read(p.id for p in participants)
    return participants


def participant_for(viewer: User, participant_id: int, part: Part | None = None, write: bool = False) -> User:
    """The participant, if the viewer may see them; 404 otherwise.

    Their coach (see visibility_clause) sees the whole record. With a `part`, a member of the
    participant's team is let in too, as far as their team role allows that part (read, or
    write with `write`), checked now: see team.services.team_role. Without a part, only coaches."""
    query = (
        select(User)
        .join(Enrolment, Enrolment.participant_id == User.id)
        .where(User.id == participant_id, visibility_clause(viewer))
    )
    participant = db.session.scalars(query).first()
    if participant is None and part is not None and team.may(viewer, participant_id, part, write):
        participant = db.session.get(User, participant_id)
    if participant is None:
        raise NotFound()
    log_read(participant.id)
    return participant


def coaches(viewer: User, participant_id: int) -> bool:
    """Is the viewer the participant's coach (or a colleague they shared them with)?"""
    query = select(Enrolment.id).where(Enrolment.participant_id == participant_id, visibility_clause(viewer))
    return db.session.scalar(query) is not None


def new_sign_in_number() -> str:
    """Eight digits: easy to type on any phone keyboard, readable in any script's context."""
    while True:
        number = f"{secrets.randbelow(90_000_000) + 10_000_000}"
        if db.session.scalar(select(User.id).where(User.sign_in_name == number)) is None:
            return number
