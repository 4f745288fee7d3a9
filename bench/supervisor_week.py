"""The supervisor's week page (home page with the attendance section): queries, time and bytes
for a supervisor with 1 and with 25 participants, without and with a year of confirmed history.

    .venv/bin/python bench/supervisor_week.py            # a temporary SQLite file
    BENCH_DATABASE_URL=postgresql+psycopg://... .venv/bin/python bench/supervisor_week.py

The query count must not grow with the history (it may with nothing else either)."""

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event  # noqa: E402

from tests.conftest import (
    FreshContextClient,  # noqa: E402
    sign_in_client,  # noqa: E402
)
from tests.factories import make_organisation, make_placement, make_user  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.accounts.models import OrganisationKind, Role  # noqa: E402
from webapp.attendance.demo import add_history  # noqa: E402
from webapp.config import TestConfig  # noqa: E402
from webapp.extensions import db  # noqa: E402
from webapp.timeutil import local_today  # noqa: E402
from webapp.week import monday_of  # noqa: E402

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
    client = app.test_client()
    sign_in_client(client, supervisor_id)
    counted = []

    def count(*_args):
        counted.append(1)

    engine = db.engine
    times, size, queries = [], 0, 0
    for run in range(RUNS):
        counted.clear()
        event.listen(engine, "before_cursor_execute", count)
        started = time.perf_counter()
        response = client.get("/home/supervisor")
        times.append((time.perf_counter() - started) * 1000)
        event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200, response.status_code
        size, queries = len(response.data), len(counted)
    return queries, statistics.median(times), size


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL")
    folder = tempfile.TemporaryDirectory()

    class BenchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url or f"sqlite:///{folder.name}/bench.db"

    app = create_app(BenchConfig)
    app.test_client_class = FreshContextClient  # each request its own context, as in production
    with app.app_context():
        db.drop_all()
        db.create_all()
        rows = []
        for participants in (1, 25):
            for history in (False, True):
                supervisor_id = build(participants, history)
                rows.append((participants, "a year" if history else "one week", *measure(app, supervisor_id)))
        days = db.session.execute(db.text("SELECT count(*) FROM attendance_day")).scalar()
        db.session.remove()  # end the read, or dropping the tables waits for it forever
        if url:
            db.drop_all()
    print(f"database: {BenchConfig.SQLALCHEMY_DATABASE_URI.split('@')[-1]}  ({days} attendance days stored)")
    print(f"{'participants':>12}  {'history':>8}  {'queries':>7}  {'median ms':>9}  {'bytes':>7}")
    for participants, history, queries, ms, size in rows:
        print(f"{participants:>12}  {history:>8}  {queries:>7}  {ms:>9.1f}  {size:>7}")
    by_size = {}
    for participants, _history, queries, *_ in rows:
        by_size.setdefault(participants, set()).add(queries)
    grows = any(len(counts) > 1 for counts in by_size.values())
    print("query count grows with the history: " + ("YES (a bug)" if grows else "no"))
    folder.cleanup()


if __name__ == "__main__":
    main()
