"""What users hit in the first weeks (issue 15, plans, placements, proposals): booking a meeting
with htmx, an adaptation ticked before a yes, what a proposal tells, next week on the home page
and the activities page, late steps on the coach's page."""

from datetime import time, timedelta

from sqlalchemy import select

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.placements import matching
from webapp.placements.models import Proposal, ProposalState
from webapp.timeutil import local_today
from webapp.week import monday_of

from ..conftest import HX
from ..factories import make_goal, make_opening, make_participant, make_placement, make_proposal, make_step, make_user


def test_booking_a_meeting_with_htmx_lists_it_empties_the_form_and_says_so(client, sign_in):
    coach = make_user(Role.COACH)
    participant = make_participant(coach)
    sign_in(coach)
    page = client.get(f"/participants/{participant.id}/plan").text
    assert 'hx-target="#plans-appointments"' in page
    reply = client.post(
        f"/participants/{participant.id}/appointments",
        headers=HX,
        data={"title": "Uppföljning", "day": "2026-12-02", "starts": "10:00", "ends": "11:00", "place": "Stortorget 1"},
    )
    assert reply.status_code == 200 and "HX-Redirect" not in reply.headers
    body = reply.text
    assert body.lstrip().startswith('<section class="card" id="plans-appointments"')
    assert "Uppföljning" in body.split('id="plans-appointment-form"')[0]  # listed above the form
    assert 'value="Uppföljning"' not in body  # the form is empty again
    assert "Mötet är bokat." in body and 'hx-swap-oob="true"' in body


def test_a_need_ticked_before_answering_yes_is_saved_with_the_answer(client, sign_in):
    proposal = make_proposal(opening=make_opening(place="Storgatan 1, Hässleholm", usual_days=0b101, hours_per_week=15))
    participant = proposal.participant
    sign_in(participant)
    mine = client.get("/placements/mine").text
    assert "Storgatan 1, Hässleholm" in mine and "måndag, onsdag" in mine and ">15<" in mine
    assert mine.split('id="placements-mine"')[1].count("<form") == 1  # the answer and the needs are one form
    reply = client.post(
        f"/proposals/{proposal.id}/answer",
        headers=HX,
        data={"answer": "yes", "sharing": "1", "adaptations": ["quiet_space"]},
    )
    assert reply.status_code == 200
    assert db.session.scalar(select(Proposal.state)) is ProposalState.INTERESTED
    assert matching.shared_adaptations(participant) == ["quiet_space"]


def test_a_placement_that_starts_next_week_is_on_the_home_and_the_activities_page(client, sign_in):
    participant = make_participant(make_user(Role.COACH), preferred_language="en")
    next_monday = monday_of(local_today()) + timedelta(days=7)
    make_placement(
        participant=participant,
        starts_on=next_monday,
        ends_on=None,
        title="Café Linnea",
        schedule=[(0, time(9), time(13))],
    )
    sign_in(participant)
    home = client.get("/home/participant").text
    assert "Next week" in home and "Café Linnea" in home.split("Next week")[1]
    activities = client.get("/activities/mine").text
    assert "Café Linnea" in activities.split("Next week")[1]


def test_the_coachs_plan_page_flags_late_steps(client, sign_in):
    coach = make_user(Role.COACH, preferred_language="en")
    participant = make_participant(coach)
    goal = make_goal(participant)
    make_step(goal, title="Skriva ett CV", due_on=local_today() - timedelta(days=3))
    make_step(goal, title="Ringa Anna", due_on=local_today() + timedelta(days=3))
    sign_in(coach)
    page = client.get(f"/participants/{participant.id}/plan").text
    assert page.count("is-late") == 1 and page.count("Late: it was due") == 1
    assert page.index("Skriva ett CV") < page.index("Late: it was due") < page.index("Ringa Anna")
