"""The match: propose, answer, accept or decline; one placement, however often it is accepted."""

from datetime import date, time

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import NotFound

from webapp.accounts.models import OrganisationKind, Role
from webapp.extensions import db
from webapp.placements import matching
from webapp.placements.models import OpeningStatus, Placement, Proposal, ProposalState
from webapp.week import items_for

from ..conftest import HX
from ..factories import make_employer, make_opening, make_organisation, make_participant, make_proposal, make_user

SCHEDULE = {
    "starts_on": "2026-12-07",
    "ends_on": "2027-02-26",
    "day0_from": "08:00",
    "day0_to": "12:00",
    "day2_from": "13:00",
    "day2_to": "16:30",
}


def placements():
    return db.session.scalar(select(func.count(Placement.id)))


def test_coach_proposes_participant_answers_employer_accepts(client, sign_in):
    opening = make_opening(make_employer(OrganisationKind.SOCIAL_ENTERPRISE), places=1)
    supervisor = make_user(Role.SUPERVISOR, opening.organisation)
    home = make_organisation(opening.organisation.programme)
    coach = make_user(Role.COACH, home)
    participant = make_participant(coach)

    sign_in(coach)
    proposed = client.post(
        f"/openings/{opening.id}/proposals",
        data={"participant": str(participant.id), "note": "Du gillar ju att laga saker!"},
        headers=HX,
    )
    assert proposed.status_code == 200 and "Väntar på deltagarens svar" in proposed.get_data(as_text=True)
    again = client.post(f"/openings/{opening.id}/proposals", data={"participant": str(participant.id)}, headers=HX)
    assert again.status_code == 422 and "redan föreslagen" in again.get_data(as_text=True)
    proposal = db.session.scalar(select(Proposal))

    sign_in(supervisor)  # the employer does not see it before the participant says yes
    assert client.get(f"/employers/proposals/{proposal.id}").status_code == 404

    sign_in(participant)
    mine = client.get("/placements/mine").get_data(as_text=True)
    assert "Du gillar ju att laga saker!" in mine and "Skrivet på Svenska" in mine
    assert client.post(f"/proposals/{proposal.id}/answer", data={"answer": "yes"}, headers=HX).status_code == 200

    sign_in(coach)
    assert "Väntar på arbetsgivarens svar" in client.get(f"/participants/{participant.id}/placements").get_data(
        as_text=True
    )

    sign_in(supervisor)
    assert client.get(f"/employers/proposals/{proposal.id}").status_code == 200
    accepted = client.post(f"/employers/proposals/{proposal.id}/accept", data=SCHEDULE)
    assert accepted.status_code == 303
    placement = db.session.scalar(select(Placement))
    assert (placement.participant_id, placement.opening_id, placement.supervisor_id, placement.ends_on) == (
        participant.id,
        opening.id,
        supervisor.id,
        date(2027, 2, 26),
    )
    assert [(d.weekday, d.starts_at, d.ends_at) for d in placement.schedule] == [
        (0, time(8), time(12)),
        (2, time(13), time(16, 30)),
    ]
    db.session.refresh(opening)
    assert opening.status is OpeningStatus.FILLED  # one place, now taken

    # Shows for all three.
    week = items_for(participant, date(2026, 12, 7), date(2026, 12, 13))
    assert [(i.day, i.kind) for i in week] == [(date(2026, 12, 7), "placement"), (date(2026, 12, 9), "placement")]
    assert "Accepterad" in client.get(f"/employers/proposals/{proposal.id}").get_data(as_text=True)
    sign_in(participant)
    assert opening.title in client.get("/home/participant").get_data(as_text=True)
    sign_in(coach)
    assert "Accepterad" in client.get(f"/participants/{participant.id}/placements").get_data(as_text=True)


def test_a_second_acceptance_makes_no_second_placement(client, sign_in):
    proposal = make_proposal(state=ProposalState.INTERESTED)
    admin = make_user(Role.ORGANISATION_ADMIN, proposal.opening.organisation)
    sign_in(admin)
    assert client.post(f"/employers/proposals/{proposal.id}/accept", data=SCHEDULE, headers=HX).status_code == 204
    second = client.post(f"/employers/proposals/{proposal.id}/accept", data=SCHEDULE, headers=HX)
    assert second.status_code == 409
    assert "redan besvarats" in second.get_data(as_text=True)
    assert placements() == 1


def test_the_service_accepts_once(app):
    proposal = make_proposal(state=ProposalState.INTERESTED)
    admin = make_user(Role.ORGANISATION_ADMIN, proposal.opening.organisation)
    days = [(0, time(8), time(12))]
    matching.accept(admin, proposal.id, date(2026, 12, 1), None, days)
    with pytest.raises(matching.AlreadyDecided):
        matching.accept(admin, proposal.id, date(2026, 12, 1), None, days)
    with pytest.raises(matching.AlreadyDecided):
        matching.decline(admin, proposal.id)
    assert placements() == 1


