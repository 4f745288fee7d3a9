"""Feedback services: templates as data and their versions, due points, drafts, submission,
history over time, reminders once per point."""

import copy
from datetime import date

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import NotFound

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.feedback import definition as spec
from webapp.feedback import reminding, services
from webapp.feedback.models import Feedback, FeedbackPoint, FeedbackTemplate
from webapp.outbox.models import OutboxMessage

from ..conftest import counting
from ..factories import make_feedback, make_organisation, make_placement, make_programme, make_user


@pytest.fixture(autouse=True)
def request_context(app):
    """Messages are translated: services run as they do in a request (in English here)."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


ALL_ITEMS = {f"item-{key}": "3" for key in spec.item_keys(spec.DEFAULT_DEFINITION)}


def test_the_default_template_is_made_once_and_is_valid(app):
    programme = make_programme()
    first = services.ensure_default_template(programme.id)
    again = services.ensure_default_template(programme.id)
    assert first.id == again.id
    assert db.session.scalar(select(func.count(FeedbackTemplate.id))) == 1
    assert spec.problems(first.definition) == []
    assert 10 <= len(spec.item_keys(first.definition)) <= 14
    assert len(first.definition["scale"]) == 4
    for level in first.definition["scale"]:
        assert set(level["label"]) == {"sv", "en", "ar", "ti"}
    assert spec.question_keys(first.definition) == ["went_well", "next_step"]


def test_texts_come_in_the_readers_language():
    item = spec.items(spec.DEFAULT_DEFINITION)[0]
    assert spec.text(item["label"], "ar") == "يأتي في الوقت المحدد"
    assert spec.text(item["label"], "ti") == "ብሰዓቱ ይመጽእ"
    assert spec.text({"sv": "Kommer i tid"}, "ar") == "Kommer i tid"  # a missing language falls back


def test_a_definition_with_gaps_is_explained(app):
    broken = copy.deepcopy(spec.DEFAULT_DEFINITION)
    del broken["scale"][0]["label"]["ti"]
    broken["groups"][1]["items"][0]["key"] = "on_time"  # used twice
    broken["groups"][0]["items"][1]["key"] = "Has Spaces"
    found = spec.problems(broken)
    assert any("scale[1].label" in p and "ti" in p for p in found)
    assert any("on_time" in p for p in found)
    assert any("groups[1].items[2].key" in p for p in found)
    assert services.parse_definition("{not json")[1][0].startswith("This is not valid JSON (line 1")
    assert services.parse_definition("[]")[1] == ["The template must be one JSON object, written between { and }."]


def test_an_unused_template_is_changed_in_place_a_used_one_gets_a_new_version(app):
    placement = make_placement()
    programme_id = placement.organisation.programme_id
    admin = make_user(Role.PROGRAMME_ADMIN, make_organisation(placement.organisation.programme))
    template = services.ensure_default_template(programme_id)
    changed = copy.deepcopy(template.definition)
    changed["title"]["en"] = "Work, first weeks"
    assert services.save_template(programme_id, spec.DEFAULT_KEY, changed, admin).id == template.id
    feedback = make_feedback(placement, answers={"on_time": 2})
    changed = copy.deepcopy(changed)
    changed["groups"][0]["items"].pop(0)
    newer = services.save_template(programme_id, spec.DEFAULT_KEY, changed, admin)
    assert newer.version == 2 and newer.id != template.id
    db.session.refresh(feedback)
    assert feedback.template_id == template.id
    assert "on_time" in spec.item_keys(feedback.template.definition)
    assert services.current_template(programme_id, spec.DEFAULT_KEY).id == newer.id


def test_due_points_after_two_weeks_half_way_and_at_the_end(app):
    placement = make_placement(starts_on=date(2026, 11, 2), ends_on=date(2027, 1, 29))
    assert services.points_of(placement) == [
        (FeedbackPoint.TWO_WEEKS, date(2026, 11, 16)),
        (FeedbackPoint.HALF_WAY, date(2026, 12, 16)),
        (FeedbackPoint.END, date(2027, 1, 29)),
    ]
    short = make_placement(starts_on=date(2026, 11, 2), ends_on=date(2026, 11, 13))
    assert services.points_of(short) == [(FeedbackPoint.END, date(2026, 11, 13))]
    open_ended = make_placement(ends_on=None)
    assert services.points_of(open_ended) == [(FeedbackPoint.TWO_WEEKS, date(2026, 11, 16))]


def test_the_supervisor_sees_what_is_due_and_not_yet_given(app):
    placement = make_placement()
    supervisor = placement.supervisor
    assert services.due_for_supervisor(supervisor, date(2026, 11, 15)) == []
    due = services.due_for_supervisor(supervisor, date(2026, 12, 20))
    assert [(d.point, d.due_on) for d in due] == [
        (FeedbackPoint.TWO_WEEKS, date(2026, 11, 16)),
        (FeedbackPoint.HALF_WAY, date(2026, 12, 16)),
    ]
    make_feedback(placement, FeedbackPoint.TWO_WEEKS, date(2026, 11, 16), submitted=True)
    due = services.due_for_supervisor(supervisor, date(2026, 12, 20))
    assert [d.point for d in due] == [FeedbackPoint.HALF_WAY]
    assert services.due_for_supervisor(make_placement().supervisor, date(2026, 12, 20))[0].placement != placement


def test_starting_twice_gives_the_same_feedback_and_other_supervisors_get_404(app):
    placement = make_placement()
    today = date(2026, 11, 20)
    first = services.start_feedback(
        placement.supervisor, placement.id, FeedbackPoint.TWO_WEEKS, date(2026, 11, 16), today
    )
    again = services.start_feedback(
        placement.supervisor, placement.id, FeedbackPoint.TWO_WEEKS, date(2026, 11, 16), today
    )
    assert first.id == again.id
    with pytest.raises(NotFound):
        services.start_feedback(placement.supervisor, placement.id, FeedbackPoint.TWO_WEEKS, date(2026, 11, 17), today)
    other = make_user(Role.SUPERVISOR, placement.organisation)
    with pytest.raises(NotFound):
        services.start_feedback(other, placement.id, FeedbackPoint.TWO_WEEKS, date(2026, 11, 16), today)
    with pytest.raises(NotFound):
        services.feedback_for_supervisor(other, first.id)
    asked = services.start_feedback(placement.supervisor, placement.id, FeedbackPoint.ASKED, date(2000, 1, 1), today)
    assert (asked.point, asked.due_on) == (FeedbackPoint.ASKED, today)


def test_a_coach_asking_makes_a_due_point_today(app):
    placement = make_placement()
    coach = make_user(Role.COACH)
    feedback = services.ask_for_feedback(coach, placement.participant, placement.id, date(2026, 11, 5))
    assert feedback.asked_by_id == coach.id
    due = services.due_for_supervisor(placement.supervisor, date(2026, 11, 5))
    assert [(d.point, d.due_on) for d in due] == [(FeedbackPoint.ASKED, date(2026, 11, 5))]
    with pytest.raises(NotFound):
        services.ask_for_feedback(coach, make_user(Role.PARTICIPANT), placement.id, date(2026, 11, 5))


def test_a_draft_keeps_every_valid_answer_and_refuses_levels_not_on_the_scale(app):
    feedback = make_feedback()
    supervisor = feedback.placement.supervisor
    outcome = services.save_draft(
        feedback, supervisor, MultiDict({"item-on_time": "4", "item-pace": "9", "text-went_well": "Bra jobbat"}), "sv"
    )
    assert outcome.errors == {"pace": "This answer is not one of the levels. Choose one of them."}
    assert feedback.answers == {"on_time": 4}
    assert feedback.texts == {"went_well": "Bra jobbat"}
    # The next save without on_time (another device, an old page) does not lose it.
    services.save_draft(feedback, supervisor, MultiDict({"item-pace": "2"}), "sv")
    assert feedback.answers == {"on_time": 4, "pace": 2}
    too_long = services.save_draft(feedback, supervisor, MultiDict({"text-went_well": "x" * 20_000}), "sv")
    assert "at most 2000" in too_long.errors["went_well"]
    assert feedback.texts == {"went_well": "Bra jobbat"}


def test_submitting_names_the_unanswered_items_and_then_sends(app):
    feedback = make_feedback()
    supervisor = feedback.placement.supervisor
    partial = MultiDict({key: value for key, value in list(ALL_ITEMS.items())[:5]})
    outcome = services.submit(feedback, supervisor, partial, "ar")
    assert not outcome.submitted and len(outcome.missing) == 7
    assert len(feedback.answers) == 5 and feedback.submitted_at is None
    outcome = services.submit(feedback, supervisor, MultiDict(ALL_ITEMS), "ar")
    assert outcome.submitted and feedback.submitted_at is not None
    assert feedback.text_language == "ar"
    late = services.save_draft(feedback, supervisor, MultiDict({"item-on_time": "1"}), "sv")
    assert late.errors["_form"] and feedback.answers["on_time"] == 3


def test_the_draft_stays_on_its_version_when_the_template_changes(app):
    admin = make_user(Role.PROGRAMME_ADMIN)
    feedback = make_feedback(answers={"on_time": 3})
    changed = copy.deepcopy(spec.DEFAULT_DEFINITION)
    changed["groups"][0]["items"].append({"key": "tidy", "label": {c: "Tidy" for c in ["sv", "en", "ar", "ti"]}})
    services.save_template(feedback.placement.organisation.programme_id, spec.DEFAULT_KEY, changed, admin)
    outcome = services.submit(feedback, feedback.placement.supervisor, MultiDict(ALL_ITEMS), "sv")
    assert outcome.submitted
    assert "tidy" not in feedback.answers


def test_participants_read_only_their_own_submitted_feedback(app):
    draft = make_feedback()
    given = make_feedback(make_placement(participant=draft.placement.participant), submitted=True)
    participant = draft.placement.participant
    assert services.submitted_for_participant(participant) == [given]
    assert services.feedback_for_participant(participant, given.id) == given
    with pytest.raises(NotFound):
        services.feedback_for_participant(participant, draft.id)
    with pytest.raises(NotFound):
        services.feedback_for_participant(make_user(Role.PARTICIPANT), given.id)


def test_history_shows_each_items_level_over_time_and_the_change(app):
    participant = make_user(Role.PARTICIPANT)
    first = make_placement(participant=participant)
    second = make_placement(participant=participant)  # another employer
    make_feedback(first, answers={"on_time": 2, "pace": 3}, submitted=True)
    make_feedback(second, answers={"on_time": 4, "pace": 1}, submitted=True)
    feedbacks, rows = services.history(participant, "en")
    assert len(feedbacks) == 2
    by_key = {row.key: row for row in rows}
    assert [c.value for c in by_key["on_time"].cells] == [2, 4]
    assert by_key["on_time"].last_change == 2 and by_key["pace"].last_change == -2
    assert by_key["on_time"].cells[1].label == "Always"
    assert by_key["quality"].cells[1].value is None


def test_reminders_go_once_per_due_point_in_the_supervisors_language(app):
    placement = make_placement(starts_on=date(2026, 11, 2), ends_on=date(2027, 1, 29))
    placement.supervisor.preferred_language = "en"
    db.session.commit()
    assert reminding.send_due_reminders(date(2026, 11, 15)) == 0
    assert reminding.send_due_reminders(date(2026, 11, 16)) == 1
    assert reminding.send_due_reminders(date(2026, 11, 17)) == 0
    message = db.session.scalar(select(OutboxMessage))
    assert message.to_address == placement.supervisor.email
    assert message.subject.startswith("Feedback for")
    feedback = db.session.scalar(select(Feedback))
    assert f"http://localhost/feedback/{feedback.id}/give" in message.body
    # Long-past points are not mailed about (a first run must not flood inboxes).
    assert reminding.send_due_reminders(date(2027, 3, 1)) == 0


def test_reminders_are_registered_with_send_reminders(app):
    result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert "feedback_due\t0" in result.output


def test_the_history_query_count_does_not_grow_with_the_feedback(app):
    participant = make_user(Role.PARTICIPANT)
    make_feedback(make_placement(participant=participant), submitted=True)

    def count():
        with counting() as statements:
            db.session.expire_all()
            services.history(participant, "sv")
        return len(statements)

    few = count()
    for _ in range(4):
        make_feedback(make_placement(participant=participant), submitted=True)
    assert count() == few


def test_a_coachs_request_is_reminded_once_and_a_supervisors_own_not_at_all(app):
    placement = make_placement(ends_on=None)
    coach = make_user(Role.COACH)
    services.ask_for_feedback(coach, placement.participant, placement.id, date(2026, 11, 5))
    services.start_feedback(placement.supervisor, placement.id, FeedbackPoint.ASKED, None, date(2026, 11, 6))
    assert reminding.send_due_reminders(date(2026, 11, 6)) == 1
    assert reminding.send_due_reminders(date(2026, 11, 7)) == 0
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1
