"""Plan services: who may see a plan, history, two people saving at once, caseload figures."""

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from webapp.accounts.models import Role, User
from webapp.extensions import db
from webapp.plans import appointments, services
from webapp.plans.caseload import Facts, caseload_facts
from webapp.plans.models import Category, ChangeKind, Doer, PlanChange, Status
from webapp.timeutil import local_today
from webapp.week import items_for, monday_of

from ..conftest import counting
from ..factories import make_goal, make_organisation, make_participant, make_rating, make_step, make_user


def test_a_participant_sees_only_their_own_plan_and_a_coach_only_their_organisations():
    coach = make_user(Role.COACH)
    mine = make_participant(coach)
    stranger = make_user(Role.PARTICIPANT, make_organisation())
    assert services.plan_owner(mine, mine.id) == mine
    assert services.plan_owner(coach, mine.id) == mine
    for viewer, whose in ((mine, stranger.id), (coach, stranger.id), (stranger, mine.id)):
        with pytest.raises(NotFound):
            services.plan_owner(viewer, whose)
    goal = make_goal(stranger)
    with pytest.raises(NotFound):
        services.goal_for(coach, goal.id)
    with pytest.raises(NotFound):
        services.step_for(mine, make_step(goal).id)


def test_every_change_is_kept_with_who_and_when(app):
    coach = make_user(Role.COACH)
    participant = make_participant(coach)
    goal = services.add_goal(participant, participant, "  ስራሕ ኣብ ቤት መግቢ ")
    step = services.add_step(goal, coach, title="Skriva CV", category=Category.WORK_PRACTICE, due_on=date(2026, 12, 1))
    services.update_goal(goal, coach, goal.version, "ስራሕ ኣብ ቤት መግቢ", "Kök eller servering")
    services.set_done(step, participant)
    services.set_done(step, participant)  # a second tap changes nothing twice
    services.write_reflection(step, participant, "Det gick bra.")
    history = services.history_of(participant)
    assert [c.kind for c in history] == [
        ChangeKind.REFLECTION,
        ChangeKind.STEP_DONE,
        ChangeKind.GOAL_CHANGED,
        ChangeKind.STEP_ADDED,
        ChangeKind.GOAL_ADDED,
    ]
    assert history[2].actor == coach
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert [(str(label), old, new) for label, old, new in history[2].changes] == [
            ("Description", "–", "Kök eller servering")
        ]
    assert history[-1].subject == "ስራሕ ኣብ ቤት መግቢ" and history[-1].at is not None
    assert step.status is Status.DONE and step.reflection == "Det gick bra."


def test_the_second_of_two_saves_from_the_same_version_is_refused_and_sees_the_newer():
    coach = make_user(Role.COACH)
    participant = make_participant(coach)
    goal = make_goal(participant)
    opened = goal.version
    services.update_goal(goal, coach, opened, "Coachens titel", None)
    with pytest.raises(services.Conflict) as conflict:
        services.update_goal(goal, participant, opened, "Min titel", None)
    assert conflict.value.current.title == "Coachens titel"
    assert conflict.value.current.version == opened + 1
    assert db.session.scalar(select(PlanChange.subject).order_by(PlanChange.id.desc())) == "Coachens titel"


def test_a_stale_step_save_is_refused_too():
    step = make_step()
    coach = make_user(Role.COACH)
    values = dict(
        title="Nytt",
        description=None,
        category=Category.HEALTH,
        due_on=None,
        status=Status.IN_PROGRESS,
        doer=Doer.OTHER,
        doer_name="Läkaren",
    )
    services.update_step(step, coach, 1, **values)
    assert step.doer_name == "Läkaren" and step.version == 2
    with pytest.raises(services.Conflict):
        services.update_step(step, coach, 1, **{**values, "title": "Gammalt"})
    assert step.title == "Nytt"


def test_appointments_are_a_source_of_the_week_in_local_time():
    participant = make_user(Role.PARTICIPANT)
    coach = make_user(Role.COACH)
    monday = monday_of(date(2026, 11, 23))
    appointments.book_appointment(
        participant, coach, "Möte", monday + timedelta(days=2), time(10), time(11), "Stortorget 1"
    )
    appointments.book_appointment(
        participant, coach, "Nästa vecka", monday + timedelta(days=8), time(9), time(10), None
    )
    items = items_for(participant, monday, monday + timedelta(days=6))
    assert [(i.title, i.day, i.starts_at, i.kind, i.place) for i in items] == [
        ("Möte", date(2026, 11, 25), time(10), "meeting", "Stortorget 1")
    ]


def test_next_steps_are_the_open_ones_soonest_first():
    goal = make_goal()
    make_step(goal, title="Utan datum")
    make_step(goal, title="Senare", due_on=date(2026, 12, 10))
    make_step(goal, title="Först", due_on=date(2026, 12, 1))
    make_step(goal, title="Klart", due_on=date(2026, 11, 1), status=Status.DONE)
    assert [s.title for s in services.next_steps(goal.participant)] == ["Först", "Senare", "Utan datum"]


def test_caseload_facts():
    today = local_today()
    goal = make_goal()
    pid = goal.participant_id
    make_step(goal, title="Sen", due_on=today - timedelta(days=3))
    make_step(goal, title="Också sen", due_on=today - timedelta(days=1), status=Status.IN_PROGRESS)
    make_step(goal, title="Klar men gammal", due_on=today - timedelta(days=9), status=Status.DONE)
    make_step(goal, title="Nästa", due_on=today + timedelta(days=2))
    make_step(goal, title="Sedan", due_on=today + timedelta(days=5))
    make_rating(goal.participant, days_ago=40, work=3, health=3, confidence=3, swedish=3)
    make_rating(goal.participant, days_ago=10, work=5, health=4, confidence=5, swedish=4)
    nobody = make_user(Role.PARTICIPANT)
    facts = caseload_facts([pid, nobody.id])
    assert facts[pid].next_step == "Nästa" and facts[pid].next_due == today + timedelta(days=2)
    assert facts[pid].overdue == 2
    assert facts[pid].last_rating.work == 5 and facts[pid].rating_change == 1.5
    assert facts[nobody.id] == Facts()
    assert caseload_facts([]) == {}


def _count_queries(function):
    with counting() as statements:
        function()
    return len(statements)


def test_caseload_facts_take_the_same_number_of_queries_for_two_or_forty_participants():
    def people(n):
        ids = []
        for i in range(n):
            # No password: hashing forty of them would only make the test slow.
            person = User(full_name=f"Deltagare {i}", sign_in_name=f"3{n:03d}{i:04d}")
            db.session.add(person)
            db.session.commit()
            goal = make_goal(person)
            make_step(goal, due_on=local_today() + timedelta(days=i % 5 - 2))
            make_rating(person, days_ago=30)
            make_rating(person, days_ago=1)
            ids.append(person.id)
        return ids

    few, many = people(2), people(40)
    db.session.expire_all()
    small = _count_queries(lambda: caseload_facts(few))
    db.session.expire_all()
    large = _count_queries(lambda: caseload_facts(few + many))
    assert small == large == 3
