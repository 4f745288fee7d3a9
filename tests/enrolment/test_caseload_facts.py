"""The caseload carries the action plan's facts: next step due, late steps, last self-rating."""

from datetime import date, timedelta

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.timeutil import local_today

from ..factories import make_goal, make_participant, make_rating, make_step, make_user


def test_caseload_rows_show_next_step_late_steps_and_rating_change(client, sign_in):
    coach = make_user(Role.COACH, preferred_language="en")
    participant = make_participant(coach, full_name="Semhar Tesfay")
    goal = make_goal(participant)
    make_step(goal, title="Ring Arbetsförmedlingen", due_on=local_today() - timedelta(days=3))
    make_step(goal, title="Besök Kvarnen", due_on=local_today() + timedelta(days=2))
    make_rating(participant, days_ago=30, work=4, health=4, confidence=4, swedish=4)
    make_rating(participant, days_ago=1, work=6, health=5, confidence=6, swedish=5)
    sign_in(coach)
    page = client.get("/home/coach").text
    assert "Next step due" in page and "Besök Kvarnen" in page
    assert "1 step is late" in page
    # The signed change reads left to right in Arabic too: isolated as ltr.
    assert '<bdi dir="ltr">5.5</bdi> (<bdi dir="ltr">+1.5</bdi> since the one before)' in page


def test_a_participant_without_a_plan_shows_no_plan_facts(client, sign_in):
    coach = make_user(Role.COACH, preferred_language="en")
    make_participant(coach)
    sign_in(coach)
    page = client.get("/home/coach").text
    assert "Next step due" not in page and "Last self-rating" not in page


def test_caseload_rows_show_unconfirmed_weeks_and_an_absence_pattern(client, sign_in):
    from webapp.attendance import services as attendance
    from webapp.attendance.models import Status
    from webapp.week import monday_of

    from ..factories import make_placement

    coach = make_user(Role.COACH, preferred_language="en")
    participant = make_participant(coach)
    this_monday = monday_of(local_today())
    placement = make_placement(
        participant=participant, starts_on=this_monday - timedelta(weeks=2), ends_on=this_monday + timedelta(weeks=4)
    )
    for offset in range(3):
        attendance.change_day(
            placement.supervisor,
            placement,
            this_monday - timedelta(weeks=1) + timedelta(days=offset),
            Status.SICK,
            None,
        )
    db.session.commit()
    sign_in(coach)
    page = client.get("/home/coach").text
    assert "2 weeks not confirmed" in page
    assert "3 absences in four weeks" in page


def test_caseload_rows_show_the_placement_running_today(client, sign_in):
    from ..factories import make_placement

    coach = make_user(Role.COACH, preferred_language="en")
    participant = make_participant(coach)
    make_placement(
        participant=participant,
        title="Lager och butik",
        starts_on=local_today() - timedelta(days=7),
        ends_on=local_today() + timedelta(days=30),
    )
    make_placement(
        participant=participant, title="Gammal praktik", starts_on=date(2025, 1, 6), ends_on=date(2025, 2, 28)
    )
    sign_in(coach)
    page = client.get("/home/coach").text
    assert "<bdi>Lager och butik</bdi> (<bdi>Work trial</bdi>) at" in page
    assert "Gammal praktik" not in page
