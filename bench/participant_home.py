"""How the participant's home page (this week, next steps, self-rating) and the caseload
figures (plans.caseload_facts) scale: queries and time at 50 and 5,000 participants.

    .venv/bin/python bench/participant_home.py
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/vagen_bench \
        .venv/bin/python bench/participant_home.py

SQLite runs in a temporary file; a BENCH_DATABASE_URL database is emptied and filled.
The query count must not grow with the data."""

import sys
from datetime import datetime, time, timedelta

from harness import (
    bench_app,
    bench_database_url,
    counting,
    drop_tables,
    grown,
    host_of,
    milliseconds,
    repeat,
    signed_in,
    sqlite_file,
)
from sqlalchemy import insert, select

from webapp.accounts.models import Membership, Organisation, OrganisationKind, Programme, Role, User
from webapp.extensions import db
from webapp.placements.models import Placement, PlacementDay, PlacementKind
from webapp.plans.caseload import caseload_facts
from webapp.plans.models import Appointment, Category, Doer, Goal, Status, Step
from webapp.ratings.models import SelfRating
from webapp.timeutil import STOCKHOLM, local_today, utcnow
from webapp.week import monday_of

SIZES = (50, 5000)
REQUESTS = 20


def fill(n: int) -> tuple[int, list[int]]:
    """n participants, each with a goal, three steps, two ratings, two meetings; every tenth
    with a placement. Returns one participant's id and the first 50 ids (a caseload)."""
    programme = Programme(name="Bench")
    organisation = Organisation(programme=programme, name="Bench LMU", kind=OrganisationKind.LABOUR_MARKET_UNIT)
    workplace = Organisation(programme=programme, name="Bench AB", kind=OrganisationKind.PRIVATE_COMPANY)
    db.session.add_all([programme, organisation, workplace])
    db.session.flush()
    now, today = utcnow(), local_today()
    monday = monday_of(today)
    db.session.execute(
        insert(User),
        [
            {
                "full_name": f"Deltagare {i}",
                "sign_in_name": f"{20_000_000 + i}",
                "preferred_language": "sv",
                "active": True,
                "created_at": now,
            }
            for i in range(n)
        ],
    )
    ids = list(db.session.scalars(select(User.id).order_by(User.id)))
    db.session.execute(
        insert(Membership),
        [{"user_id": uid, "organisation_id": organisation.id, "role": Role.PARTICIPANT} for uid in ids],
    )
    db.session.execute(
        insert(Goal),
        [{"participant_id": uid, "title": "Arbete", "version": 1, "created_at": now, "updated_at": now} for uid in ids],
    )
    goals = dict(db.session.execute(select(Goal.participant_id, Goal.id)).all())
    db.session.execute(
        insert(Step),
        [
            {
                "goal_id": goals[uid],
                "participant_id": uid,
                "title": f"Steg {k}",
                "category": Category.OTHER,
                "due_on": today + timedelta(days=k * 3 - 4),
                "status": Status.PLANNED,
                "doer": Doer.PARTICIPANT,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for uid in ids
            for k in range(3)
        ],
    )
    db.session.execute(
        insert(SelfRating),
        [
            {
                "participant_id": uid,
                "rated_at": now - timedelta(days=d),
                "work": 5,
                "health": 6,
                "confidence": 4,
                "swedish": 3,
            }
            for uid in ids
            for d in (40, 5)
        ],
    )
    db.session.execute(
        insert(Appointment),
        [
            {
                "participant_id": uid,
                "title": "Möte",
                "place": "Stortorget 1",
                "starts_at": datetime.combine(monday + timedelta(days=d), time(10), tzinfo=STOCKHOLM),
                "ends_at": datetime.combine(monday + timedelta(days=d), time(11), tzinfo=STOCKHOLM),
                "created_at": now,
            }
            for uid in ids
            for d in (1, 8)
        ],
    )
    for uid in ids[::10]:
        placement = Placement(
            participant_id=uid,
            organisation_id=workplace.id,
            kind=PlacementKind.WORK_TRIAL,
            title="Lager",
            place="Industrivägen 2",
            starts_on=monday - timedelta(days=7),
        )
        placement.schedule = [PlacementDay(weekday=d, starts_at=time(8), ends_at=time(12)) for d in range(5)]
        db.session.add(placement)
    db.session.commit()
    return ids[0], ids[:50]


def measure(app, n: int) -> list[tuple]:
    with app.app_context():
        db.drop_all()
        db.create_all()
        participant_id, caseload = fill(n)
        engine = db.engine
    client = signed_in(app, participant_id)
    assert client.get("/home/participant").status_code == 200  # warm up
    home = repeat(lambda: client.get("/home/participant"), REQUESTS, engine)
    rows = [("participant home page", n, home.queries, home.median)]
    with app.app_context(), counting(engine) as statements:
        facts, ms = milliseconds(lambda: caseload_facts(caseload))
        assert len(facts) == len(caseload)
        rows.append((f"caseload_facts ({len(caseload)} people)", n, len(statements), ms))
    return rows


def main() -> None:
    with sqlite_file() as sqlite:
        app = bench_app(bench_database_url() or sqlite, TESTING=False)
        print(f"database: {host_of(app.config['SQLALCHEMY_DATABASE_URI'])}")
        print(f"{'what':<34}{'participants':>13}{'queries':>9}{'ms':>9}")
        counts = {}
        for n in SIZES:
            for what, size, queries, ms in measure(app, n):
                counts.setdefault(what, []).append(queries)
                print(f"{what:<34}{size:>13}{queries:>9}{ms:>9.1f}")
        drop_tables(app)
        grew = grown(counts)
        print("query count grows with the data: " + (", ".join(grew) if grew else "no"))
        sys.exit(1 if grew else 0)


if __name__ == "__main__":
    main()
