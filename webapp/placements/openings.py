"""Employers and their openings: who keeps them, and how coaches (and participants) find them.

Services only: no request, no rendering. Records a viewer may not see raise NotFound."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import NotFound

from ..accounts.models import Membership, Organisation, OrganisationKind, Role, User
from ..extensions import db
from ..pagination import SelectPagination, paginate
from .models import (
    Collaboration,
    EmployerProfile,
    Opening,
    OpeningAdaptation,
    OpeningLanguage,
    OpeningSetting,
    OpeningStatus,
    PlacementKind,
    Sector,
    opening_adaptation,
    opening_language,
)

EMPLOYER_KINDS = (
    OrganisationKind.PUBLIC_EMPLOYER,
    OrganisationKind.PRIVATE_COMPANY,
    OrganisationKind.SOCIAL_ENTERPRISE,
    OrganisationKind.ASSOCIATION,
)
DEFAULT_SECTOR = {
    OrganisationKind.PUBLIC_EMPLOYER: Sector.PUBLIC,
    OrganisationKind.PRIVATE_COMPANY: Sector.PRIVATE,
    OrganisationKind.SOCIAL_ENTERPRISE: Sector.SOCIAL_ECONOMY,
    OrganisationKind.ASSOCIATION: Sector.SOCIAL_ECONOMY,
}
EMPLOYER_STAFF = (Role.SUPERVISOR, Role.ORGANISATION_ADMIN)
PER_PAGE = 20


# --- Employers -------------------------------------------------------------------------


def employers_of(user: User, *roles: Role) -> list[Organisation]:
    """The employer organisations where the person is a supervisor or organisation admin."""
    found = {}
    for organisation in user.organisations_where(*(roles or EMPLOYER_STAFF)):
        if organisation.kind in EMPLOYER_KINDS:
            found[organisation.id] = organisation
    return sorted(found.values(), key=lambda o: o.name)


def employer_for(user: User, organisation_id: int, *roles: Role) -> Organisation:
    """The employer, if the person holds one of the roles there; 404 otherwise."""
    for organisation in employers_of(user, *roles):
        if organisation.id == organisation_id:
            return organisation
    raise NotFound()


def profile_of(organisation: Organisation) -> EmployerProfile | None:
    return db.session.scalar(select(EmployerProfile).where(EmployerProfile.organisation_id == organisation.id))


def new_profile(organisation: Organisation) -> EmployerProfile:
    """An unsaved profile with what the organisation already tells (sector, municipality)."""
    return EmployerProfile(
        organisation_id=organisation.id,
        sector=DEFAULT_SECTOR.get(organisation.kind, Sector.PRIVATE),
        municipality_id=organisation.municipality_id,
        collaboration=Collaboration.INTERESTED,  # the column's default, already there for the form
    )


def save_profile(organisation: Organisation, **values) -> EmployerProfile:
    """Create or update the employer's profile. An agreement date only belongs to a signed agreement."""
    profile = profile_of(organisation) or new_profile(organisation)
    for name, value in values.items():
        setattr(profile, name, value)
    db.session.add(profile)
    db.session.flush()
    return profile


def supervisors_of(organisation: Organisation) -> list[User]:
    query = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation.id, Membership.role == Role.SUPERVISOR)
        .order_by(User.full_name)
    )
    return list(db.session.scalars(query))


# --- Openings, for the employer ----------------------------------------------------------


@dataclass
class OpeningData:
    title: str
    kind: PlacementKind
    tasks: str
    hours_per_week: int
    usual_days: list[int]
    place: str | None
    municipality_id: int | None
    starts_on: date
    places: int
    languages: list[str]
    adaptations: list[str]
    supervisor_id: int | None
    status: OpeningStatus
    written_in: str


class InvalidOpening(ValueError):
    """Something no form should let through (the form says it in plain words first)."""


def save_opening(organisation: Organisation, data: OpeningData, opening: Opening | None = None) -> Opening:
    """Post a new opening at the employer, or change one of its own."""
    if data.places <= 0:
        raise InvalidOpening("places")
    if not 0 < data.hours_per_week <= 60:
        raise InvalidOpening("hours_per_week")
    if data.supervisor_id is not None and data.supervisor_id not in {u.id for u in supervisors_of(organisation)}:
        raise InvalidOpening("supervisor")
    if opening is None:
        opening = Opening(organisation_id=organisation.id, programme_id=organisation.programme_id)
        db.session.add(opening)
    elif opening.organisation_id != organisation.id:
        raise NotFound()
    for name in (
        "title",
        "kind",
        "tasks",
        "hours_per_week",
        "place",
        "municipality_id",
        "starts_on",
        "places",
        "supervisor_id",
        "status",
        "written_in",
    ):
        setattr(opening, name, data.__dict__[name])
    opening.title, opening.tasks = data.title.strip(), data.tasks.strip()
    opening.usual_days = sum(1 << d for d in set(data.usual_days) if 0 <= d <= 6)
    opening.language_rows = [OpeningLanguage(code=c) for c in sorted(set(data.languages))]
    opening.adaptation_rows = [OpeningAdaptation(code=c) for c in sorted(set(data.adaptations))]
    db.session.flush()
    return opening


