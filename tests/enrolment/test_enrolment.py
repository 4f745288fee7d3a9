"""Enrolment: the coach enrols a person with the ESF entry data, moves them along the way,
notes contact and records the exit; bad input is said in place, never a 500."""

from datetime import date

import pytest
from sqlalchemy import func, select

from webapp.accounts.models import Role, User
from webapp.enrolment import services
from webapp.enrolment.lookup import enrolment_of
from webapp.enrolment.models import Enrolment, ExitOutcome, Gender, Phase, PhaseChange
from webapp.extensions import db
from webapp.timeutil import local_today

from ..conftest import HX, counting
from ..factories import english, make_enrolment, make_municipality, make_organisation, make_programme, make_user


@pytest.fixture
def coach():
    municipality = make_municipality(name="Hässleholm")
    programme = make_programme()
    programme.municipalities.append(municipality)
    organisation = make_organisation(programme, municipality_id=municipality.id)
    return make_user(Role.COACH, organisation, preferred_language="en")


def entry(coach, **overrides):
    municipality = coach.memberships[0].organisation.programme.municipalities[0]
    return {
        "full_name": "ሄለን ኣብርሃ",
        "short_name": "Helen",
        "language": "ti",
        "phone": "+46 70 123 45 67",
        "email": "",
        "municipality": str(municipality.id),
        "gender": "woman",
        "birth_year": "1991",
        "education": "isced_0_2",
        "labour_status": "unemployed_long",
        "newly_arrived": "y",
        "starts_on": "2026-11-23",
        "consent": "y",
        "consent_on": "2026-11-23",
        "consent_purpose": "Planning and ESF reporting",
        **overrides,
    }


def test_enrolment_makes_the_participant_the_record_and_the_first_phase(client, sign_in, coach):
    sign_in(coach)
    response = client.post("/participants/new", data=entry(coach))
    assert response.status_code == 303
    participant = db.session.scalar(select(User).where(User.full_name == "ሄለን ኣብርሃ"))
    enrolment = enrolment_of(participant)
    assert enrolment.responsible_coach_id == coach.id
    assert (enrolment.gender, enrolment.birth_year, enrolment.newly_arrived) == (Gender.WOMAN, 1991, True)
    assert enrolment.phone == "+46 70 123 45 67" and enrolment.email is None
    assert enrolment.phase is Phase.TRUST
    assert [(c.from_phase, c.to_phase) for c in enrolment.phase_changes] == [(None, Phase.TRUST)]
    page = client.get(response.headers["Location"])
    assert "/invitation/" in page.text, "the invitation is offered right after enrolment"
    assert "Getting to know each other" in page.text


def test_a_person_with_protected_identity_needs_no_contact_and_no_identity_number(client, sign_in, coach):
    sign_in(coach)
    response = client.post("/participants/new", data=entry(coach, phone="", email="", full_name="N.N."))
    assert response.status_code == 303
    assert "personnummer" not in Enrolment.__table__.columns


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("full_name", "   ", "Please fill in this field."),
        ("full_name", "x" * 201, "Please write at most 200 characters."),
        ("birth_year", "1899", "Write a year between 1900 and"),
        ("birth_year", str(date.today().year + 1), "Write a year between 1900 and"),
        ("birth_year", "nineteen", "Write a year between 1900 and"),
        ("starts_on", "20255-01-01", "Write a date like 2026-11-23, with a four-digit year."),
        ("starts_on", "2099-01-01", "Choose a day between"),
        ("gender", "", "Please choose one."),
        ("education", "isced_9", "Please choose one."),
        ("municipality", "999999", "Please choose one of the municipalities in the list."),
        ("phone", "call me", "Write only digits, spaces and +"),
        ("email", "not-an-address", "Please write a whole email address"),
        ("consent", "", "Please fill in this field."),
        ("consent_purpose", "x" * 501, "Please write at most 500 characters."),
    ],
)
def test_bad_entry_data_is_said_in_place_and_nothing_is_lost(client, sign_in, coach, field, value, message):
    sign_in(coach)
    data = entry(coach, **{field: value})
    if field == "consent" and not value:
        del data["consent"]
    response = client.post("/participants/new", data=data, headers=HX)
    assert response.status_code == 422
    assert response.text.lstrip().startswith("<form")
    assert message in response.text
    assert 'value="Helen"' in response.text, "what was typed stays"
    assert db.session.scalar(select(Enrolment.id)) is None


