"""Supported education (JagKan): a study placement at a school or course, whose study
supervisor confirms attendance and gives feedback exactly as a workplace supervisor does."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from webapp.accounts.models import OrganisationKind, Role
from webapp.attendance.models import AttendanceWeek
from webapp.extensions import db
from webapp.feedback import definition as spec
from webapp.feedback.models import Feedback
from webapp.placements.models import PlacementKind
from webapp.team import services
from webapp.team.models import TeamRole
from webapp.week import monday_of

from ..conftest import HX
from ..factories import make_feedback, make_organisation, make_placement, make_user
from .conftest import share_with_other_organisations

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr("webapp.attendance.routes.local_today", lambda: TODAY)


def test_a_study_supervisor_confirms_attendance_and_gives_feedback(client, sign_in, team_people):
    school = make_organisation(
        team_people.coach.memberships[0].organisation.programme,
        name="Komvux Hässleholm",
        kind=OrganisationKind.PUBLIC_EMPLOYER,
    )
    supervisor = make_user(Role.SUPERVISOR, school, full_name="Stina Studiehandledare", preferred_language="en")
    this_monday = monday_of(TODAY)
    placement = make_placement(
        team_people.participant,
        supervisor,
        kind=PlacementKind.STUDY,
        title="Svenska som andraspråk, grund",
        starts_on=this_monday - timedelta(weeks=3),
        ends_on=this_monday + timedelta(weeks=8),
    )
    sign_in(supervisor)
    home = client.get("/home/supervisor")
    assert home.status_code == 200 and "Svenska som andraspråk" in home.text
    last_week = this_monday - timedelta(weeks=1)
    confirmed = client.post(
        f"/attendance/weeks/{placement.id}/{last_week.isoformat()}/confirm", data={"version": "0"}, headers=HX
    )
    assert confirmed.status_code == 200 and "Confirmed by" in confirmed.text
    assert db.session.scalar(select(AttendanceWeek.confirmed_by_id)) == supervisor.id

    feedback = make_feedback(placement)
    items = {f"item-{key}": "3" for key in spec.item_keys(spec.DEFAULT_DEFINITION)}
    given = client.post(f"/feedback/{feedback.id}/give", data=items, headers=HX)
    assert given.status_code == 204
    db.session.expire_all()
    assert db.session.get(Feedback, feedback.id).submitted_at is not None

    # The coach sees it as studies; the study supervisor may also join the team with that role.
    sign_in(team_people.coach)
    page = client.get(f"/participants/{team_people.participant.id}/attendance?month=2026-11")
    assert page.status_code == 200 and "Studies at a school or course" in page.text
    share_with_other_organisations(team_people)
    row = services.add_member(team_people.coach, team_people.participant, supervisor.email, TeamRole.STUDY_SUPERVISOR)
    assert row.organisation_id == school.id
