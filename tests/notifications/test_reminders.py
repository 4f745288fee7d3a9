"""`flask send-reminders` tells participants, coaches and supervisors through the same
notifications, once each: a second run tells nobody again."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from sqlalchemy import select

from webapp.accounts.models import Role
from webapp.attendance.models import AttendanceDay, Status
from webapp.extensions import db
from webapp.notifications.models import Notification
from webapp.plans.models import Appointment
from webapp.timeutil import STOCKHOLM, utcnow

from ..factories import (
    make_coach_of,
    make_enrolment,
    make_goal,
    make_placement,
    make_proposal,
    make_rating,
    make_step,
    make_user,
)
from .helpers import all_notes, notes_of, text_in

TODAY = date(2026, 11, 23)


def _run(app) -> str:
    result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


def test_participants_hear_of_tomorrows_meeting_and_step_once(app):
    coach = make_user(Role.COACH)
    enrolment = make_enrolment(coach)
    participant = enrolment.participant
    participant.preferred_language = "en"
    db.session.add(
        Appointment(
            participant_id=participant.id,
            title="Uppföljning",
            starts_at=datetime.combine(TODAY + timedelta(days=1), time(9), tzinfo=STOCKHOLM),
            ends_at=datetime.combine(TODAY + timedelta(days=1), time(10), tzinfo=STOCKHOLM),
            created_by_id=coach.id,
        )
    )
    make_rating(participant)  # rated today: no rating due
    step = make_step(make_goal(participant), due_on=TODAY + timedelta(days=1), title="Ring Lisa")
    make_step(make_goal(participant), due_on=TODAY + timedelta(days=3))  # not tomorrow
    db.session.commit()
    first = _run(app)
    assert "meetings_tomorrow\t1" in first and "steps_due_tomorrow\t1" in first
    kinds = sorted(n.kind for n in notes_of(participant))
    assert kinds == ["meeting-tomorrow", "step-due"]
    step_note = next(n for n in notes_of(participant) if n.kind == "step-due")
    assert step_note.url == f"/plans/steps/{step.id}"
    assert text_in(app, step_note, "en") == "A step in your plan is due tomorrow: Ring Lisa."
    assert text_in(app, step_note, "sv") == "Ett steg i din plan ska vara klart i morgon: Ring Lisa."
    second = _run(app)
    assert "meetings_tomorrow\t0" in second and "steps_due_tomorrow\t0" in second
    assert len(notes_of(participant)) == 2
    assert notes_of(coach) == []


def test_a_rating_is_due_first_and_four_weeks_after_the_last(app):
    never = make_enrolment().participant
    recent = make_enrolment().participant
    make_rating(recent, days_ago=3)
    old = make_enrolment().participant
    make_rating(old, days_ago=30)
    assert "ratings_due\t2" in _run(app)
    assert [len(notes_of(p)) for p in (never, recent, old)] == [1, 0, 1]
    assert "ratings_due\t0" in _run(app)


def test_coaches_hear_of_unanswered_proposals_and_unreported_absences_once(app):
    proposal = make_proposal()
    proposal.created_at = utcnow() - timedelta(days=5)
    fresh = make_proposal(coach=proposal.coach, opening=proposal.opening)  # made now: not yet
    placement = make_placement(starts_on=date(2026, 11, 2))
    coach = make_coach_of(placement.participant)
    db.session.add(AttendanceDay(placement_id=placement.id, day=TODAY - timedelta(days=3), status=Status.ABSENT))
    db.session.add(
        AttendanceDay(
            placement_id=placement.id, day=TODAY - timedelta(days=2), status=Status.SICK, reported_status=Status.SICK
        )
    )  # the participant told: the coach heard then
    db.session.commit()
    assert fresh.id
    output = _run(app)
    assert "unanswered_proposals\t1" in output and "absences_recorded\t1" in output
    [unanswered] = notes_of(proposal.coach)
    assert unanswered.params["days"] == 5 and unanswered.kind == "proposal-unanswered"
    proposal.coach.preferred_language = "en"
    assert "for 5 days" in text_in(app, unanswered, "en")
    [absence] = notes_of(coach)
    assert absence.kind == "absence-recorded" and absence.params["day"] == "2026-11-20"
    output = _run(app)
    assert "unanswered_proposals\t0" in output and "absences_recorded\t0" in output


def test_supervisors_get_their_mail_and_a_notification_once(app):
    placement = make_placement(starts_on=date(2026, 11, 2))
    _run(app)
    weeks = [n for n in notes_of(placement.supervisor) if n.kind == "week-unconfirmed"]
    assert len(weeks) == 3  # weeks 45, 46 and 47 are past and unconfirmed
    assert {n.url for n in weeks} == {f"/attendance/weeks/{placement.id}/2026-11-{d}" for d in ("02", "09", "16")}
    before = len(all_notes())
    _run(app)
    assert len(all_notes()) == before


def test_the_month_to_certify_is_told_once_in_the_first_weeks(app):
    placement = make_placement(starts_on=date(2026, 10, 5))
    # 23 November: October ended more than two weeks ago, nothing to tell.
    assert "months_to_certify\t0" in _run(app)
    with time_machine.travel(datetime(2026, 12, 2, 9, tzinfo=STOCKHOLM), tick=True):
        assert "months_to_certify\t1" in _run(app)
        assert "months_to_certify\t0" in _run(app)
    [note] = [n for n in notes_of(placement.participant) if n.kind == "month-ready"]
    assert note.url == "/results/my-time/2026-11"
    assert text_in(app, note, "en") == "Your time for November 2026 is ready to be certified."


@pytest.mark.parametrize("run_twice", [True])
def test_dedupe_keys_are_per_person(app, run_twice):
    from webapp.notifications.services import record

    a, b = make_user(Role.PARTICIPANT), make_user(Role.PARTICIPANT)
    assert len(record("rating-due", None, [a, b], "/rating/", dedupe_key="rating-due:first")) == 2
    assert record("rating-due", None, [a, b], "/rating/", dedupe_key="rating-due:first") == []
    assert db.session.scalar(select(db.func.count(Notification.id))) == 2
