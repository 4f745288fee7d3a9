"""The supervisor's week page (home page with the attendance section): queries, time and bytes
for a supervisor with 1 and with 25 participants, without and with a year of confirmed history.

    .venv/bin/python bench/supervisor_week.py            # a temporary SQLite file
    BENCH_DATABASE_URL=postgresql+psycopg://... .venv/bin/python bench/supervisor_week.py

The query count must not grow with the history (it may with nothing else either)."""

from datetime import timedelta

from harness import bench_app, bench_database_url, drop_tables, host_of, repeat, signed_in, sqlite_file

from tests.factories import make_organisation, make_placement, make_user
from webapp.accounts.models import OrganisationKind, Role
from webapp.attendance.demo import add_history
from webapp.extensions import db
from webapp.timeutil import local_today
from webapp.week import monday_of

RUNS = 7


def build(participants: int, history: bool):
    """A supervisor with this many participants, each on a placement that began a year ago."""
    supervisor = make_user(Role.SUPERVISOR, make_organisation(kind=OrganisationKind.PRIVATE_COMPANY))
    this_monday = monday_of(local_today())
    for n in range(participants):
        participant = make_user(Role.PARTICIPANT, short_name=f"Deltagare {n}")
        placement = make_placement(
            participant=participant,
            supervisor=supervisor,
            starts_on=this_monday - timedelta(weeks=52 if history else 1),
            ends_on=this_monday + timedelta(weeks=8),
        )
        if history:
            add_history(placement, supervisor, placement.starts_on, this_monday - timedelta(weeks=1))
    db.session.commit()
    return supervisor.id


def measure(app, supervisor_id: int) -> tuple[int, float, int]:
    client = signed_in(app, supervisor_id)
    sample = repeat(lambda: client.get("/home/supervisor"), RUNS)
    return sample.queries, sample.median, len(sample.response.data)


def main() -> None:
    url = bench_database_url()
    with sqlite_file() as sqlite:
        app = bench_app(url or sqlite, fresh_contexts=True)
        with app.app_context():
            db.drop_all()
            db.create_all()
            rows = []
            for participants in (1, 25):
                for history in (False, True):
                    supervisor_id = build(participants, history)
                    rows.append((participants, "a year" if history else "one week", *measure(app, supervisor_id)))
            days = db.session.execute(db.text("SELECT count(*) FROM attendance_day")).scalar()
        drop_tables(app, drop=bool(url))
    print(f"database: {host_of(url or sqlite)}  ({days} attendance days stored)")
    print(f"{'participants':>12}  {'history':>8}  {'queries':>7}  {'median ms':>9}  {'bytes':>7}")
    for participants, history, queries, ms, size in rows:
        print(f"{participants:>12}  {history:>8}  {queries:>7}  {ms:>9.1f}  {size:>7}")
    by_size = {}
    for participants, _history, queries, *_ in rows:
        by_size.setdefault(participants, set()).add(queries)
    grows = any(len(counts) > 1 for counts in by_size.values())
    print("query count grows with the history: " + ("YES (a bug)" if grows else "no"))


if __name__ == "__main__":
    main()