def openings_of(organisations: list[Organisation]) -> list[Opening]:
    query = (
        select(Opening)
        .options(joinedload(Opening.organisation))
        .where(Opening.organisation_id.in_([o.id for o in organisations]))
        .order_by(Opening.status, Opening.starts_on.desc(), Opening.id)
    )
    return list(db.session.scalars(query))


def opening_with_summary(opening_id: int) -> Opening | None:
    """The opening with what its page names beside it (employer, sector, municipality), so
    that the page asks nothing more while it is shown."""
    return db.session.get(
        Opening,
        opening_id,
        options=[joinedload(Opening.organisation), joinedload(Opening.employer), joinedload(Opening.municipality)],
    )


def opening_for_employer(user: User, opening_id: int) -> Opening:
    """An opening of one of the person's employers; 404 for anyone else's."""
    opening = opening_with_summary(opening_id)
    if opening is None or opening.organisation_id not in {o.id for o in employers_of(user)}:
        raise NotFound()
    return opening


# --- Browsing, for coaches and (where the programme allows) participants ----------------


def participants_may_browse(programme_id: int) -> bool:
    setting = db.session.get(OpeningSetting, programme_id)
    return bool(setting and setting.participants_may_browse)


def set_participants_may_browse(programme_id: int, allowed: bool) -> None:
    setting = db.session.get(OpeningSetting, programme_id) or OpeningSetting(programme_id=programme_id)
    setting.participants_may_browse = allowed
    db.session.add(setting)
    db.session.flush()


def browsing_programmes(user: User) -> set[int]:
    """The programmes whose openings the person may browse: as a coach or programme admin always,
    as a participant only where the programme has turned it on."""
    ids = {o.programme_id for o in user.organisations_where(Role.COACH, Role.PROGRAMME_ADMIN)}
    ids |= {
        o.programme_id for o in user.organisations_where(Role.PARTICIPANT) if participants_may_browse(o.programme_id)
    }
    return ids


@dataclass
class Filters:
    municipality: int | None = None
    sector: Sector | None = None
    kind: PlacementKind | None = None
    language: str | None = None
    adaptation: str | None = None
    page: int = 1


def browse(user: User, filters: Filters) -> SelectPagination:
    """Open openings in the person's programmes, filtered, soonest first, one page at a time.
    Four queries whatever the number of openings: count, page, and the two lists of tags."""
    programmes = browsing_programmes(user)
    if not programmes:
        raise NotFound()
    query = select(Opening).where(Opening.programme_id.in_(programmes), Opening.status == OpeningStatus.OPEN)
    if filters.municipality:
        query = query.where(Opening.municipality_id == filters.municipality)
    if filters.kind:
        query = query.where(Opening.kind == filters.kind)
    if filters.sector:
        query = query.where(
            Opening.organisation_id.in_(
                select(EmployerProfile.organisation_id).where(EmployerProfile.sector == filters.sector)
            )
        )
    if filters.language:
        query = query.where(
            exists().where(opening_language.c.opening_id == Opening.id, opening_language.c.code == filters.language)
        )
    if filters.adaptation:
        query = query.where(
            exists().where(
                opening_adaptation.c.opening_id == Opening.id, opening_adaptation.c.code == filters.adaptation
            )
        )
    query = query.options(
        joinedload(Opening.organisation), joinedload(Opening.municipality), joinedload(Opening.employer)
    ).order_by(Opening.starts_on, Opening.id)
    return paginate(query, filters.page, PER_PAGE)


def opening_for_reader(user: User, opening_id: int) -> Opening:
    """An opening for someone browsing: open, in a programme they may browse; 404 otherwise.
    (Employers read their own through opening_for_employer; a participant with a proposal reads
    the opening on the proposal.)"""
    opening = opening_with_summary(opening_id)
    if opening is None or opening.programme_id not in browsing_programmes(user):
        raise NotFound()
    if opening.status is not OpeningStatus.OPEN and not user.has_any_role(Role.COACH, Role.PROGRAMME_ADMIN):
        raise NotFound()
    return opening
