"""Placements: who may see them, and their days in a participant's week."""

from datetime import date, time

import pytest
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import NotFound

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.placements import services
from webapp.placements.models import PlacementDay
from webapp.week import items_for, monday_of

from ..factories import make_placement, make_user


def test_a_supervisor_sees_only_their_own_placements(app):
    mine = make_placement()
    other = make_placement()
    assert services.supervised_by(mine.supervisor) == [mine]
    assert services.placement_for_supervisor(mine.supervisor, mine.id) == mine
    with pytest.raises(NotFound):
        services.placement_for_supervisor(mine.supervisor, other.id)


def test_supervised_on_a_day_leaves_out_ended_placements(app):
    placement = make_placement(ends_on=date(2026, 11, 20))
    assert services.supervised_by(placement.supervisor, on=date(2026, 11, 20)) == [placement]
    assert services.supervised_by(placement.supervisor, on=date(2026, 11, 23)) == []


def test_placement_days_show_in_the_participants_week(app):
    placement = make_placement(schedule=[(0, time(8), time(12)), (2, time(13), time(16, 30))])
    week = items_for(placement.participant, monday_of(date(2026, 11, 25)), date(2026, 11, 29))
    assert [(i.day, i.starts_at, i.kind) for i in week] == [
        (date(2026, 11, 23), time(8), "placement"),
        (date(2026, 11, 25), time(13), "placement"),
    ]
    assert placement.schedule[1].hours == 3.5


def test_no_placement_days_outside_the_placement(app):
    placement = make_placement(starts_on=date(2026, 11, 25))
    week = items_for(placement.participant, date(2026, 11, 23), date(2026, 11, 29))
    assert [i.day for i in week] == [date(2026, 11, 25), date(2026, 11, 26), date(2026, 11, 27)]


def test_a_weekday_can_be_scheduled_once(app):
    placement = make_placement(schedule=[(0, time(8), time(12))])
    placement.schedule.append(PlacementDay(weekday=0, starts_at=time(13), ends_at=time(15)))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_participant_has_no_placement_days_of_someone_else(app):
    make_placement()
    assert items_for(make_user(Role.PARTICIPANT), date(2026, 11, 23), date(2026, 11, 29)) == []