def test_the_database_refuses_two_placements_for_one_proposal(app):
    proposal = make_proposal(state=ProposalState.ACCEPTED)
    opening = proposal.opening
    for _ in range(2):
        db.session.add(
            Placement(
                participant_id=proposal.participant_id,
                organisation_id=opening.organisation_id,
                kind=opening.kind,
                title=opening.title,
                starts_on=date(2026, 12, 1),
                proposal_id=proposal.id,
            )
        )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert placements() == 0


@pytest.mark.parametrize(
    "change, message",
    [
        ({"day0_to": "30:00"}, "ett dygn har 24 timmar"),
        ({"day0_from": "12:00", "day0_to": "08:00"}, "sluta efter att den börjar"),
        ({"ends_on": "2026-11-01"}, "på eller efter startdatumet"),
        ({"starts_on": "7 december"}, "2026-11-23"),
        ({"day0_from": "", "day0_to": "", "day2_from": "", "day2_to": ""}, "minst en dag"),
    ],
)
def test_a_wrong_schedule_is_said_in_place_and_nothing_is_saved(client, sign_in, change, message):
    proposal = make_proposal(state=ProposalState.INTERESTED)
    sign_in(make_user(Role.SUPERVISOR, proposal.opening.organisation))
    response = client.post(f"/employers/proposals/{proposal.id}/accept", data={**SCHEDULE, **change}, headers=HX)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in body and 'id="placements-decision"' in body
    assert placements() == 0
    db.session.refresh(proposal)
    assert proposal.state is ProposalState.INTERESTED


def test_schedule_rules_in_the_service(app):
    with pytest.raises(matching.InvalidSchedule):
        matching.check_schedule([])
    with pytest.raises(matching.InvalidSchedule):
        matching.check_schedule([(0, time(12), time(8))])
    with pytest.raises(matching.InvalidSchedule):
        matching.check_schedule([(0, time(8), time(9)), (0, time(10), time(11))])
    matching.check_schedule([(6, time(0), time(23, 59))])


def test_the_employer_declines_and_everyone_sees_it(client, sign_in):
    proposal = make_proposal(state=ProposalState.INTERESTED)
    sign_in(make_user(Role.SUPERVISOR, proposal.opening.organisation))
    assert client.post(f"/employers/proposals/{proposal.id}/decline").status_code == 303
    sign_in(proposal.participant)
    assert "Arbetsgivaren sa nej" in client.get("/placements/mine").get_data(as_text=True)
    assert client.post(f"/proposals/{proposal.id}/answer", data={"answer": "yes"}).status_code == 200
    db.session.refresh(proposal)
    assert proposal.state is ProposalState.DECLINED  # the answer came too late: nothing changed


def test_nobody_answers_or_proposes_for_someone_else(client, sign_in):
    proposal = make_proposal()
    sign_in(make_user(Role.PARTICIPANT, proposal.participant.memberships[0].organisation))
    assert client.post(f"/proposals/{proposal.id}/answer", data={"answer": "yes"}).status_code == 404
    assert client.post(f"/proposals/{proposal.id}/answer", data={"answer": "yes"}, headers=HX).status_code == 404
    outsider = make_user(Role.COACH, make_organisation(proposal.opening.organisation.programme))
    sign_in(outsider)
    other = make_user(Role.PARTICIPANT, proposal.participant.memberships[0].organisation)
    response = client.post(f"/openings/{proposal.opening_id}/proposals", data={"participant": str(other.id)})
    assert response.status_code == 422  # not in this coach's list
    with pytest.raises(NotFound):
        matching.propose(outsider, other.id, proposal.opening_id, None)
    assert client.get(f"/participants/{proposal.participant_id}/placements").status_code == 404
    assert client.get(f"/participants/{proposal.participant_id}/placements", headers=HX).status_code == 404
    db.session.refresh(proposal)
    assert proposal.state is ProposalState.PROPOSED


def test_a_closed_opening_takes_no_proposals(app):
    proposal = make_proposal()
    opening = proposal.opening
    opening.status = OpeningStatus.CLOSED
    db.session.commit()
    other = make_participant(proposal.coach)
    with pytest.raises(matching.NotOpen):
        matching.propose(proposal.coach, other.id, opening.id, None)


def test_an_opening_whose_places_are_taken_takes_nobody_else(client, sign_in):
    opening = make_opening(places=1)
    first, second = (make_proposal(opening, state=ProposalState.INTERESTED) for _ in range(2))
    sign_in(make_user(Role.ORGANISATION_ADMIN, opening.organisation, preferred_language="en"))
    assert client.post(f"/employers/proposals/{first.id}/accept", data=SCHEDULE).status_code == 303
    refused = client.post(f"/employers/proposals/{second.id}/accept", data=SCHEDULE, headers=HX)
    assert refused.status_code == 409
    assert "Every place of this opening is already taken" in refused.get_data(as_text=True)
    assert placements() == 1
    db.session.refresh(second)
    assert second.state is ProposalState.INTERESTED
