"""`flask seed-scale`: a programme at any size, with demo people who carry real loads."""

from sqlalchemy import func, select

from webapp.accounts.models import User
from webapp.attendance.models import AttendanceWeek
from webapp.enrolment.models import Enrolment
from webapp.extensions import db
from webapp.placements.models import Placement


def test_seed_scale_builds_the_sizes_asked_for_with_loaded_demo_people(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["seed-scale", "--participants", "400", "--coaches", "10", "--employers", "20", "--placements", "80"]
    )
    assert result.exit_code == 0, result.output
    names = dict(line.split("\t")[:2] for line in result.stdout.splitlines())
    assert set(names) == {"coach", "supervisor", "participant"}
    assert db.session.scalar(select(func.count(Enrolment.id))) == 400
    assert db.session.scalar(select(func.count(Placement.id))) == 80
    coach = db.session.scalar(select(User).where(User.sign_in_name == names["coach"]))
    supervisor = db.session.scalar(select(User).where(User.sign_in_name == names["supervisor"]))
    assert db.session.scalar(select(func.count()).where(Enrolment.responsible_coach_id == coach.id)) == 40
    assert db.session.scalar(select(func.count()).where(Placement.supervisor_id == supervisor.id)) == 25
    waiting = (
        select(func.count())
        .select_from(AttendanceWeek)
        .join(Placement)
        .where(Placement.supervisor_id == supervisor.id, AttendanceWeek.confirmed_at.is_(None))
    )
    assert db.session.scalar(waiting) == 50  # two weeks each, reported and waiting
    # The demo people can sign in with the demo password.
    client = app.test_client()
    response = client.post("/sign-in", data={"sign_in_name": names["participant"], "password": "vagen-demo-2026"})
    assert response.status_code == 303


def test_seed_scale_refuses_a_second_run(app):
    runner = app.test_cli_runner()
    args = ["seed-scale", "--participants", "50", "--coaches", "2", "--employers", "3", "--placements", "25"]
    assert runner.invoke(args=args).exit_code == 0
    second = runner.invoke(args=args)
    assert second.exit_code != 0 and "already" in second.output
