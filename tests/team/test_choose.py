"""The participant chooses whom of their team may write to them (issue 18, item 4): a real form
button on "My team" (without JavaScript, and with htmx swapping one line), off until they
choose, refused in words for someone not in their team; the coach sees the choice."""

from sqlalchemy import select

from webapp.extensions import db
from webapp.privacy import consent
from webapp.privacy.models import Purpose
from webapp.team import services
from webapp.team.models import TeamMember, TeamRole

from ..conftest import HX
from ..factories import make_participant
from .conftest import share_with_other_organisations


def _add(people, person, role=TeamRole.SOCIAL_SERVICES):
    row = services.add_member(people.coach, people.participant, person.email, role)
    db.session.commit()
    return row


def _row(people, person) -> TeamMember:
    db.session.expire_all()
    return db.session.scalar(select(TeamMember).where(TeamMember.member_id == person.id))


def _choose(client, person, allow, headers=None):
    return client.post(f"/my-team/{person.id}/messages", data={"allow": allow}, headers=headers or {})


def test_my_team_says_who_can_write_and_nobody_may_until_chosen(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.social)
    assert _row(team_people, team_people.social).may_message is False
    sign_in(team_people.participant)
    for url in ("/my-team", "/home/participant", "/plan"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "can always write to you." in page.text and "Nobody can until you choose." in page.text
        assert "Sofia Socialsekreterare</bdi> cannot write to you." in page.text
        assert "Let <bdi>Sofia Socialsekreterare</bdi> write to me" in page.text
        assert f'action="/my-team/{team_people.social.id}/messages"' in page.text


def test_without_javascript_the_participant_allows_and_stops_a_member(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.social)
    sign_in(team_people.participant)
    answer = _choose(client, team_people.social, "yes")
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith(f"/my-team#team-mine-member-{team_people.social.id}")
    page = client.get("/my-team")
    assert "Sofia Socialsekreterare can write to you now." in page.text
    assert "Stop <bdi>Sofia Socialsekreterare</bdi> writing to me" in page.text
    row = _row(team_people, team_people.social)
    assert row.may_message and row.message_choice_at is not None
    assert services.may_message(team_people.social, team_people.participant.id)

    assert _choose(client, team_people.social, "no").status_code == 303
    assert "can no longer write to you or read your messages" in client.get("/my-team").text
    assert not _row(team_people, team_people.social).may_message
    assert not services.may_message(team_people.social, team_people.participant.id)


def test_with_htmx_one_line_comes_back_with_its_button_to_keep_the_focus(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.social)
    sign_in(team_people.participant)
    answer = _choose(client, team_people.social, "yes", HX)
    assert answer.status_code == 200 and "<html" not in answer.text
    line = f'id="team-mine-member-{team_people.social.id}"'
    assert line in answer.text
    assert "data-keep-focus" in answer.text and 'data-announce=".team-choice-state"' in answer.text
    assert f'id="team-mine-choice-{team_people.social.id}"' in answer.text  # the same id: htmx refocuses it
    assert "Sofia Socialsekreterare</bdi> can write to you." in answer.text
    assert 'name="allow" value="no"' in answer.text
    assert _row(team_people, team_people.social).may_message


def test_someone_not_in_the_team_cannot_be_allowed(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.social)
    sign_in(team_people.participant)
    for person in (team_people.outsider, team_people.health, team_people.coach):
        for headers in ({}, HX):
            answer = _choose(client, person, "yes", headers)
            assert answer.status_code == 422
            assert "This person is not in your team, so you cannot let them write to you." in answer.text
            # The whole team list comes back with the reason, and nothing else changed.
            assert "Let <bdi>Sofia Socialsekreterare</bdi> write to me" in answer.text
        assert answer.headers["HX-Retarget"] == "#team-mine"
    assert _choose(client, team_people.social, "maybe").status_code == 400
    assert db.session.scalar(select(TeamMember.id).where(TeamMember.may_message.is_(True))) is None


def test_a_member_who_left_or_whose_consent_ended_cannot_be_allowed_but_can_be_stopped(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.social)
    _add(team_people, team_people.health, TeamRole.HEALTH)
    sign_in(team_people.participant)
    assert _choose(client, team_people.social, "yes").status_code == 303
    consent.withdraw(team_people.participant, Purpose.OTHER_ORGANISATIONS, team_people.coach)
    db.session.commit()
    # Paused: not shown, not allowed; stopping still works.
    assert _choose(client, team_people.health, "yes").status_code == 422
    assert _choose(client, team_people.social, "no").status_code == 303
    share_with_other_organisations(team_people)
    services.remove_member(team_people.participant, team_people.health.id)
    db.session.commit()
    answer = _choose(client, team_people.health, "no", HX)
    assert answer.status_code == 422 and "This person is not in your team any more." in answer.text


def test_another_participant_cannot_choose_for_this_team(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.social)
    other = make_participant(team_people.coach, full_name="Bo Annan", preferred_language="en")
    sign_in(other)
    assert _choose(client, team_people.social, "yes").status_code == 422
    assert not _row(team_people, team_people.social).may_message
    sign_in(team_people.social)  # a team member cannot choose for the participant
    assert _choose(client, team_people.social, "yes").status_code == 403
    sign_in(team_people.coach)  # nor can the coach: it is the participant's choice
    assert _choose(client, team_people.social, "yes").status_code == 403
    assert not _row(team_people, team_people.social).may_message


def test_the_coach_sees_whom_the_participant_lets_write(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.social)
    url = f"/participants/{team_people.participant.id}/team"
    sign_in(team_people.coach)
    page = client.get(url).text
    assert "Amal Deltagare</bdi> has not let this person write to them yet." in page
    assert "only after the participant lets them" in page
    services.choose_messages(team_people.participant, team_people.social.id, True)
    db.session.commit()
    assert "Amal Deltagare</bdi> lets this person write to them and read their messages, since" in client.get(url).text
    services.choose_messages(team_people.participant, team_people.social.id, False)
    db.session.commit()
    assert "Amal Deltagare</bdi> stopped this person writing to them on" in client.get(url).text


def test_a_member_finds_the_thread_from_their_list(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.social)
    sign_in(team_people.social)
    assert f'href="/participants/{team_people.participant.id}/messages"' in client.get("/team/steps").text


def test_my_team_is_the_page_s_heading_on_its_own_page_and_a_section_elsewhere(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.social)
    sign_in(team_people.participant)
    assert '<h1 id="team-mine-title">' in client.get("/my-team").text
    assert '<h2 id="team-mine-title">' in client.get("/plan").text
    refused = {**HX, "HX-Current-URL": "http://localhost/my-team"}
    assert '<h1 id="team-mine-title">' in _choose(client, team_people.outsider, "yes", refused).text
    refused = {**HX, "HX-Current-URL": "http://localhost/plan"}
    assert '<h2 id="team-mine-title">' in _choose(client, team_people.outsider, "yes", refused).text


def test_a_role_without_messages_gets_no_control_and_no_thread(client, sign_in, team_people, monkeypatch):
    from webapp.team.models import ACCESS, Part

    monkeypatch.delitem(ACCESS[TeamRole.HEALTH], Part.MESSAGES)
    share_with_other_organisations(team_people)
    _add(team_people, team_people.health, TeamRole.HEALTH)
    sign_in(team_people.participant)
    page = client.get("/my-team").text
    assert "Hanna Hälsa" in page and f"/my-team/{team_people.health.id}/messages" not in page
    assert _choose(client, team_people.health, "yes").status_code == 422
    sign_in(team_people.health)
    assert client.get(f"/participants/{team_people.participant.id}/messages").status_code == 404


def test_the_member_hears_once_that_they_may_write_now(client, sign_in, team_people):
    from webapp.notifications.models import Notification

    share_with_other_organisations(team_people)
    _add(team_people, team_people.social)
    sign_in(team_people.participant)
    for allow in ("yes", "yes", "no"):  # a second tap changes nothing; stopping tells nobody
        _choose(client, team_people.social, allow, HX)
    told = db.session.scalars(select(Notification).where(Notification.kind == "messages-allowed")).all()
    assert [(n.recipient_id, n.url) for n in told] == [
        (team_people.social.id, f"/participants/{team_people.participant.id}/messages")
    ]
    sign_in(team_people.social)
    page = client.get("/notifications/").text
    assert "Amal Deltagare lets you write to them in Vägen now." in page
