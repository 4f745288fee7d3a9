"""make_<thing>(**overrides): the smallest valid record, saved."""
import itertools

from webapp.accounts.models import Membership, Municipality, Organisation, OrganisationKind, Programme, Role, User
from webapp.auth.passwords import hash_password
from webapp.extensions import db

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


def make_programme(**overrides) -> Programme:
    n = next(_numbers)
    programme = Programme(**{"name": f"Programme {n}", "esf_project_number": f"2026/{n:05d}", **overrides})
    db.session.add(programme)
    db.session.commit()
    return programme


def make_municipality(**overrides) -> Municipality:
    n = next(_numbers)
    municipality = Municipality(**{"code": f"{n:04d}", "name": f"Kommun {n}", **overrides})
    db.session.add(municipality)
    db.session.commit()
    return municipality


def make_organisation(programme: Programme | None = None, **overrides) -> Organisation:
    n = next(_numbers)
    organisation = Organisation(**{
        "programme": programme or make_programme(), "name": f"Organisation {n}",
        "kind": OrganisationKind.LABOUR_MARKET_UNIT, **overrides,
    })
    db.session.add(organisation)
    db.session.commit()
    return organisation


def make_user(role: Role | None = None, organisation: Organisation | None = None, **overrides) -> User:
    """A user with a password; with a role, a membership in the organisation (made if missing)."""
    n = next(_numbers)
    participant = role is Role.PARTICIPANT
    email = None if participant else f"person{n}@example.org"
    user = User(**{
        "full_name": f"Person {n}", "sign_in_name": f"{10_000_000 + n}" if participant else email,
        "email": email, "password_hash": hash_password(PASSWORD), "preferred_language": "sv", **overrides,
    })
    if role is not None:
        user.memberships.append(Membership(organisation=organisation or make_organisation(), role=role))
    db.session.add(user)
    db.session.commit()
    return user


def make_placement(participant: User | None = None, supervisor: User | None = None, schedule=None, **overrides):
    """A work trial, Monday to Friday 08:00-12:00 unless told otherwise, supervised at the
    supervisor's organisation."""
    from datetime import date, time

    from webapp.accounts.models import OrganisationKind
    from webapp.placements.models import Placement, PlacementDay, PlacementKind

    supervisor = supervisor or make_user(Role.SUPERVISOR, make_organisation(kind=OrganisationKind.PRIVATE_COMPANY))
    participant = participant or make_user(Role.PARTICIPANT)
    placement = Placement(**{
        "participant": participant, "supervisor": supervisor, "organisation": supervisor.memberships[0].organisation,
        "kind": PlacementKind.WORK_TRIAL, "title": "Lager och butik", "place": "Storgatan 1, Hässleholm",
        "starts_on": date(2026, 11, 2), "ends_on": date(2027, 1, 29), **overrides,
    })
    for weekday, starts_at, ends_at in schedule if schedule is not None else [(d, time(8), time(12)) for d in range(5)]:
        placement.schedule.append(PlacementDay(weekday=weekday, starts_at=starts_at, ends_at=ends_at))
    db.session.add(placement)
    db.session.commit()
    return placement


def make_coach_of(participant: User) -> User:
    """A coach in the (first) organisation where the participant takes part."""
    return make_user(Role.COACH, participant.memberships[0].organisation)
