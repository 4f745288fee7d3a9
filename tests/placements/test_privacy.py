"""Least privilege: an employer sees of a participant only what a supervisor needs: the name
they want to be called, their language, the needs they chose to share, and the placement."""

from datetime import date

import pytest

from webapp.accounts.models import Role
from webapp.placements import matching
from webapp.placements.models import ProposalState

from ..conftest import HX
from ..factories import make_employer, make_opening, make_organisation, make_placement, make_proposal, make_user

SECRET_NOTE = "Sömnproblem och ångest, tar medicin"
OTHER_PLACEMENT = "Hemlig praktik på apoteket"


@pytest.fixture
def case():
    """A participant with an accepted proposal at one employer and a placement at another."""
    opening = make_opening(title="Sortering")
    home = make_organisation(opening.organisation.programme)
    participant = make_user(
        Role.PARTICIPANT, home, full_name="أمينة حسن عبد الله", short_name=None, preferred_language="ar"
    )
    matching.share_adaptations(participant, ["quiet_space"])
    proposal = make_proposal(opening, participant, note=SECRET_NOTE, state=ProposalState.INTERESTED)
    supervisor = make_user(Role.SUPERVISOR, opening.organisation)
    make_placement(participant=participant, title=OTHER_PLACEMENT)
    return proposal, supervisor


def assert_only_what_a_supervisor_needs(body: str, participant):
    assert "أمينة" in body  # the first word of the full name, as no short name is given
    assert participant.full_name not in body
    assert participant.sign_in_name not in body
    assert SECRET_NOTE not in body
    assert OTHER_PLACEMENT not in body
    assert "Flexibla tider" not in body  # not shared


def test_the_decision_page_and_fragment_show_only_what_a_supervisor_needs(client, sign_in, case):
    proposal, supervisor = case
    sign_in(supervisor)
    for headers in ({}, HX):
        body = client.get(f"/employers/proposals/{proposal.id}", headers=headers).get_data(as_text=True)
        assert_only_what_a_supervisor_needs(body, proposal.participant)
        assert "العربية" in body and "Lugn plats" in body


def test_after_acceptance_the_employer_pages_still_hide_the_rest(client, sign_in, case):
    proposal, supervisor = case
    sign_in(supervisor)
    response = client.post(
        f"/employers/proposals/{proposal.id}/accept",
        headers=HX,
        data={"starts_on": "2026-12-07", "day0_from": "08:00", "day0_to": "12:00"},
    )
    assert response.status_code == 204
    for url in ("/home/supervisor", "/employers/", f"/employers/proposals/{proposal.id}"):
        for headers in ({}, HX):
            body = client.get(url, headers=headers).get_data(as_text=True)
            assert_only_what_a_supervisor_needs(body, proposal.participant)
    assert "Sortering" in client.get("/home/supervisor").get_data(as_text=True)


def test_a_short_name_is_preferred(app):
    participant = make_user(Role.PARTICIPANT, full_name="ሰምሃር ተስፋይ", short_name="Semhar")
    assert matching.person_for_employer(participant).called == "Semhar"
    assert matching.called_name(make_user(Role.PARTICIPANT, full_name="  Karin   Nilsson ")) == "Karin"


def test_employers_reach_no_coach_or_participant_pages(client, sign_in, case):
    proposal, supervisor = case
    sign_in(supervisor)
    participant_id = proposal.participant_id
    for url in (
        f"/participants/{participant_id}",
        f"/participants/{participant_id}/placements",
        "/placements/mine",
        "/openings/",
    ):
        assert client.get(url).status_code == 403, url
        assert client.get(url, headers=HX).status_code == 403, url
    # The employer's own opening page lists no proposals of the coach.
    body = client.get(f"/openings/{proposal.opening_id}").get_data(as_text=True)
    assert proposal.participant.full_name not in body and "أمينة" not in body


def test_another_employer_sees_nothing_of_the_proposal(client, sign_in, case):
    proposal, _ = case
    sign_in(make_user(Role.SUPERVISOR, make_employer(programme=proposal.opening.organisation.programme)))
    assert client.get(f"/employers/proposals/{proposal.id}").status_code == 404
    assert client.get(f"/employers/proposals/{proposal.id}", headers=HX).status_code == 404
    assert (
        client.post(f"/employers/proposals/{proposal.id}/accept", data={"starts_on": "2026-12-07"}).status_code == 404
    )
    assert "أمينة" not in client.get("/employers/").get_data(as_text=True)


def test_the_participant_chooses_what_is_shared(client, sign_in, case):
    proposal, supervisor = case
    sign_in(proposal.participant)
    assert client.post("/placements/sharing", data={"adaptations": ["step_free"]}, headers=HX).status_code == 200
    assert client.post("/placements/sharing", data={"adaptations": ["nonsense"]}, headers=HX).status_code == 422
    sign_in(supervisor)
    body = client.get(f"/employers/proposals/{proposal.id}").get_data(as_text=True)
    assert "Utan trappsteg" in body and "Lugn plats" not in body


def test_a_supervisor_at_the_workplace_sees_only_placements_there(client, sign_in):
    mine = make_placement(starts_on=date(2026, 11, 2), ends_on=None)
    other = make_placement(title=OTHER_PLACEMENT, ends_on=None)
    sign_in(mine.supervisor)
    body = client.get("/home/supervisor").get_data(as_text=True)
    assert mine.title in body and OTHER_PLACEMENT not in body and other.participant.full_name not in body
