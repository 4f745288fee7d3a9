"""Feedback pages and htmx fragments: who may see what, drafts on every change, bad input."""

import copy
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from webapp.accounts.models import OrganisationKind, Role
from webapp.extensions import db
from webapp.feedback import definition as spec
from webapp.feedback.models import Feedback, FeedbackPoint, FeedbackTemplate
from webapp.timeutil import local_today, utcnow

from ..conftest import HX, counting
from ..factories import (
    make_enrolment,
    make_feedback,
    make_organisation,
    make_participant,
    make_placement,
    make_programme,
    make_user,
)

ALL_ITEMS = {f"item-{key}": "3" for key in spec.item_keys(spec.DEFAULT_DEFINITION)}
EN = {"Accept-Language": "en"}


def english(user):
    user.preferred_language = "en"
    db.session.commit()
    return user


def test_the_page_of_all_feedback_to_give_names_its_list_once(client, sign_in):
    placement = make_placement(starts_on=local_today() - timedelta(days=15), ends_on=None)
    sign_in(english(placement.supervisor))
    page = client.get("/feedback/due").get_data(as_text=True)
    assert page.count(">Feedback to give</h") == 1
    assert '<h1 id="feedback-due-heading">Feedback to give</h1>' in page
    assert 'aria-labelledby="feedback-due-heading"' in page and "After two weeks" in page
    home = client.get("/home/supervisor").get_data(as_text=True)
    assert '<h2 id="feedback-due-heading">Feedback to give</h2>' in home


def test_the_supervisors_home_shows_due_feedback_and_starting_opens_the_form(client, sign_in):
    today = local_today()
    placement = make_placement(starts_on=today - timedelta(days=15), ends_on=None)
    due_on = (placement.starts_on + timedelta(days=14)).isoformat()
    sign_in(english(placement.supervisor))
    home = client.get("/home/supervisor").get_data(as_text=True)
    assert 'id="feedback-due"' in home and "After two weeks" in home
    assert f"Give feedback on <bdi>{placement.participant.called}</bdi>" in home
    response = client.post(f"/feedback/start/{placement.id}", data={"point": "two_weeks", "due_on": due_on})
    assert response.status_code == 303
    again = client.post(f"/feedback/start/{placement.id}", headers=HX, data={"point": "two_weeks", "due_on": due_on})
    assert again.headers["HX-Redirect"] == response.headers["Location"]
    assert client.post(f"/feedback/start/{placement.id}", data={"point": "soon", "due_on": due_on}).status_code == 404
    assert client.post(f"/feedback/start/{placement.id}", data={"point": "two_weeks", "due_on": "x"}).status_code == 404
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'hx-trigger="change"' in page and "Comes on time" in page and page.count('type="radio"') == 48


def test_a_supervisor_cannot_reach_another_supervisors_feedback(client, sign_in):
    feedback = make_feedback()
    other_employer = make_user(Role.SUPERVISOR)
    same_employer = make_user(Role.SUPERVISOR, feedback.placement.organisation)
    for person in (other_employer, same_employer):
        sign_in(person)
        assert client.get(f"/feedback/{feedback.id}/give").status_code == 404
        assert client.get(f"/feedback/{feedback.id}/give", headers=HX).status_code == 404
        assert client.post(f"/feedback/{feedback.id}/draft", data=ALL_ITEMS, headers=HX).status_code == 404
        assert client.post(f"/feedback/{feedback.id}/give", data=ALL_ITEMS).status_code == 404
        assert client.post(f"/feedback/start/{feedback.placement_id}", data={"point": "asked"}).status_code == 404
    db.session.refresh(feedback)
    assert feedback.answers == {}


def test_an_employer_never_sees_feedback_from_another_employer(client, sign_in):
    participant = make_user(Role.PARTICIPANT)
    earlier = make_feedback(make_placement(participant=participant), submitted=True, answers={"on_time": 1})
    now = make_placement(participant=participant)
    sign_in(now.supervisor)
    assert client.get(f"/feedback/{earlier.id}/give").status_code == 404
    assert client.get(f"/feedback/{earlier.id}").status_code == 403  # the participant's page
    assert client.get(f"/feedback/participants/{participant.id}").status_code == 403


