"""Participants as their coaches see them: who, in which organisation, how they sign in."""
import secrets

from sqlalchemy import select
from werkzeug.exceptions import NotFound

from ..accounts.models import Membership, Organisation, Role, User
from ..extensions import db


def _coached_organisation_ids(coach: User) -> set[int]:
    return {o.id for o in coach.organisations_where(Role.COACH)}


def visible_to(coach: User) -> list[User]:
    """Participants of the organisations where the viewer is a coach."""
    query = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.role == Role.PARTICIPANT,
               Membership.organisation_id.in_(_coached_organisation_ids(coach)))
        .order_by(User.full_name)
        .distinct()
    )
    return list(db.session.scalars(query))


def participant_for(coach: User, participant_id: int) -> User:
    """The participant, if the viewer coaches in their organisation; 404 otherwise."""
    query = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(User.id == participant_id, Membership.role == Role.PARTICIPANT,
               Membership.organisation_id.in_(_coached_organisation_ids(coach)))
    )
    participant = db.session.scalars(query).first()
    if participant is None:
        raise NotFound()
    return participant


def new_sign_in_number() -> str:
    """Eight digits: easy to type on any phone keyboard, readable in any script's context."""
    while True:
        number = f"{secrets.randbelow(90_000_000) + 10_000_000}"
        if db.session.scalar(select(User.id).where(User.sign_in_name == number)) is None:
            return number


def create_participant(organisation: Organisation, full_name: str, short_name: str | None, language: str) -> User:
    participant = User(
        full_name=full_name.strip(), short_name=(short_name or "").strip() or None,
        sign_in_name=new_sign_in_number(), preferred_language=language,
    )
    participant.memberships.append(Membership(organisation=organisation, role=Role.PARTICIPANT))
    db.session.add(participant)
    db.session.commit()
    return participant
