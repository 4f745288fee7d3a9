"""The demo plans: every demo participant gets a plan, ratings and meetings, once."""

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.plans.models import Appointment, Goal, PlanChange, Step
from webapp.ratings.models import SelfRating


def test_demo_plans_are_made_once(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    tables = (Goal, Step, SelfRating, Appointment, PlanChange)
    counts = [db.session.scalar(select(func.count()).select_from(t)) for t in tables]
    assert counts[0] == 6 and all(counts)
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert [db.session.scalar(select(func.count()).select_from(t)) for t in tables] == counts