def test_every_change_saves_a_draft_fragment(client, sign_in):
    feedback = make_feedback()
    sign_in(english(feedback.placement.supervisor))
    response = client.post(f"/feedback/{feedback.id}/draft", data={"item-on_time": "4"}, headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="feedback-draft-status"' in body and "1 of 12 answered" in body and "Draft saved at" in body
    assert 'hx-swap-oob="true"' in body and "<form" not in body
    db.session.refresh(feedback)
    assert feedback.answers == {"on_time": 4}


def test_a_level_not_on_the_scale_is_said_next_to_the_item_and_nothing_is_lost(client, sign_in):
    feedback = make_feedback(answers={"on_time": 2})
    sign_in(english(feedback.placement.supervisor))
    response = client.post(f"/feedback/{feedback.id}/draft", data={"item-pace": "7", "item-quality": "2"}, headers=HX)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'id="feedback-error-pace" hx-swap-oob="true">This answer is not one of the levels' in body
    db.session.refresh(feedback)
    assert feedback.answers == {"on_time": 2, "quality": 2}


def test_submitting_with_items_unanswered_says_which_and_keeps_every_answer(client, sign_in):
    feedback = make_feedback()
    sign_in(english(feedback.placement.supervisor))
    data = {"item-on_time": "4", "item-pace": "2", "text-went_well": "Punktlig och glad."}
    response = client.post(f"/feedback/{feedback.id}/give", data=data, headers=HX)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "10 items have no answer yet" in body
    assert '<a href="#item-safety">Works safely</a>' in body
    assert 'value="4" checked' in body and "Punktlig och glad." in body
    db.session.refresh(feedback)
    assert feedback.submitted_at is None and feedback.answers == {"on_time": 4, "pace": 2}
    # Without JavaScript the same: the whole page, 422.
    page = client.post(f"/feedback/{feedback.id}/give", data=data)
    assert page.status_code == 422 and "<html" in page.get_data(as_text=True)


def test_a_free_text_of_20000_characters_is_refused_and_kept_in_the_page(client, sign_in):
    feedback = make_feedback(texts={"went_well": "Earlier words"})
    sign_in(english(feedback.placement.supervisor))
    long_text = "ب" * 20_000
    response = client.post(f"/feedback/{feedback.id}/give", data={**ALL_ITEMS, "text-went_well": long_text}, headers=HX)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "You wrote 20000 characters. Please write at most 2000." in body
    assert long_text in body
    db.session.refresh(feedback)
    assert feedback.submitted_at is None and feedback.texts == {"went_well": "Earlier words"}
    assert len(feedback.answers) == 12


def test_a_complete_feedback_is_sent_and_then_shown_as_given(client, sign_in):
    feedback = make_feedback()
    sign_in(english(feedback.placement.supervisor))
    response = client.post(
        f"/feedback/{feedback.id}/give", data={**ALL_ITEMS, "text-next_step": "Mer kassa."}, headers=HX
    )
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == f"/feedback/{feedback.id}/give"
    page = client.get(f"/feedback/{feedback.id}/give").get_data(as_text=True)
    assert "Thank you! The feedback is sent." in page and 'lang="en"' in page and "Mer kassa." in page
    assert 'hx-trigger="change"' not in page
    home = client.get("/home/supervisor").get_data(as_text=True)
    assert "No feedback is due now." in home


def test_a_template_edited_while_a_draft_is_open_leaves_the_draft_on_its_version(client, sign_in):
    feedback = make_feedback(answers={"on_time": 3})
    admin = make_user(Role.PROGRAMME_ADMIN, make_organisation(feedback.placement.organisation.programme))
    sign_in(admin)
    changed = copy.deepcopy(spec.DEFAULT_DEFINITION)
    changed["groups"][0]["items"] = changed["groups"][0]["items"][:1]
    response = client.post("/feedback/templates/work_performance", data={"definition": json.dumps(changed)})
    assert response.status_code == 303
    assert len(db.session.scalars(select(FeedbackTemplate)).all()) == 2
    sign_in(english(feedback.placement.supervisor))
    page = client.get(f"/feedback/{feedback.id}/give").get_data(as_text=True)
    assert "Tells us in time when absent" in page  # the item the new version dropped
    response = client.post(f"/feedback/{feedback.id}/give", data=ALL_ITEMS, headers=HX)
    assert response.status_code == 204


def test_the_participant_reads_it_in_their_language_and_answers(client, sign_in):
    feedback = make_feedback(
        submitted=True,
        answers={k: 4 for k in spec.item_keys(spec.DEFAULT_DEFINITION)},
        texts={"went_well": "Kommer alltid i tid."},
        text_language="sv",
    )
    participant = feedback.placement.participant
    participant.preferred_language = "ar"
    db.session.commit()
    sign_in(participant)
    listing = client.get("/feedback/mine").get_data(as_text=True)
    assert f"/feedback/{feedback.id}" in listing
    page = client.get(f"/feedback/{feedback.id}").get_data(as_text=True)
    assert "يأتي في الوقت المحدد" in page and "دائماً" in page
    assert '<blockquote class="own-words" lang="sv" dir="auto">Kommer alltid i tid.</blockquote>' in page
    assert "Svenska" in page
    response = client.post(f"/feedback/{feedback.id}/comment", data={"comment": "شكراً، سأحاول."}, headers=HX)
    assert response.status_code == 200 and 'id="feedback-comment"' in response.get_data(as_text=True)
    db.session.refresh(feedback)
    assert feedback.participant_comment == "شكراً، سأحاول."


def test_a_comment_of_20000_characters_is_refused_in_place(client, sign_in):
    feedback = make_feedback(submitted=True)
    sign_in(feedback.placement.participant)
    long_comment = "x" * 20_000
    response = client.post(f"/feedback/{feedback.id}/comment", data={"comment": long_comment}, headers={**HX, **EN})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert long_comment in body
    db.session.refresh(feedback)
    assert feedback.participant_comment is None


def test_participants_see_only_their_own_submitted_feedback(client, sign_in):
    draft = make_feedback()
    someone_elses = make_feedback(submitted=True)
    sign_in(draft.placement.participant)
    for feedback in (draft, someone_elses):
        assert client.get(f"/feedback/{feedback.id}").status_code == 404
        assert client.get(f"/feedback/{feedback.id}", headers=HX).status_code == 404
        assert client.post(f"/feedback/{feedback.id}/comment", data={"comment": "hej"}, headers=HX).status_code == 404
    assert client.get(f"/feedback/{draft.id}/give").status_code == 403


def coach_of(participant):
    """A coach who enrolled the participant, and so may see them."""
    coach = make_user(Role.COACH, participant.memberships[0].organisation)
    make_enrolment(coach, participant)
    return coach


def test_the_coach_sees_every_feedback_and_the_change_since_the_last(client, sign_in):
    participant = make_user(Role.PARTICIPANT)
    make_feedback(make_placement(participant=participant), answers={"on_time": 2, "pace": 3}, submitted=True)
    make_feedback(make_placement(participant=participant), answers={"on_time": 3, "pace": 1}, submitted=True)
    coach = english(coach_of(participant))
    sign_in(coach)
    home = client.get("/home/coach").get_data(as_text=True)
    assert f"/feedback/participants/{participant.id}" in home and "2 feedbacks" in home
    page = client.get(f"/feedback/participants/{participant.id}").get_data(as_text=True)
    assert '<td class="went-up">' in page and "up 1 since the last feedback" in page
    assert '<td class="went-down">' in page and "down 2 since the last feedback" in page
    fragment = client.get(f"/feedback/participants/{participant.id}", headers=HX).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="feedback-history"')


def test_a_coach_can_ask_for_feedback_and_other_coaches_cannot_see(client, sign_in):
    placement = make_placement()
    coach = coach_of(placement.participant)
    sign_in(coach)
    response = client.post(
        f"/feedback/participants/{placement.participant_id}/ask", data={"placement_id": placement.id}
    )
    assert response.status_code == 303
    asked = db.session.scalar(select(Feedback))
    assert asked.point is FeedbackPoint.ASKED and asked.asked_by_id == coach.id
    stranger = make_user(Role.COACH)
    sign_in(stranger)
    assert client.get(f"/feedback/participants/{placement.participant_id}").status_code == 404
    assert client.get(f"/feedback/participants/{placement.participant_id}", headers=HX).status_code == 404
    assert (
        client.post(
            f"/feedback/participants/{placement.participant_id}/ask", data={"placement_id": placement.id}
        ).status_code
        == 404
    )


def test_admins_edit_templates_as_json_with_clear_messages(client, sign_in):
    sign_in(english(make_user(Role.PROGRAMME_ADMIN)))
    assert "Work performance" in client.get("/feedback/templates").get_data(as_text=True)
    assert client.get("/feedback/templates/work_performance").status_code == 200
    response = client.post("/feedback/templates/work_performance", data={"definition": "{oops"}, headers=HX)
    assert response.status_code == 422
    assert "This is not valid JSON (line 1, column 2)" in response.get_data(as_text=True)
    assert "{oops" in response.get_data(as_text=True)
    broken = copy.deepcopy(spec.DEFAULT_DEFINITION)
    broken["scale"][2]["label"]["ar"] = ""
    response = client.post("/feedback/templates/work_performance", data={"definition": json.dumps(broken)})
    assert response.status_code == 422
    assert "scale[3].label: the text in ar is missing." in response.get_data(as_text=True)
    new = client.post("/feedback/templates/new", data={"key": "first_day", "definition": json.dumps(broken)})
    assert new.status_code == 422
    fixed = client.post(
        "/feedback/templates/new", data={"key": "first_day", "definition": json.dumps(spec.DEFAULT_DEFINITION)}
    )
    assert fixed.status_code == 303
    twice = client.post(
        "/feedback/templates/new", data={"key": "first_day", "definition": json.dumps(spec.DEFAULT_DEFINITION)}
    )
    assert twice.status_code == 422 and "exists already" in twice.get_data(as_text=True)
    assert client.get("/feedback/templates/nothing").status_code == 404


@pytest.mark.parametrize("role", [Role.COACH, Role.SUPERVISOR, Role.PARTICIPANT])
def test_only_programme_admins_reach_the_templates(client, sign_in, role):
    sign_in(make_user(role))
    assert client.get("/feedback/templates").status_code == 403
    assert client.post("/feedback/templates/work_performance", data={"definition": "{}"}, headers=HX).status_code == 403


def test_a_supervisor_can_give_feedback_any_time(client, sign_in):
    placement = make_placement(starts_on=local_today() - timedelta(days=3), ends_on=None)
    sign_in(english(placement.supervisor))
    home = client.get("/home/supervisor").get_data(as_text=True)
    main = home[home.index("<main") :]
    assert 'id="feedback-due"' in main and "No feedback is due now." in main
    assert f"Feedback on <bdi>{placement.participant.called}</bdi> now" in main
    response = client.post(f"/feedback/start/{placement.id}", data={"point": "asked"})
    assert response.status_code == 303
    asked = db.session.scalar(select(Feedback))
    assert (asked.point, asked.due_on, asked.asked_by_id) == (
        FeedbackPoint.ASKED,
        local_today(),
        placement.supervisor_id,
    )
    assert "Asked for" in client.get("/home/supervisor").get_data(as_text=True)


def test_a_sent_feedback_as_a_fragment_is_the_reading_view(client, sign_in):
    feedback = make_feedback(submitted=True, answers={"on_time": 4})
    sign_in(feedback.placement.supervisor)
    fragment = client.get(f"/feedback/{feedback.id}/give", headers=HX).get_data(as_text=True)
    assert "feedback-read" in fragment and "<form" not in fragment


def count_queries(request):
    with counting() as statements:
        response = request()
    assert response.status_code == 200
    return len(statements)


def test_the_supervisors_home_costs_the_same_queries_for_many_placements(app, client, sign_in):
    first = make_placement(starts_on=local_today() - timedelta(days=20), ends_on=None)
    supervisor = first.supervisor
    sign_in(supervisor)
    few = count_queries(lambda: client.get("/home/supervisor"))
    for _ in range(5):
        make_placement(supervisor=supervisor, starts_on=local_today() - timedelta(days=20), ends_on=None)
    assert count_queries(lambda: client.get("/home/supervisor")) == few


def test_a_coach_can_ask_for_feedback_on_another_template(client, sign_in):
    programme = make_programme()
    placement = make_placement(
        participant=make_user(Role.PARTICIPANT, make_organisation(programme)),
        supervisor=make_user(Role.SUPERVISOR, make_organisation(programme, kind=OrganisationKind.PRIVATE_COMPANY)),
    )
    admin = make_user(Role.PROGRAMME_ADMIN, make_organisation(programme))
    sign_in(admin)
    other = copy.deepcopy(spec.DEFAULT_DEFINITION)
    other["title"] = {c: "First day" for c in ("sv", "en", "ar", "ti")}
    client.post("/feedback/templates/new", data={"key": "first_day", "definition": json.dumps(other)})
    sign_in(english(coach_of(placement.participant)))
    page = client.get(f"/feedback/participants/{placement.participant_id}").get_data(as_text=True)
    assert '<option value="first_day">First day</option>' in page
    client.post(
        f"/feedback/participants/{placement.participant_id}/ask",
        data={"placement_id": placement.id, "template": "first_day"},
    )
    asked = db.session.scalar(select(Feedback))
    assert asked.template.key == "first_day"
    assert (
        client.post(
            f"/feedback/participants/{placement.participant_id}/ask",
            data={"placement_id": placement.id, "template": "nothing"},
        ).status_code
        == 404
    )


def test_the_feedback_demo_can_run_twice(app):
    from webapp.feedback.models import FeedbackTemplate as Template
    from webapp.placements.models import Placement

    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    counts = [len(db.session.scalars(select(m)).all()) for m in (Placement, Feedback, Template)]
    assert counts[0] >= 2 and counts[1] >= 1 and counts[2] == 1
    runner.invoke(args=["seed-demo"])
    assert [len(db.session.scalars(select(m)).all()) for m in (Placement, Feedback, Template)] == counts


def test_each_programme_keeps_its_own_templates(client, sign_in):
    """One programme's admin edits the form its own supervisors fill in, never another's."""
    ours, theirs = make_feedback(), make_feedback()
    admin = english(make_user(Role.PROGRAMME_ADMIN, make_organisation(ours.placement.organisation.programme)))
    sign_in(admin)
    changed = copy.deepcopy(spec.DEFAULT_DEFINITION)
    changed["groups"][0]["items"].append(
        {"key": "tidy", "label": {c: "Keeps the place tidy" for c in ("sv", "en", "ar", "ti")}}
    )
    assert (
        client.post("/feedback/templates/work_performance", data={"definition": json.dumps(changed)}).status_code == 303
    )
    client.post("/feedback/templates/new", data={"key": "first_day", "definition": json.dumps(changed)})
    ours_later = make_feedback(ours.placement, point=FeedbackPoint.HALF_WAY)
    theirs_later = make_feedback(theirs.placement, point=FeedbackPoint.HALF_WAY)
    assert "tidy" in spec.item_keys(ours_later.template.definition)
    assert "tidy" not in spec.item_keys(theirs_later.template.definition)
    sign_in(english(make_user(Role.PROGRAMME_ADMIN, make_organisation(theirs.placement.organisation.programme))))
    assert "first_day" not in client.get("/feedback/templates").text
    assert client.get("/feedback/templates/first_day").status_code == 404


def test_the_coachs_home_lists_the_newest_feedback_first_in_one_query_and_at_most_a_few(client, sign_in, monkeypatch):
    from webapp.feedback import home

    coach = english(make_user(Role.COACH))
    people = [make_participant(coach, full_name=f"Person {n}") for n in range(4)]
    now = utcnow()
    for n, person in enumerate(people[:3]):  # Person 3 has a placement but no feedback yet
        make_feedback(make_placement(participant=person), submitted=True, submitted_at=now - timedelta(days=n))
    make_placement(participant=people[3])
    make_feedback(make_placement(participant=people[0]), submitted=False)  # a draft does not count
    stranger = make_user(Role.PARTICIPANT, coach.memberships[0].organisation, full_name="Not Mine")
    make_feedback(make_placement(participant=stranger), submitted=True)
    assert coach.memberships[0].organisation.id  # the signed-in coach is loaded before the page's parts
    with counting() as statements:
        shown = home.for_coach(coach)["feedback_people"]
    assert [(p.full_name, p.feedbacks) for p in shown] == [
        ("Person 0", 1),
        ("Person 1", 1),
        ("Person 2", 1),
        ("Person 3", 0),
    ]
    assert len(statements) == 1, statements  # whatever the caseload; the read log is written at the end
    monkeypatch.setattr(home, "PEOPLE_ON_HOME", 2)
    sign_in(coach)
    page = client.get("/home/coach").get_data(as_text=True)
    section = page[page.index('id="feedback-people"') :]
    assert section.index("Person 0") < section.index("Person 1")
    assert "Person 2" not in section and "Not Mine" not in page
    assert "Only the 2 participants with the newest feedback are shown here." in section
