"""Team members in the participant's thread (issue 18, item 4): only those the participant
chose may read and write it; stopping them ends it at once; the coach always can; a member not
chosen is told why, and what they typed is kept; a message from a chosen member notifies the
participant, and the participant's answer reaches the member too."""

import re

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.messages.models import Message
from webapp.notifications.models import Notification
from webapp.privacy.models import ReadLog
from webapp.team import services
from webapp.team.models import TeamRole

from ..conftest import HX
from ..team.conftest import Team, make_team, share_with_other_organisations

NOT_CHOSEN = "has not chosen you as someone who can write to them"


@pytest.fixture
def team_people() -> Team:
    """A participant, her coach, a social-services officer and a health worker of her programme
    (not yet in her team), and a coach of another programme."""
    return make_team()


def _in_team(people, *others):
    share_with_other_organisations(people)
    for person, role in ((people.social, TeamRole.SOCIAL_SERVICES), *others):
        services.add_member(people.coach, people.participant, person.email, role)
    db.session.commit()


def _choose(people, member, allowed):
    services.choose_messages(people.participant, member.id, allowed)
    db.session.commit()


def _token(html: str) -> str:
    return re.search(r'name="token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="token"', html).group(1)


def _thread(people):
    return f"/participants/{people.participant.id}/messages"


def _count():
    return db.session.scalar(select(func.count(Message.id)))


def test_a_member_not_chosen_is_told_why_and_reads_nothing(client, sign_in, team_people):
    _in_team(team_people)
    sign_in(team_people.coach)
    client.post(_thread(team_people), data={"body": "Hemligt om hälsan", "token": "c1"})
    sign_in(team_people.social)
    page = client.get(_thread(team_people))
    assert page.status_code == 403 and "<html" in page.text
    assert f"Amal Deltagare {NOT_CHOSEN}" in page.text and "Their coach can always write to them." in page.text
    assert "Hemligt" not in page.text
    # Nothing of the thread was shown, so nothing was logged as read.
    assert db.session.scalar(select(func.count(ReadLog.id)).where(ReadLog.reader_id == team_people.social.id)) == 0


def test_a_member_not_chosen_cannot_post_and_keeps_the_text(client, sign_in, team_people):
    _in_team(team_people)
    sign_in(team_people.social)
    for headers in ({}, HX):
        typed = {"body": "Kan vi ses på tisdag?", "token": "s1"}
        answer = client.post(_thread(team_people), data=typed, headers=headers)
        assert answer.status_code == 403
        assert "Your message was not sent." in answer.text and NOT_CHOSEN in answer.text
        assert "Kan vi ses på tisdag?" in answer.text  # in the box, to copy or send later
        assert 'id="messages-thread"' in answer.text  # htmx swaps it in place of the thread
    assert ("<html" in answer.text) is False
    assert _count() == 0


def test_once_chosen_a_member_reads_and_writes_and_the_participant_is_notified(client, sign_in, team_people):
    _in_team(team_people)
    _choose(team_people, team_people.social, True)
    sign_in(team_people.coach)
    client.post(_thread(team_people), data={"body": "Från coachen", "token": "c1"})
    sign_in(team_people.social)
    page = client.get(_thread(team_people))
    assert page.status_code == 200 and "Från coachen" in page.text
    answer = client.post(_thread(team_people), data={"body": "Möte på tisdag", "token": _token(page.text)})
    assert answer.status_code == 303
    told = db.session.scalars(select(Notification).where(Notification.kind == "message-sent")).all()
    mine = [n for n in told if n.recipient_id == team_people.participant.id]
    assert len(mine) == 2 and mine[-1].url == "/messages"
    assert "Möte" not in str(mine[-1].params)  # no text in the notification

    # The participant answers: her coach and the member she chose hear of it, once each.
    sign_in(team_people.participant)
    page = client.get("/messages")
    assert "Möte på tisdag" in page.text and "Sofia Socialsekreterare" in page.text
    client.post(_thread(team_people), data={"body": "Ja, tack", "token": _token(page.text)}, headers=HX)
    told = db.session.scalars(
        select(Notification).where(Notification.kind == "message-sent", Notification.object_id == _last_id())
    ).all()
    assert sorted(n.recipient_id for n in told) == sorted([team_people.coach.id, team_people.social.id])
    assert {n.url for n in told} == {_thread(team_people)}


def _last_id():
    return db.session.scalar(select(func.max(Message.id)))


