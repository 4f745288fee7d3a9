"""A team member of another organisation sees exactly what their role allows, while the
participant's consent lasts and they are in the team; never someone of another programme."""

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from webapp import events
from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.plans.models import Doer, Step
from webapp.privacy import consent
from webapp.privacy.models import Purpose
from webapp.team import services
from webapp.team.models import ACCESS, Access, Part, TeamRole

from ..conftest import HX, counting
from ..factories import make_goal, make_step, make_user
from .conftest import share_with_other_organisations


def _add(people, person, role):
    row = services.add_member(people.coach, people.participant, person.email, role)
    db.session.commit()
    return row


def _pages(people):
    pid = people.participant.id
    return {
        Part.PLAN: f"/participants/{pid}/plan",
        Part.ATTENDANCE: f"/participants/{pid}/attendance",
        Part.NOTES: f"/participants/{pid}/notes",
    }


def _reach(client, people) -> dict:
    return {part: client.get(url).status_code for part, url in _pages(people).items()}


def test_no_consent_no_team(app, team_people):
    with pytest.raises(services.TeamError) as refused:
        _add(team_people, team_people.social, TeamRole.SOCIAL_SERVICES)
    with app.test_request_context(), force_locale("en"):
        assert "has not agreed to share with other organisations" in str(refused.value.message)
    share_with_other_organisations(team_people)
    row = _add(team_people, team_people.social, TeamRole.SOCIAL_SERVICES)
    assert services.team_role(team_people.social, team_people.participant) is TeamRole.SOCIAL_SERVICES
    assert [m.member_id for m in services.members(team_people.participant)] == [row.member_id]


def test_each_role_sees_exactly_what_it_allows_until_consent_is_withdrawn(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.social, TeamRole.SOCIAL_SERVICES)
    _add(team_people, team_people.health, TeamRole.HEALTH)
    goal = make_goal(team_people.participant, created_by=team_people.coach, title="Arbete")
    pid = team_people.participant.id

    sign_in(team_people.social)
    assert _reach(client, team_people) == {Part.PLAN: 200, Part.ATTENDANCE: 200, Part.NOTES: 200}
    # Not the coach's whole record: the participant page, placements, consents stay closed.
    for url in (f"/participants/{pid}", f"/participants/{pid}/consents", f"/participants/{pid}/team"):
        assert client.get(url).status_code == 404, url
    added = client.post(
        f"/plans/goals/{goal.id}/steps/new",
        data={"title": "Ansök om bostadsbidrag", "category": "everyday_life", "status": "planned", "doer": "coach"},
    )
    assert added.status_code == 303

    sign_in(team_people.health)
    # Health and rehabilitation: the plan and notes, not attendance (see the table in team/models.py).
    assert _reach(client, team_people) == {Part.PLAN: 200, Part.ATTENDANCE: 404, Part.NOTES: 200}
    assert ACCESS[TeamRole.HEALTH].get(Part.ATTENDANCE) is None

    consent.withdraw(team_people.participant, Purpose.OTHER_ORGANISATIONS, team_people.participant)
    db.session.commit()
    for member in (team_people.social, team_people.health):
        sign_in(member)
        assert set(_reach(client, team_people).values()) == {404}
        assert client.get(f"/plans/goals/{goal.id}/steps/new").status_code == 404
        assert services.team_role(member, team_people.participant) is None
        assert "Amal" not in client.get("/team/steps").text
    # The coach still sees everything, and the team page says why the members have no access.
    sign_in(team_people.coach)
    page = client.get(f"/participants/{pid}/team")
    assert page.status_code == 200 and "consent to share with other organisations is missing" in page.text


