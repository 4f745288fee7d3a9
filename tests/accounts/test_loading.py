"""Loading a person does not load their memberships: most people a page loads are names to
show. The signed-in person's come with their session; a page that reads many people's asks
for them all at once (e.g. the team page, tests/team/test_access.py)."""

import re

from sqlalchemy import select

from webapp.accounts.models import Role, User
from webapp.extensions import db

from ..conftest import counting
from ..factories import make_municipality, make_organisation, make_participant, make_placement, make_user


def _asking_for_memberships(statements) -> list[str]:
    """The statements that read membership rows (their columns are selected), on their own or
    joined to something else."""
    return [s for s in statements if re.search(r"\bmembership(_\d+)?\.", s.split("FROM", 1)[0])]


def test_people_loaded_to_be_shown_do_not_bring_their_memberships(app):
    for n in range(3):
        make_user(Role.COACH, full_name=f"Person {n}")
    db.session.expunge_all()
    with counting() as statements:
        names = [person.full_name for person in db.session.scalars(select(User).order_by(User.id))]
    assert names == ["Person 0", "Person 1", "Person 2"]
    assert len(statements) == 1 and not _asking_for_memberships(statements)


def test_pages_naming_other_people_ask_only_for_the_signed_in_persons_memberships(client, sign_in):
    coach = make_user(Role.COACH, preferred_language="en")
    participant = make_participant(coach, full_name="Amal Deltagare")
    make_placement(participant, supervisor=make_user(Role.SUPERVISOR, full_name="Nils Handledare"))
    sign_in(coach)
    for url in (f"/participants/{participant.id}", f"/participants/{participant.id}/placements"):
        with counting() as statements:
            page = client.get(url)
        assert page.status_code == 200 and "Amal Deltagare" in page.text
        assert len(_asking_for_memberships(statements)) == 1, url  # the coach's own, joined to the session's


def test_a_home_page_names_the_persons_organisations_from_what_came_with_the_session(client, sign_in):
    unit = make_organisation(name="Jobbtorg Hässleholm", municipality=make_municipality(name="Hässleholm"))
    coach = make_user(Role.COACH, unit)
    participant = make_participant(coach)  # a participant of the coach's unit
    sign_in(participant)
    with counting() as statements:
        page = client.get("/home/participant")
    assert "Jobbtorg Hässleholm, Hässleholm" in page.text
    assert not [s for s in statements if s.startswith("SELECT organisation.")]


def test_a_participants_enrolment_and_coach_are_asked_in_one_query(client, sign_in):
    coach = make_user(Role.COACH, full_name="Karin Coach")
    participant = make_participant(coach)
    sign_in(participant)
    for url in ("/home/participant", "/plan"):
        with counting() as statements:
            page = client.get(url)
        assert page.status_code == 200
        enrolments = [s for s in statements if s.startswith("SELECT enrolment.")]
        assert len(enrolments) == 1 and "JOIN app_user" in enrolments[0], url
        assert not [s for s in statements if s.startswith("SELECT app_user.")], url
    assert "Karin" in client.get("/home/participant").text  # the responsible coach, on the team card
