"""What users hit in the first weeks (issue 15, plans, placements, proposals): booking a meeting
with htmx, an adaptation ticked before a yes, what a proposal tells, next week on the home page
and the activities page, late steps on the coach's page."""

from datetime import time, timedelta

from sqlalchemy import func, select

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.placements import matching
from webapp.placements.models import Proposal, ProposalState
from webapp.timeutil import STOCKHOLM, local_today
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


def test_a_coach_cancels_a_coming_meeting_and_the_participant_is_told_once(app, client, sign_in):
    from tests.notifications.helpers import notes_of, text_in
    from webapp.plans.models import Appointment
    from webapp.privacy.models import ReadLog

    coach = make_user(Role.COACH)
    participant = make_participant(coach)
    sign_in(coach)
    booking = {"title": "Uppföljning", "day": "2026-12-02", "starts": "10:00", "ends": "11:00", "place": ""}
    client.post(f"/participants/{participant.id}/appointments", data=booking)
    meeting = db.session.scalar(select(Appointment).where(Appointment.participant_id == participant.id))
    page = client.get(f"/participants/{participant.id}/plan").text
    address = f"/participants/{participant.id}/appointments/{meeting.id}/cancel"
    assert f'action="{address}"' in page and "Ställ in mötet <bdi>Uppföljning</bdi>" in page

    reply = client.post(address, headers=HX)
    assert reply.status_code == 200 and "Mötet är inställt." in reply.text
    assert "Uppföljning" not in reply.text.split('id="plans-appointment-form"')[0]
    assert db.session.scalar(select(Appointment).where(Appointment.id == meeting.id)) is None
    read = select(func.count()).where(ReadLog.what == "plans.cancel", ReadLog.participant_id == participant.id)
    assert db.session.scalar(read) == 1  # the section shown again is a read of the participant's data
    again = client.post(address)  # a second tap, or the page of before: nothing more happens
    assert again.status_code == 303
    told = [n for n in notes_of(participant) if n.kind == "meeting-cancelled"]
    assert len(told) == 1
    assert "Uppföljning" in text_in(app, told[0], "en") and "cancelled" in text_in(app, told[0], "en")
    week = client.get(f"/participants/{participant.id}/plan").text
    assert "redan inställt" in week or "Uppföljning" not in week.split('id="plans-appointment-form"')[0]


def _a_coach_with_meetings_not_hers_to_change(sign_in):
    """(her participant, another coach's participant, a meeting of theirs she booked, her own
    participant's meeting of last week), signed in as her."""
    from webapp.plans.appointments import book_appointment

    coach = make_user(Role.COACH)
    mine, theirs = make_participant(coach), make_participant(make_user(Role.COACH))
    today = local_today()
    other = book_appointment(theirs, coach, "Deras möte", today + timedelta(days=2), time(9), time(10), None)
    past = book_appointment(mine, coach, "Förra veckan", today - timedelta(days=7), time(9), time(10), None)
    db.session.commit()
    sign_in(coach)
    return mine, theirs, other, past


def test_a_meeting_of_another_participant_or_one_that_is_over_cannot_be_cancelled(client, sign_in):
    from webapp.plans.models import Appointment

    mine, theirs, other, past = _a_coach_with_meetings_not_hers_to_change(sign_in)
    assert client.post(f"/participants/{theirs.id}/appointments/{other.id}/cancel").status_code == 404
    assert client.post(f"/participants/{mine.id}/appointments/{other.id}/cancel").status_code == 303
    assert client.post(f"/participants/{mine.id}/appointments/{past.id}/cancel").status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Appointment)) == 2


def test_a_coach_moves_a_coming_meeting_and_the_participant_is_told_once(app, client, sign_in):
    from tests.notifications.helpers import notes_of, text_in
    from webapp.plans.appointments import book_appointment, upcoming_appointments

    coach = make_user(Role.COACH)
    participant = make_participant(coach)
    meeting = book_appointment(
        participant, coach, "Uppföljning", local_today() + timedelta(days=2), time(10), time(11), None
    )
    db.session.commit()
    sign_in(coach)
    address = f"/participants/{participant.id}/appointments/{meeting.id}/change"
    assert f'href="{address}"' in client.get(f"/participants/{participant.id}/plan").text
    form = client.get(address).text
    assert 'value="Uppföljning"' in form and 'value="10:00"' in form and 'value="11:00"' in form

    new_day = (local_today() + timedelta(days=3)).isoformat()
    moved = {"title": "Uppföljning", "day": new_day, "starts": "13:00", "ends": "12:00", "place": "Stortorget 1"}
    refused = client.post(address, data=moved)
    assert refused.status_code == 422 and 'value="Stortorget 1"' in refused.text  # what she typed stays
    assert "error-summary" in refused.text

    moved["ends"] = "14:00"
    assert client.post(address, data=moved).status_code == 303
    assert client.post(address, data=moved).status_code == 303  # the same again: nothing new to tell
    db.session.expire_all()
    [kept] = upcoming_appointments(participant)
    assert kept.place == "Stortorget 1" and kept.starts_at.astimezone(STOCKHOLM).hour == 13
    told = [n for n in notes_of(participant) if n.kind == "meeting-changed"]
    assert len(told) == 1 and "changed" in text_in(app, told[0], "en")


def test_a_meeting_that_is_over_or_another_coachs_cannot_be_changed(client, sign_in):
    mine, theirs, other, past = _a_coach_with_meetings_not_hers_to_change(sign_in)
    assert client.get(f"/participants/{theirs.id}/appointments/{other.id}/change").status_code == 404
    gone = client.get(f"/participants/{mine.id}/appointments/{past.id}/change")
    assert gone.status_code == 303 and gone.headers["Location"].endswith("#plans-appointments")