def test_a_read_only_role_updates_only_its_own_steps(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.health, TeamRole.STUDY_SUPERVISOR)
    assert ACCESS[TeamRole.STUDY_SUPERVISOR][Part.PLAN] is Access.READ
    goal = make_goal(team_people.participant, created_by=team_people.coach)
    theirs = make_step(goal, doer=Doer.OTHER, assignee_id=team_people.health.id, title="Studiebesök")
    other = make_step(goal, title="Skriv CV")
    sign_in(team_people.health)
    assert client.get(f"/participants/{team_people.participant.id}/plan").status_code == 200
    assert client.get(f"/plans/goals/{goal.id}/steps/new").status_code == 404
    assert client.post(f"/plans/steps/{other.id}/done", data={"done": "1"}).status_code == 404
    assert client.post(f"/plans/steps/{theirs.id}/done", data={"done": "1"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Step, theirs.id).done and not db.session.get(Step, other.id).done
    mine = client.get("/team/steps")
    assert mine.status_code == 200 and "Studiebesök" in mine.text and "Skriv CV" not in mine.text


def test_leaving_or_being_removed_ends_access_at_once(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.social, TeamRole.SOCIAL_SERVICES)
    _add(team_people, team_people.health, TeamRole.HEALTH)
    pid = team_people.participant.id
    sign_in(team_people.social)
    assert client.post(f"/participants/{pid}/team/leave").status_code == 303
    assert client.get(f"/participants/{pid}/plan").status_code == 404
    sign_in(team_people.coach)
    assert client.post(f"/participants/{pid}/team/{team_people.health.id}/remove").status_code == 303
    sign_in(team_people.health)
    assert client.get(f"/participants/{pid}/plan").status_code == 404
    assert services.members(team_people.participant) == []


def test_invitations_refused_with_a_clear_message_and_nothing_lost(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    pid = team_people.participant.id
    sign_in(team_people.coach)
    for headers in ({}, HX):
        answer = client.post(
            f"/participants/{pid}/team",
            data={"email": team_people.outsider.email, "role": "social_services"},
            headers=headers,
        )
        assert answer.status_code == 422
        assert "works in another programme" in answer.text and f'value="{team_people.outsider.email}"' in answer.text
    unknown = client.post(
        f"/participants/{pid}/team", data={"email": "nobody@example.org", "role": "health"}, headers=HX
    )
    assert unknown.status_code == 422 and "No staff member has this e-mail address" in unknown.text
    junk_role = client.post(f"/participants/{pid}/team", data={"email": team_people.social.email, "role": "x"})
    assert junk_role.status_code == 422
    assert services.members(team_people.participant) == []
    heard = []
    events.team_member_added.connect(
        lambda row, recipients, url: heard.append((row.member_id, [r.id for r in recipients], url)), weak=False
    )
    try:
        added = client.post(
            f"/participants/{pid}/team", data={"email": team_people.social.email, "role": "social_services"}
        )
    finally:
        events.team_member_added.receivers.clear()
    assert added.status_code == 303
    assert heard == [(team_people.social.id, [team_people.social.id], f"/participants/{pid}/plan")]
    again = client.post(
        f"/participants/{pid}/team", data={"email": team_people.social.email, "role": "health"}, headers=HX
    )
    assert again.status_code == 422 and "is in the team already" in again.text


def test_only_the_responsible_coach_changes_the_team(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    _add(team_people, team_people.social, TeamRole.SOCIAL_SERVICES)
    sign_in(team_people.social)
    pid = team_people.participant.id
    assert client.post(f"/participants/{pid}/team", data={"email": team_people.health.email}).status_code == 404
    assert client.post(f"/participants/{pid}/team/{team_people.social.id}/remove").status_code == 404
    sign_in(team_people.outsider)
    assert client.get(f"/participants/{pid}/plan").status_code == 404
    assert db.session.scalar(select(Step.id)) is None


def test_the_team_pages_ask_as_many_queries_for_six_members_as_for_two(client, sign_in, team_people):
    """Whether each member still works in the organisation they joined for is read from their
    memberships: one query for the whole team, not one per member."""
    share_with_other_organisations(team_people)
    welfare = team_people.social.memberships[0].organisation
    health = team_people.health.memberships[0].organisation

    def queries(person, url):
        sign_in(person)
        with counting() as statements:
            page = client.get(url)
        assert page.status_code == 200
        return len(statements), page.text

    def counts():
        return (
            queries(team_people.coach, f"/participants/{team_people.participant.id}/team"),
            queries(team_people.participant, "/my-team"),
        )

    _add(team_people, team_people.social, TeamRole.SOCIAL_SERVICES)
    _add(team_people, team_people.health, TeamRole.HEALTH)
    (coach_few, _), (participant_few, _) = counts()
    for n in range(4):
        colleague = make_user(Role.COACH, welfare, full_name=f"Kollega {n}", preferred_language="en")
        _add(team_people, colleague, TeamRole.SOCIAL_SERVICES)
    (coach_many, coach_page), (participant_many, participant_page) = counts()
    assert (coach_many, participant_many) == (coach_few, participant_few)
    assert all(f"Kollega {n}" in coach_page and f"Kollega {n}" in participant_page for n in range(4))
    assert health.name in coach_page
