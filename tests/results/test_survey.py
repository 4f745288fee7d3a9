"""The participants' own voice: when the survey is due, one answer per occasion and period,
counts for managers without names, and nothing of it for employers or other programmes."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.home import routes as home_routes
from webapp.results import survey, survey_routes
from webapp.results.figures import Period, Scope
from webapp.results.models import Closer, Occasion, Support, SurveyAnswer

from ..factories import english, make_enrolment, make_user
from .conftest import TODAY

SECRET = "Min handledare Zyxwv var snäll"


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(survey_routes, "local_today", lambda: TODAY)
    monkeypatch.setattr(home_routes, "local_today", lambda: TODAY)
    return TODAY


def _participant(starts_on, exited_on=None):
    enrolment = make_enrolment(make_user(Role.COACH), starts_on=starts_on, consent_on=starts_on)
    if exited_on:
        from webapp.enrolment.models import ExitOutcome

        enrolment.exited_on, enrolment.exit_outcome = exited_on, ExitOutcome.WORK
    db.session.commit()
    return english(enrolment.participant)


def _count():
    return db.session.scalar(select(func.count(SurveyAnswer.id)))


def test_the_survey_is_due_every_three_months_from_the_start_and_at_exit(app):
    participant = _participant(date(2026, 8, 31))
    assert survey.due_survey(participant, date(2026, 11, 29)) is None  # not three months yet
    due = survey.due_survey(participant, date(2026, 11, 30))  # 31 Aug + 3 months: the month's last day
    assert due == survey.Due(Occasion.QUARTER, date(2026, 11, 30), date(2027, 2, 28))
    survey.record_answer(participant, Closer.YES, Support.GOOD, "", date(2026, 12, 5))
    assert survey.due_survey(participant, date(2027, 2, 27)) is None  # answered this period
    assert survey.due_survey(participant, date(2027, 2, 28)).starts_on == date(2027, 2, 28)
    left = _participant(date(2026, 1, 10), exited_on=date(2026, 11, 20))
    assert survey.due_survey(left, date(2026, 11, 19)).occasion is Occasion.QUARTER
    assert survey.due_survey(left, date(2026, 11, 20)) == survey.Due(Occasion.EXIT, date(2026, 11, 20))
    survey.record_answer(left, Closer.PARTLY, Support.POOR, "", date(2026, 11, 21))
    assert survey.due_survey(left, date(2027, 5, 1)) is None  # one exit answer, no more quarters
    assert survey.due_survey(make_user(Role.PARTICIPANT), TODAY) is None  # not enrolled


def test_the_participant_answers_on_the_phone_and_a_double_tap_counts_once(sign_in, today):
    participant = _participant(date(2026, 8, 1))
    client = sign_in(participant)
    home = client.get("/home/participant").get_data(as_text=True)
    assert "/results/survey" in home
    page = client.get("/results/survey")
    assert page.status_code == 200 and "Do you feel closer to work or studies?" in page.get_data(as_text=True)
    answer = {"closer": "yes", "support": "average", "text": "  Bra stöd  "}
    assert client.post("/results/survey", data=answer).status_code == 303
    again = client.post("/results/survey", data=answer, follow_redirects=True)
    assert "You have already answered this survey" in again.get_data(as_text=True)
    assert _count() == 1
    saved = db.session.scalar(select(SurveyAnswer))
    assert (saved.occasion, saved.closer, saved.support, saved.text, saved.answered_on) == (
        Occasion.QUARTER,
        Closer.YES,
        Support.AVERAGE,
        "Bra stöd",
        TODAY,
    )
    assert "/results/survey" not in client.get("/home/participant").get_data(as_text=True)
    assert "No questions for you right now" in client.get("/results/survey").get_data(as_text=True)


def test_through_htmx_the_answer_redirects_and_bad_input_returns_the_form(sign_in, today):
    client = sign_in(_participant(date(2026, 8, 1)))
    bad = client.post("/results/survey", data={"closer": "maybe", "text": "Mina ord"}, headers={"HX-Request": "true"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "<html" not in html and 'id="results-survey"' in html
    assert "Mina ord" in html
    good = client.post("/results/survey", data={"closer": "no", "support": "poor"}, headers={"HX-Request": "true"})
    assert good.status_code == 204 and good.headers["HX-Redirect"] == "/home/participant"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"closer": "yes"},
        {"closer": "soon", "support": "good"},
        {"closer": "yes", "support": "good", "text": "x" * 1001},
    ],
)
def test_bad_input_is_a_clear_message_and_keeps_what_was_typed(sign_in, today, data):
    client = sign_in(_participant(date(2026, 8, 1)))
    page = client.post("/results/survey", data={"text": "Mina egna ord", **data} if "text" not in data else data)
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Please choose one." in html or "at most 1000 characters" in html
    assert ("Mina egna ord" if "text" not in data else "x" * 1001) in html
    if data.get("closer") == "yes":
        assert re.search(r'<input checked[^>]*name="closer"[^>]*value="yes"', html)
    assert _count() == 0


def test_in_swedish_and_tigrinya_the_questions_and_messages_are_translated(sign_in, today):
    participant = _participant(date(2026, 8, 1))
    participant.preferred_language = "sv"
    db.session.commit()
    page = sign_in(participant).post("/results/survey", data={})
    assert page.status_code == 422 and "Please choose one." not in page.get_data(as_text=True)
    assert "Känner du att du har kommit närmare arbete eller studier?" in page.get_data(as_text=True)
    participant.preferred_language = "ti"
    db.session.commit()
    assert "ናብ ስራሕ ወይ ትምህርቲ" in sign_in(participant).get("/results/survey").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.COACH, Role.SUPERVISOR, Role.PROGRAMME_ADMIN, Role.ORGANISATION_ADMIN])
def test_only_participants_answer(known, sign_in, role):
    assert (
        sign_in(make_user(role, known.unit))
        .post("/results/survey", data={"closer": "yes", "support": "good"})
        .status_code
        == 403
    )


def _answers(known):
    """On top of the fixture's two (w2 yes/good, m1 partly/good, both a quarter's)."""
    people = known.people
    for key, occasion, closer, support, text, day in (
        ("w1", Occasion.EXIT, Closer.YES, Support.AVERAGE, SECRET, date(2026, 6, 20)),
        ("w3", Occasion.EXIT, Closer.NO, Support.POOR, "", date(2026, 9, 1)),
        ("ns", Occasion.QUARTER, Closer.YES, Support.GOOD, "Bättre nu", date(2026, 9, 2)),
    ):
        db.session.add(
            SurveyAnswer(
                participant_id=people[key].participant_id,
                programme_id=known.programme.id,
                occasion=occasion,
                closer=closer,
                support=support,
                text=text,
                answered_on=day,
            )
        )
    db.session.add(
        SurveyAnswer(
            participant_id=known.other.participant_id,
            programme_id=known.other_unit.programme_id,
            occasion=Occasion.EXIT,
            closer=Closer.NO,
            support=Support.POOR,
            text="Annat program",
            answered_on=date(2026, 4, 5),
        )
    )
    db.session.commit()


def test_the_aggregate_counts_exactly_within_the_programme(known):
    _answers(known)
    result = survey.aggregate(Scope(known.programme), Period(None, TODAY))
    quarter, exit = result.occasions
    assert quarter.occasion is Occasion.QUARTER and exit.occasion is Occasion.EXIT
    assert quarter.closer == {Closer.YES: 2, Closer.PARTLY: 1, Closer.NO: 0}
    assert quarter.support == {Support.GOOD: 3, Support.AVERAGE: 0, Support.POOR: 0}
    assert exit.closer == {Closer.YES: 1, Closer.PARTLY: 0, Closer.NO: 1}
    assert exit.support == {Support.GOOD: 0, Support.AVERAGE: 1, Support.POOR: 1}
    assert result.total == 5
    assert result.texts == [(Occasion.QUARTER, "Bättre nu"), (Occasion.EXIT, SECRET)]
    summer = survey.aggregate(Scope(known.programme), Period(date(2026, 6, 1), date(2026, 6, 30)))
    assert summer.total == 3 and summer.texts == [(Occasion.EXIT, SECRET)]
    unit = survey.aggregate(Scope(known.programme, known.unit), Period(None, TODAY))
    assert unit.total == 5 and unit.texts is None  # free text is for the programme's admins only


def test_the_results_page_shows_the_counts_and_the_words_without_names(known, sign_in):
    _answers(known)
    html = sign_in(english(known.admin)).get(f"/results?programme={known.programme.id}").get_data(as_text=True)
    assert 'data-survey="closer-quarter-yes">2<' in html and 'data-survey="support-exit-poor">1<' in html
    assert SECRET in html and "Annat program" not in html
    section = html[html.index('id="results-survey"') :]
    section = section[: section.index("</section>")]
    for enrolment in known.people.values():
        assert enrolment.participant.full_name not in section


def test_an_organisation_admin_sees_counts_but_no_words_and_other_programmes_nothing(known, sign_in):
    _answers(known)
    html = sign_in(english(make_user(Role.ORGANISATION_ADMIN, known.unit))).get("/results").get_data(as_text=True)
    assert 'data-survey="closer-quarter-yes">2<' in html and SECRET not in html
    other_admin = english(make_user(Role.PROGRAMME_ADMIN, known.other_unit))
    page = sign_in(other_admin).get("/results").get_data(as_text=True)
    assert 'data-survey="closer-exit-no">1<' in page and SECRET not in page and "Bättre nu" not in page
    assert 'data-survey="closer-quarter-yes">0<' in page


def test_nothing_a_supervisor_can_reach_shows_the_answers(app, known, sign_in):
    _answers(known)
    client = sign_in(english(known.supervisor))
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.arguments or rule.endpoint == "static":
            continue
        body = client.get(rule.rule).get_data(as_text=True)
        assert SECRET not in body and "Bättre nu" not in body, rule.rule
