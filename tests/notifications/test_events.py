"""Each event tells exactly the people concerned (never the one who acted), once, in the same
transaction, and each reads it in their own language."""

from datetime import date, time

import pytest
from werkzeug.datastructures import MultiDict

from webapp.accounts.models import Role
from webapp.attendance import services as attendance
from webapp.attendance.models import Status
from webapp.catalogue import services as catalogue
from webapp.catalogue.models import ReferralStatus
from webapp.extensions import db
from webapp.feedback import definition as spec
from webapp.feedback import services as feedback
from webapp.placements import matching
from webapp.placements.models import ProposalState
from webapp.plans import appointments

from ..factories import (
    make_coach_of,
    make_feedback,
    make_opening,
    make_organisation,
    make_participant,
    make_placement,
    make_proposal,
    make_referral,
    make_user,
)
from .helpers import all_notes, notes_of, text_in

TODAY = date(2026, 11, 23)


def test_a_proposal_tells_the_participant_only_in_their_language(app):
    opening = make_opening(title="Lager")
    coach = make_user(Role.COACH, make_organisation(opening.organisation.programme))
    participant = make_participant(coach, preferred_language="en")
    matching.propose(coach, participant.id, opening.id, "Passar dig")
    [note] = all_notes()
    assert note.recipient_id == participant.id and note.kind == "proposal-made"
    assert note.url == "/placements/mine" and note.read_at is None
    assert text_in(app, note, "en") == "Your coach suggests a placement for you: Lager."
    assert text_in(app, note, "sv") == "Din jobbcoach föreslår en placering för dig: Lager."
    assert notes_of(coach) == []


def test_the_participants_answer_tells_the_coach_once(app):
    proposal = make_proposal()
    participant, coach = proposal.participant, proposal.coach
    matching.answer(participant, proposal.id, True)
    matching.answer(participant, proposal.id, True)  # the same answer twice
    [note] = notes_of(coach)
    assert note.kind == "proposal-decided" and note.params["state"] == "interested"
    assert note.url == f"/participants/{participant.id}/placements"
    assert participant.called in text_in(app, note, "en")
    assert notes_of(participant) == []
    matching.answer(participant, proposal.id, False)  # a change of mind is news
    assert len(notes_of(coach)) == 2


def test_the_employers_yes_tells_the_participant_and_the_coach(app):
    proposal = make_proposal(state=ProposalState.INTERESTED)
    admin = make_user(Role.ORGANISATION_ADMIN, proposal.opening.organisation)
    matching.accept(admin, proposal.id, date(2026, 12, 1), None, [(0, time(8), time(12))])
    [own] = notes_of(proposal.participant)
    [coachs] = notes_of(proposal.coach)
    assert notes_of(admin) == []
    assert text_in(app, own, "en") == "The workplace said yes: you have the placement Lager."
    assert text_in(app, coachs, "en").startswith(f"The workplace said yes to {proposal.participant.called}")
    assert own.url == "/placements/mine"


def test_the_employers_no_tells_both(app):
    proposal = make_proposal(state=ProposalState.INTERESTED)
    admin = make_user(Role.ORGANISATION_ADMIN, proposal.opening.organisation)
    matching.decline(admin, proposal.id)
    assert [n.params["state"] for n in all_notes()] == ["declined", "declined"]
    assert {n.recipient_id for n in all_notes()} == {proposal.participant_id, proposal.coach_id}


def test_a_referral_decision_tells_the_participant_and_the_coach_once(app):
    referral = make_referral()
    catalogue.decide(referral, ReferralStatus.ACCEPTED)
    catalogue.decide(referral, ReferralStatus.ACCEPTED)  # a double tap
    own, coachs = notes_of(referral.participant), notes_of(referral.coach)
    assert len(own) == 1 and len(coachs) == 1
    assert own[0].url == "/activities/mine" and coachs[0].url == f"/activities/participants/{referral.participant_id}"
    assert text_in(app, own[0], "en") == f"You have a place at {referral.activity.title}."


def test_a_booked_meeting_tells_the_participant_not_the_coach(app):
    coach = make_user(Role.COACH)
    participant = make_participant(coach, preferred_language="ar")
    appointments.book_appointment(participant, coach, "Uppföljning", date(2026, 11, 26), time(10), time(11), "Kontoret")
    [note] = all_notes()
    assert note.recipient_id == participant.id and note.kind == "meeting-booked"
    assert note.url == "/plan"
    english = text_in(app, note, "en")
    assert english.startswith("A meeting is booked: Uppföljning") and "10:00" in english
    assert text_in(app, note, "ar") != english


def test_reporting_sick_tells_the_coach_and_the_supervisor_not_the_reason(app):
    placement = make_placement()
    coach = make_coach_of(placement.participant)
    attendance.report_absence(placement.participant, date(2026, 11, 25), Status.SICK, "Tandläkare", TODAY)
    attendance.report_absence(placement.participant, date(2026, 11, 25), Status.SICK, "Tandläkare", TODAY)
    [to_coach] = notes_of(coach)
    [to_supervisor] = notes_of(placement.supervisor)
    assert notes_of(placement.participant) == []
    assert to_supervisor.url == f"/attendance/weeks/{placement.id}/2026-11-23"
    assert to_coach.url == f"/participants/{placement.participant_id}/attendance"
    for note in (to_coach, to_supervisor):
        text = text_in(app, note, "en")
        assert text == f"{placement.participant.called} is sick on Wednesday 25 November."
        assert "Tandläkare" not in str(note.params)


def test_feedback_given_tells_the_participant_and_the_coach(app):
    placement = make_placement()
    coach = make_coach_of(placement.participant)
    given = make_feedback(placement)
    items = MultiDict({f"item-{key}": "3" for key in spec.item_keys(spec.DEFAULT_DEFINITION)})
    with app.test_request_context():
        assert feedback.submit(given, placement.supervisor, items, "sv").submitted
    [own] = notes_of(placement.participant)
    [coachs] = notes_of(coach)
    assert notes_of(placement.supervisor) == []
    assert own.url == f"/feedback/{given.id}" and coachs.url == f"/feedback/participants/{placement.participant_id}"
    assert text_in(app, own, "en") == "Your supervisor has given you feedback."


def test_an_error_half_way_keeps_no_notification(app):
    opening = make_opening()
    coach = make_user(Role.COACH, make_organisation(opening.organisation.programme))
    participant = make_participant(coach)
    matching.propose(coach, participant.id, opening.id, None)
    db.session.rollback()
    assert all_notes() == []


@pytest.mark.parametrize("language", ["sv", "en", "ar", "ti"])
def test_every_kind_has_a_sentence_in_every_language(app, language):
    from webapp.events import all_events
    from webapp.notifications.models import Notification
    from webapp.notifications.texts import SENTENCES

    assert set(all_events()) <= set(SENTENCES)
    for kind in SENTENCES:
        note = Notification(recipient_id=1, kind=kind, params={"days": 3, "day": "2026-11-25"}, url="/")
        assert text_in(app, note, language)
