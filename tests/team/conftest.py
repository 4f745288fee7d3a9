"""A programme with a labour-market unit (coach, participant), a welfare office and a health
centre (a professional each), and a second programme with its own professional."""

from dataclasses import dataclass

import pytest

from webapp.accounts.models import OrganisationKind, Role, User
from webapp.extensions import db
from webapp.privacy import consent
from webapp.privacy.models import ConsentMethod, Purpose

from ..factories import make_organisation, make_participant, make_programme, make_user


@dataclass
class Team:
    coach: User
    participant: User
    social: User
    health: User
    outsider: User


@pytest.fixture
def team_people() -> Team:
    return make_team()


def make_team() -> Team:
    """The people of the module's docstring (for tests of other features, e.g. messages)."""
    programme = make_programme()
    unit = make_organisation(programme)
    welfare = make_organisation(programme, kind=OrganisationKind.WELFARE_OFFICE)
    health = make_organisation(programme, kind=OrganisationKind.PUBLIC_EMPLOYER)
    elsewhere = make_organisation(make_programme(), kind=OrganisationKind.WELFARE_OFFICE)
    coach = make_user(Role.COACH, unit, preferred_language="en")
    participant = make_participant(coach, full_name="Amal Deltagare", preferred_language="en")
    return Team(
        coach=coach,
        participant=participant,
        social=make_user(Role.COACH, welfare, full_name="Sofia Socialsekreterare", preferred_language="en"),
        health=make_user(Role.SUPERVISOR, health, full_name="Hanna Hälsa", preferred_language="en"),
        outsider=make_user(Role.COACH, elsewhere, full_name="Otto Annanstans", preferred_language="en"),
    )


def share_with_other_organisations(people: Team) -> None:
    consent.record(people.participant, Purpose.OTHER_ORGANISATIONS, ConsentMethod.PAPER, people.coach)
    db.session.commit()
