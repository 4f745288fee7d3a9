"""Every key page asks the database the same number of questions however big the
programme is: counted at two sizes of `flask seed-scale` data."""

from sqlalchemy import select

from tests.conftest import counting, empty_database, sign_in_client
from webapp.accounts.models import User
from webapp.attendance.models import AttendanceWeek
from webapp.demo.scale import DEMO_COACH, DEMO_SUPERVISOR, seed_scale
from webapp.extensions import db
from webapp.placements.models import Placement


def _key_pages() -> list[tuple[int | None, str, str]]:
    """(who, method, path) for each key page of the demo people."""
    coach = db.session.scalar(select(User.id).where(User.sign_in_name == DEMO_COACH))
    supervisor = db.session.scalar(select(User.id).where(User.sign_in_name == DEMO_SUPERVISOR))
    placement = db.session.scalars(
        select(Placement).where(Placement.supervisor_id == supervisor).order_by(Placement.id)
    ).first()
    mondays = dict(
        db.session.execute(
            select(AttendanceWeek.confirmed_at.is_(None), AttendanceWeek.monday)
            .where(AttendanceWeek.placement_id == placement.id)
            .order_by(AttendanceWeek.monday)
        ).all()
    )
    waiting, confirmed = mondays[True], mondays[False]
    participant, pl = placement.participant_id, placement.id
    return [
        (participant, "get", "/home/participant"),
        (participant, "get", "/plan"),
        (participant, "get", "/attendance/mine"),
        (coach, "get", "/home/coach"),
        (coach, "get", "/home/coach?q=Amina"),
        (coach, "get", f"/participants/{participant}"),
        (coach, "get", f"/feedback/participants/{participant}"),
        (coach, "get", "/openings/?kind=internship"),
        (supervisor, "get", "/home/supervisor"),
        (supervisor, "get", f"/attendance/weeks/{pl}/{waiting}"),
        (supervisor, "get", f"/attendance/reports/{pl}/{confirmed:%Y-%m}"),
        (supervisor, "post", f"/attendance/weeks/{pl}/{confirmed}/confirm"),
        (None, "get", "/activities/?q=orientering"),
    ]


def _count_queries(app) -> dict[str, int]:
    counts = {}
    pages = _key_pages()
    db.session.commit()
    for who, method, path in pages:
        client = app.test_client()
        if who is not None:
            sign_in_client(client, who)
        with counting() as statements:
            response = getattr(client, method)(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[f"{method} {path.split('/')[1]}:{len(counts)}"] = len(statements)
    return counts


def test_key_pages_ask_a_constant_number_of_queries(app):
    seed_scale(participants=100, coaches=3, employers=10, placements=25)
    db.session.commit()
    small = _count_queries(app)
    empty_database()
    seed_scale(participants=600, coaches=15, employers=40, placements=120)
    db.session.commit()
    large = _count_queries(app)
    assert large == small
