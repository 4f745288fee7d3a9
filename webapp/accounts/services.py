"""Organisations and their people, seen only by those who may see them."""

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import inspect, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.exceptions import NotFound

from ..extensions import db
from ..privacy.readlog import log_read
from .models import Membership, Organisation, Role, User


class EmailTaken(Exception):
    pass


def organisations_of(user: User, role: Role) -> list[Organisation]:
    """The organisations where the user has the role (in their order), each with its municipality
    (the signed-in person's come with their session, auth.devices.current_session)."""
    organisations = user.organisations_where(role)
    unloaded = [o.id for o in organisations if "municipality" in inspect(o).unloaded]
    if unloaded:
        db.session.scalars(
            select(Organisation).options(joinedload(Organisation.municipality)).where(Organisation.id.in_(unloaded))
        ).all()
    return organisations


def organisations_visible_to(viewer: User) -> list[Organisation]:
    """A programme admin sees the programme's organisations; an organisation admin their own."""
    programme_ids = {o.programme_id for o in viewer.organisations_where(Role.PROGRAMME_ADMIN)}
    own_ids = {o.id for o in viewer.organisations_where(Role.ORGANISATION_ADMIN)}
    query = (
        select(Organisation)
        .options(joinedload(Organisation.municipality))
        .where(Organisation.programme_id.in_(programme_ids) | Organisation.id.in_(own_ids))
        .order_by(Organisation.name)
    )
    return list(db.session.scalars(query))


def with_memberships(people: Iterable[User]) -> None:
    """Load the memberships of those of these people whose memberships are not loaded yet, in
    one query (none when all are): for a loop that reads many people's roles or organisations."""
    missing = {person.id: person for person in people if "memberships" in inspect(person).unloaded}
    if not missing:
        return
    found = defaultdict(list)
    query = select(Membership).where(Membership.user_id.in_(missing)).order_by(Membership.id)
    for membership in db.session.scalars(query):
        found[membership.user_id].append(membership)
    for person_id, person in missing.items():
        set_committed_value(person, "memberships", found[person_id])


def programme_id_of(user: User, *roles: Role) -> int | None:
    """The programme a person works or takes part in (through a membership with one of the
    roles, any role when none is named); None for someone with no membership."""
    for membership in user.memberships:
        if not roles or membership.role in roles:
            return membership.organisation.programme_id
    return None


def organisation_for(viewer: User, organisation_id: int) -> Organisation:
    """The organisation, if the viewer administers it or its programme; 404 otherwise."""
    for organisation in organisations_visible_to(viewer):
        if organisation.id == organisation_id:
            return organisation
    raise NotFound()


def members_of(organisation: Organisation) -> list[Membership]:
    query = (
        select(Membership)
        .join(Membership.user)
        .options(joinedload(Membership.user))
        .where(Membership.organisation_id == organisation.id)
        .order_by(User.full_name, Membership.role)
    )
    members = list(db.session.scalars(query))
    log_read(m.user_id for m in members if m.role == Role.PARTICIPANT)
    return members


def add_staff_member(organisation: Organisation, full_name: str, email: str, role: Role, language: str) -> User:
    """A new staff user in the organisation; they choose a password from an emailed link."""
    email = email.strip().casefold()
    if db.session.scalar(select(User.id).where((User.email == email) | (User.sign_in_name == email))):
        raise EmailTaken(email)
    user = User(full_name=full_name.strip(), email=email, sign_in_name=email, preferred_language=language)
    user.memberships.append(Membership(organisation=organisation, role=role))
    db.session.add(user)
    db.session.flush()
    return user
