"""`flask seed-demo` on any date looks alive: the dates move with today (in whole weeks), and
on the suite's own Monday they are as written."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from sqlalchemy import select

from webapp.accounts.models import User
from webapp.catalogue.models import Activity
from webapp.extensions import db
from webapp.placements import services
from webapp.placements.models import Opening


def _seed(app):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0


def test_on_the_suites_monday_the_dates_are_as_written(app):
    _seed(app)
    assert db.session.scalar(
        select(Opening.starts_on).where(Opening.title == "Kök och servering på äldreboende")
    ) == date(2026, 11, 2)


def test_a_demo_next_autumn_has_a_running_placement_and_coming_openings(app):
    later = datetime(2027, 9, 15, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))  # a Wednesday
    with time_machine.travel(later, tick=False):
        _seed(app)
        today = later.date()
        eva = db.session.scalar(select(User).where(User.sign_in_name == "eva.holm@example.org"))
        running = services.supervised_by(eva, on=today)
        assert [p.title for p in running] == ["Kök och servering på äldreboende"]
        assert running[0].starts_on.weekday() == 0 and running[0].starts_on < today
        assert all(o.starts_on > today - timedelta(days=60) for o in db.session.scalars(select(Opening)))
        running_activities = [
            a
            for a in db.session.scalars(select(Activity))
            if a.starts_on <= today and (a.ends_on is None or a.ends_on >= today)
        ]
        assert len(running_activities) >= 3
