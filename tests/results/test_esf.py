"""ESF+ indicators at entry, exit and six months; the participant's own sensitive answers;
the coach's exit results and follow-up; the reminder when a follow-up is due."""

from datetime import date

from sqlalchemy import select

from webapp.enrolment.models import Education, Gender, LabourStatus
from webapp.extensions import db
from webapp.outbox.models import OutboxMessage
from webapp.reminders import send_all
from webapp.results import esf
from webapp.results.figures import GENDERS, Period, Scope
from webapp.results.indicators import indicators
from webapp.results.models import Answer, ExitResult, FollowUp, SensitiveAnswers

from ..factories import english, make_user
from .conftest import TODAY

W, M, NB, NS = Gender.WOMAN, Gender.MAN, Gender.NON_BINARY, Gender.NOT_STATED


def _by_key(known, start=None, end=TODAY):
    return {i.key: i for i in indicators(Scope(known.programme), Period(start, end))}


def test_entry_indicators_from_the_entry_data_and_the_own_answers(known):
    people = known.people
    people["w1"].labour_status, people["w1"].birth_year = LabourStatus.UNEMPLOYED_SHORT, 2009  # 17 at entry
    people["m1"].labour_status, people["m1"].birth_year = LabourStatus.EMPLOYED, 1970  # 56
    people["nb"].labour_status, people["nb"].education = LabourStatus.SICK_LEAVE, Education.ISCED_5_8
    people["ns"].birth_year = 2000  # 25 in 2025
    db.session.add(SensitiveAnswers(enrolment_id=people["w2"].id, disability=Answer.YES, homeless=Answer.NO))
    db.session.add(SensitiveAnswers(enrolment_id=people["m2"].id, disability=Answer.PREFER_NOT_TO_SAY))
    db.session.commit()
    found = _by_key(known)
    assert found["participants"].by_gender == {W: 3, M: 2, NB: 1, NS: 1}
    assert found["unemployed"].by_gender == {W: 3, M: 1, NB: 0, NS: 1}
    assert found["long_term_unemployed"].by_gender == {W: 2, M: 1, NB: 0, NS: 1}
    assert found["inactive"].by_gender == {W: 0, M: 0, NB: 1, NS: 0}
    assert found["employed"].by_gender == {W: 0, M: 1, NB: 0, NS: 0}
    assert found["under_18"].total == 1 and found["age_55"].total == 1 and found["age_18_29"].total == 1
    assert found["isced_0_2"].total == 6 and found["isced_5_8"].by_gender[NB] == 1
    assert found["disability"].by_gender == {W: 1, M: 0, NB: 0, NS: 0}
    assert found["homeless"].total == 0
    for indicator in found.values():
        assert sum(indicator.by_gender[g] for g in GENDERS) == indicator.total


def test_exit_and_follow_up_indicators(known, sign_in):
    coach = known.coach
    view = esf.for_coach(coach, known.people["w1"].participant_id)
    esf.record_exit_result(coach, view, employed=True, qualification=True)
    esf.record_follow_up(coach, view, employed=True, improved=True, on=date(2026, 11, 1))
    view = esf.for_coach(coach, known.people["nb"].participant_id)
    esf.record_exit_result(coach, view, job_searching=True)
    db.session.commit()
    found = _by_key(known)
    assert found["left"].by_gender == {W: 2, M: 1, NB: 1, NS: 0}
    assert found["exit_employed"].by_gender == {W: 1, M: 0, NB: 0, NS: 0}
    assert found["qualification"].total == 1 and found["job_searching"].by_gender[NB] == 1
    assert found["exit_not_recorded"].total == 2
    assert found["followed_up"].total == 1 and found["after_employed"].total == 1 and found["after_improved"].total == 1
    assert _by_key(known, date(2026, 1, 1), date(2026, 10, 31))["followed_up"].total == 0


def test_the_participant_answers_the_sensitive_questions_only_with_consent(known, sign_in):
    enrolment = known.people["w2"]
    client = sign_in(english(enrolment.participant))
    page = client.get("/results/my-answers")
    assert page.status_code == 200 and 'checked id="disability-0"' in page.get_data(as_text=True)
    answers = {
        "disability": "yes",
        "third_country": "no",
        "foreign_background": "prefer_not_to_say",
        "minority": "prefer_not_to_say",
        "homeless": "prefer_not_to_say",
    }
    refused = client.post("/results/my-answers", data=answers)
    assert refused.status_code == 422 and "Tick the box to agree" in refused.get_data(as_text=True)
    assert client.post("/results/my-answers", data=answers | {"consent": "y"}).status_code == 303
    saved = db.session.scalar(select(SensitiveAnswers).where(SensitiveAnswers.enrolment_id == enrolment.id))
    assert saved.disability is Answer.YES and saved.third_country is Answer.NO and saved.consented_at is not None


def test_an_answer_that_is_not_a_choice_is_said_not_a_500(known, sign_in):
    """Found by the form fuzzer: the consent check read answers that had failed their own check."""
    client = sign_in(english(known.people["w2"].participant))
    reply = client.post("/results/my-answers", data={"disability": "nonsense", "homeless": "2026-02-30"})
    assert reply.status_code == 422 and "Tick the box" not in reply.get_data(as_text=True)


def test_the_coach_records_exit_results_and_the_follow_up(known, sign_in):
    client = sign_in(english(known.coach))
    participant_id = known.people["w1"].participant_id
    assert client.get(f"/results/participants/{participant_id}/esf").status_code == 200
    assert (
        client.post(
            f"/results/participants/{participant_id}/esf", data={"part": "exit", "exit-employed": "y"}
        ).status_code
        == 303
    )
    bad = client.post(
        f"/results/participants/{participant_id}/esf",
        data={"part": "follow", "follow-employed": "y", "follow-recorded_on": "2026-13-01"},
    )
    assert bad.status_code == 422 and "Write a date like" in bad.get_data(as_text=True)
    assert (
        client.post(
            f"/results/participants/{participant_id}/esf",
            data={"part": "follow", "follow-improved": "y", "follow-recorded_on": "2026-11-20"},
        ).status_code
        == 303
    )
    assert db.session.scalar(select(ExitResult)).employed is True
    assert db.session.scalar(select(FollowUp)).improved is True
    other_coach = make_user(known.coach.memberships[0].role, known.unit)
    assert sign_in(other_coach).get(f"/results/participants/{participant_id}/esf").status_code == 404


def test_the_coach_is_reminded_once_when_a_follow_up_is_due(known):
    # w1 left 2026-06-15, nb 2026-05-20 and the other programme's 2026-04-04: six months past by
    # 2026-12-20; w3 (2026-08-31) not yet.
    assert send_all(date(2026, 12, 20))["esf_follow_ups_due"] == 3
    assert send_all(date(2026, 12, 21))["esf_follow_ups_due"] == 0
    mails = [m.to_address for m in db.session.scalars(select(OutboxMessage)) if m.body.rstrip().endswith("/esf")]
    assert sorted(mails) == sorted([known.coach.email] * 2 + [known.other.responsible_coach.email])
