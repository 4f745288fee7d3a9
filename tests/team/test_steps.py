"""Steps given to team members: chosen from the team (not free text), shown on the plan, in
the member's "my steps", and the member hears of it (step_assigned)."""

from sqlalchemy import select

from webapp import events
from webapp.extensions import db
from webapp.plans.models import Doer, Step
from webapp.privacy import consent
from webapp.privacy.models import ConsentMethod, Purpose
from webapp.team import services
from webapp.team.models import TeamRole

from ..conftest import HX, counting
from ..factories import make_goal, make_participant, make_step
from .conftest import share_with_other_organisations


def test_a_step_is_given_to_a_team_member_and_the_plan_shows_who(client, sign_in, team_people):
    share_with_other_organisations(team_people)
    services.add_member(team_people.coach, team_people.participant, team_people.social.email, TeamRole.SOCIAL_SERVICES)
    db.session.commit()
    goal = make_goal(team_people.participant, created_by=team_people.coach)
    sign_in(team_people.coach)
    form = client.get(f"/plans/goals/{goal.id}/steps/new").text
    assert f'value="{team_people.social.id}"' in form and "Sofia Socialsekreterare" in form
    data = {"title": "Boka möte om bostad", "category": "everyday_life", "status": "planned", "doer": "other"}
    # A person outside the team, or nobody chosen: a clear message, the text kept.
    outsider = client.post(
        f"/plans/goals/{goal.id}/steps/new", data={**data, "assignee": str(team_people.outsider.id)}, headers=HX
    )
    assert outsider.status_code == 422 and "not in the participant" in outsider.text
    assert 'value="Boka möte om bostad"' in outsider.text
    nobody = client.post(f"/plans/goals/{goal.id}/steps/new", data=data, headers=HX)
    assert nobody.status_code == 422 and "Choose who in the team does the step." in nobody.text
    heard = []
    events.step_assigned.connect(
        lambda step, recipients, url: heard.append(([r.id for r in recipients], url)), weak=False
    )
    try:
        added = client.post(f"/plans/goals/{goal.id}/steps/new", data={**data, "assignee": str(team_people.social.id)})
    finally:
        events.step_assigned.receivers.clear()
    assert added.status_code == 303 and heard == [([team_people.social.id], "/team/steps")]
    step = db.session.scalar(select(Step))
    assert (step.doer, step.assignee_id, step.doer_name) == (Doer.OTHER, team_people.social.id, None)
    assert (
        "Done by <bdi>Sofia Socialsekreterare</bdi>"
        in client.get(f"/participants/{team_people.participant.id}/plan").text
    )

    sign_in(team_people.social)
    mine = client.get("/team/steps")
    assert mine.status_code == 200 and "Boka möte om bostad" in mine.text and "Amal Deltagare" in mine.text
    done = client.post(f"/plans/steps/{step.id}/done", data={"done": "1"}, headers=HX)
    assert done.status_code == 200 and "Well done!" in done.text
    sign_in(team_people.participant)
    plan = client.get("/plan").text
    assert "Done by <bdi>Sofia Socialsekreterare</bdi>" in plan and "My team" in plan and "Social services" in plan


def test_an_older_steps_free_text_stays_readable(client, sign_in, team_people):
    step = make_step(make_goal(team_people.participant), doer=Doer.OTHER, doer_name="Distriktssköterskan")
    sign_in(team_people.participant)
    assert "Distriktssköterskan" in client.get("/plan").text
    sign_in(team_people.coach)
    form = client.get(f"/plans/steps/{step.id}/edit").text
    assert "Written before: Distriktssköterskan" in form


def test_my_steps_asks_the_same_number_of_queries_for_one_team_or_many(client, sign_in, team_people):
    """The member's participants are found with a few queries, not a few per participant
    (their enrolments, organisations and consents in one go each)."""

    def add_to_team(participant):
        consent.record(participant, Purpose.OTHER_ORGANISATIONS, ConsentMethod.PAPER, team_people.coach)
        services.add_member(team_people.coach, participant, team_people.social.email, TeamRole.SOCIAL_SERVICES)
        goal = make_goal(participant, created_by=team_people.coach)
        make_step(goal, title=f"Steg för {participant.full_name}", doer=Doer.OTHER, assignee_id=team_people.social.id)
        db.session.commit()

    def queries():
        with counting() as statements:
            page = client.get("/team/steps")
        assert page.status_code == 200
        return len(statements), page.text

    add_to_team(team_people.participant)
    withdrawn = make_participant(team_people.coach, full_name="Utan Samtycke")
    add_to_team(withdrawn)
    consent.withdraw(withdrawn, Purpose.OTHER_ORGANISATIONS, team_people.coach)
    db.session.commit()
    sign_in(team_people.social)
    few, _page = queries()
    for n in range(4):
        add_to_team(make_participant(team_people.coach, full_name=f"Person {n}"))
    many, page = queries()
    assert many == few
    assert all(f"Person {n}" in page for n in range(4)) and "Amal Deltagare" in page
    assert "Utan Samtycke" not in page  # consent to share with another organisation withdrawn: not in force