def test_stopping_a_member_ends_their_reading_and_writing_at_once_and_keeps_what_they_wrote(
    client, sign_in, team_people
):
    _in_team(team_people)
    _choose(team_people, team_people.social, True)
    sign_in(team_people.social)
    page = client.get(_thread(team_people))
    client.post(_thread(team_people), data={"body": "Skrivet innan", "token": _token(page.text)})
    _choose(team_people, team_people.social, False)
    # The same signed-in session, the very next request: no thread, no sending.
    page = client.get(_thread(team_people))
    assert page.status_code == 403 and NOT_CHOSEN in page.text and "Skrivet innan" not in page.text
    answer = client.post(_thread(team_people), data={"body": "Efteråt", "token": "s2"}, headers=HX)
    assert answer.status_code == 403 and "Efteråt" in answer.text
    assert [m.body for m in db.session.scalars(select(Message))] == ["Skrivet innan"]
    sign_in(team_people.participant)
    assert "Skrivet innan" in client.get("/messages").text  # what they wrote stays


def test_the_coach_always_can_and_a_choice_for_someone_else_changes_nothing(client, sign_in, team_people):
    _in_team(team_people, (team_people.health, TeamRole.HEALTH))
    _choose(team_people, team_people.social, True)
    sign_in(team_people.coach)
    assert client.get(_thread(team_people)).status_code == 200
    assert client.post(_thread(team_people), data={"body": "Hej", "token": "c1"}).status_code == 303
    # The health member (a supervisor in their own organisation) was not chosen.
    sign_in(team_people.health)
    assert client.get(_thread(team_people)).status_code == 403
    _choose(team_people, team_people.social, False)
    sign_in(team_people.coach)
    assert client.get(_thread(team_people)).status_code == 200


def test_outside_the_team_nothing_changes_and_the_text_is_kept(client, sign_in, team_people):
    _in_team(team_people)
    _choose(team_people, team_people.social, True)
    sign_in(team_people.outsider)  # a coach of another programme's welfare office
    assert client.get(_thread(team_people)).status_code == 404
    answer = client.post(_thread(team_people), data={"body": "Hallå där", "token": "o1"})
    assert answer.status_code == 403 and "You cannot write in this conversation." in answer.text
    assert "Hallå där" in answer.text and "Amal" not in answer.text
    answer = client.post(_thread(team_people), data={"body": "Hallå där", "token": "o2"}, headers=HX)
    assert answer.status_code == 403 and answer.headers["HX-Retarget"] == "#messages"
    assert _count() == 0


def test_withdrawn_consent_or_leaving_ends_a_chosen_member_s_thread(client, sign_in, team_people):
    from webapp.privacy import consent
    from webapp.privacy.models import Purpose

    _in_team(team_people)
    _choose(team_people, team_people.social, True)
    consent.withdraw(team_people.participant, Purpose.OTHER_ORGANISATIONS, team_people.coach)
    db.session.commit()
    sign_in(team_people.social)
    assert client.get(_thread(team_people)).status_code == 404
    share_with_other_organisations(team_people)
    assert client.get(_thread(team_people)).status_code == 200
    assert client.post(f"/participants/{team_people.participant.id}/team/leave").status_code == 303
    assert client.get(_thread(team_people)).status_code == 404
    # Added again: a new place in the team, and the participant chooses again.
    services.add_member(team_people.coach, team_people.participant, team_people.social.email, TeamRole.HEALTH)
    db.session.commit()
    assert client.get(_thread(team_people)).status_code == 403


def test_documents_keep_their_own_rule(client, sign_in, team_people):
    _in_team(team_people)
    sign_in(team_people.social)
    # Social services read and write documents whether or not the participant chose them for messages.
    assert client.get(f"/participants/{team_people.participant.id}/documents").status_code == 200
    assert client.get(_thread(team_people)).status_code == 403


def test_messages_have_one_rule_of_their_own(team_people):
    """Documents ask may_reach, the thread asks may_message: asking may_reach for messages is a bug."""
    from webapp.team.models import Part

    with pytest.raises(ValueError):
        services.may_reach(team_people.coach, team_people.participant.id, Part.MESSAGES)


def test_a_coach_the_participant_is_shared_with_writes_even_as_a_team_member_not_chosen(client, sign_in, team_people):
    from webapp.accounts.models import Role
    from webapp.enrolment.models import Enrolment, SharedAccess

    from ..factories import make_user

    colleague = make_user(Role.COACH, team_people.coach.memberships[0].organisation, full_name="Kim Kollega")
    _in_team(team_people, (colleague, TeamRole.SCHOOL))
    sign_in(colleague)
    assert client.get(_thread(team_people)).status_code == 403  # in the team, not chosen
    enrolment = db.session.scalar(select(Enrolment).where(Enrolment.participant_id == team_people.participant.id))
    db.session.add(SharedAccess(enrolment_id=enrolment.id, coach_id=colleague.id))
    db.session.commit()
    assert client.get(_thread(team_people)).status_code == 200  # and a coach she is shared with
    assert client.post(_thread(team_people), data={"body": "Som kollega", "token": "k1"}).status_code == 303