def test_the_coach_moves_the_participant_on_and_every_change_is_kept(client, sign_in):
    enrolment = make_enrolment()
    coach = enrolment.responsible_coach
    sign_in(coach)
    response = client.post(f"/enrolment/{enrolment.participant_id}/phase", data={"phase": "mapping"}, headers=HX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="enrolment-phase"')
    assert 'aria-current="step"' in response.text
    client.post(f"/enrolment/{enrolment.participant_id}/phase", data={"phase": "mapping"}, headers=HX)
    db.session.expire_all()
    changes = db.session.scalars(select(PhaseChange).order_by(PhaseChange.id)).all()
    assert [(c.from_phase, c.to_phase) for c in changes] == [(None, Phase.TRUST), (Phase.TRUST, Phase.MAPPING)]
    assert changes[-1].changed_by_id == coach.id and changes[-1].changed_on == local_today()


def test_an_unknown_phase_is_said_in_place(client, sign_in):
    enrolment = make_enrolment()
    sign_in(english(enrolment.responsible_coach))
    response = client.post(f"/enrolment/{enrolment.participant_id}/phase", data={"phase": "moon"}, headers=HX)
    assert response.status_code == 422
    assert "Please choose one of the phases in the list." in response.text
    page = client.post(f"/enrolment/{enrolment.participant_id}/phase", data={"phase": "moon"})
    assert page.status_code == 422 and page.text.startswith("<!doctype html>")


def test_moving_without_javascript_goes_back_to_the_page(client, sign_in):
    enrolment = make_enrolment()
    sign_in(english(enrolment.responsible_coach))
    response = client.post(f"/enrolment/{enrolment.participant_id}/phase", data={"phase": "strategy"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/participants/{enrolment.participant_id}")


def test_exit_is_recorded_and_cannot_be_before_the_start(client, sign_in):
    enrolment = make_enrolment(starts_on=date(2026, 9, 1))
    sign_in(english(enrolment.responsible_coach))
    url = f"/enrolment/{enrolment.participant_id}/exit"
    early = client.post(url, data={"exited_on": "2026-08-31", "outcome": "work"}, headers=HX)
    assert early.status_code == 422 and "cannot be before the start date" in early.text
    typo = client.post(url, data={"exited_on": "20255-01-01", "outcome": "work"}, headers=HX)
    assert typo.status_code == 422 and "Write a date like 2026-11-23, with a four-digit year." in typo.text
    done = client.post(url, data={"exited_on": "2026-11-20", "outcome": "studies"}, headers=HX)
    assert done.status_code == 200 and done.text.lstrip().startswith('<section id="enrolment-exit"')
    db.session.expire_all()
    assert (enrolment.exited_on, enrolment.exit_outcome) == (date(2026, 11, 20), ExitOutcome.STUDIES)
    client.post(f"{url}/undo", headers=HX)
    db.session.expire_all()
    assert enrolment.exited_on is None and enrolment.exit_outcome is None


def test_a_contact_moves_last_contact_forward_only(client, sign_in):
    enrolment = make_enrolment(last_contact_on=date(2026, 10, 1))
    sign_in(english(enrolment.responsible_coach))
    url = f"/enrolment/{enrolment.participant_id}/contact"
    assert client.post(url, data={"contacted_on": "2026-10-05"}, headers=HX).status_code == 200
    assert client.post(url, data={"contacted_on": "2026-09-05"}, headers=HX).status_code == 200
    future = client.post(url, data={"contacted_on": "2099-01-01"}, headers=HX)
    assert future.status_code == 422 and "Choose a day between" in future.text
    db.session.expire_all()
    assert enrolment.last_contact_on == date(2026, 10, 5)


def test_the_participant_sees_where_they_stand_on_the_way(client, sign_in):
    enrolment = make_enrolment(phase=Phase.HEALTH)
    sign_in(english(enrolment.participant))
    page = client.get("/home/participant")
    assert 'id="enrolment-way"' in page.text
    current = page.text.split('aria-current="step"')[1].split("</li>")[0]
    assert "Health activities" in current and "You are here" in current
    assert page.text.count("(done)") == 3


def test_a_participant_without_enrolment_has_a_home_without_the_way(client, sign_in):
    sign_in(make_user(Role.PARTICIPANT))
    page = client.get("/home/participant")
    assert page.status_code == 200 and 'id="enrolment-way"' not in page.text


def test_way_of_marks_done_current_and_ahead():
    enrolment = make_enrolment(phase=Phase.STRATEGY)
    states = [step.state for step in services.way_of(enrolment)]
    assert states == ["done", "done", "current", "ahead", "ahead", "ahead", "ahead"]


def test_the_demo_enrols_its_participants_once(app):
    from webapp.demo.seed import seed_demo

    seed_demo()
    seed_demo()
    enrolments = db.session.scalars(select(Enrolment)).all()
    assert len(enrolments) == 6
    assert {e.gender for e in enrolments} == {Gender.WOMAN, Gender.MAN}
    assert {e.responsible_coach.full_name for e in enrolments} == {"Sara Lindqvist", "Yusuf Haddad"}
    assert len({e.phase for e in enrolments}) == 6
    assert db.session.scalar(select(func.count(PhaseChange.id))) == sum(e.phase.number for e in enrolments)


def test_choices_survive_a_form_with_a_mistake(client, sign_in, coach):
    sign_in(coach)
    response = client.post("/participants/new", data=entry(coach, birth_year="20255"), headers=HX)
    assert response.status_code == 422
    for value in ("woman", "isced_0_2", "unemployed_long", "ti"):
        assert f'value="{value}" selected' in response.text or f'selected value="{value}"' in response.text


def test_the_coach_corrects_the_enrolment(client, sign_in):
    enrolment = make_enrolment(birth_year=1985)
    sign_in(english(enrolment.responsible_coach))
    url = f"/enrolment/{enrolment.participant_id}/edit"
    form = client.get(url)
    assert form.status_code == 200 and 'value="1985"' in form.text and 'id="enrolment-edit"' in form.text
    data = {
        "full_name": "Ny Namnsson",
        "language": "ar",
        "municipality": str(enrolment.municipality_id),
        "gender": "man",
        "birth_year": "1958",
        "education": "isced_5_8",
        "labour_status": "sick_leave",
        "starts_on": "2026-09-01",
        "consent": "y",
        "consent_on": "2026-09-01",
        "consent_purpose": "Planning",
    }
    bad = client.post(url, data={**data, "birth_year": "20255"}, headers=HX)
    assert bad.status_code == 422 and bad.text.lstrip().startswith('<form method="post" action="' + url)
    assert client.post(url, data=data).status_code == 303
    db.session.expire_all()
    assert (enrolment.participant.full_name, enrolment.birth_year, enrolment.gender) == (
        "Ny Namnsson",
        1958,
        Gender.MAN,
    )
    assert enrolment.participant.preferred_language == "ar"


def test_another_coach_cannot_correct_the_enrolment(client, sign_in):
    enrolment = make_enrolment()
    sign_in(make_user(Role.COACH, enrolment.organisation))
    assert client.get(f"/enrolment/{enrolment.participant_id}/edit").status_code == 404
    assert client.post(f"/enrolment/{enrolment.participant_id}/edit", data={}, headers=HX).status_code == 404


def test_a_persons_enrolment_is_asked_once_and_follows_enrolling_and_erasing(app):
    """enrolment_of(person) keeps the answer on the person (the participant's home asks it from
    four features); a person enrolled in the same session has it at once, and deleting the
    person takes the enrolment with them."""
    from webapp.enrolment.lookup import enrolment_of

    coach = make_user(Role.COACH)
    person = make_user(Role.PARTICIPANT, coach.memberships[0].organisation)
    assert enrolment_of(person) is None
    enrolment = make_enrolment(coach, person)
    assert enrolment_of(person) is enrolment and enrolment_of(person.id) is enrolment
    with counting() as statements:
        found = [enrolment_of(person) for _ in range(4)]
    assert found == [enrolment] * 4 and len(statements) <= 1  # at most the reload after the commit
    db.session.delete(person)
    db.session.commit()
    assert db.session.scalar(select(func.count(Enrolment.id))) == 0
