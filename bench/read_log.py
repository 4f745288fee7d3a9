"""What the read log costs: the participant page and the caseload, with and without logging.

    .venv/bin/python bench/read_log.py            # a temporary SQLite file
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench .venv/bin/python bench/read_log.py

Requests alternate between logging on and off (READ_LOG_ENABLED), so both see the same
machine load; each is timed many times. Target: the median with logging at most 10% above
the median without. Exit status 1 if the target is missed."""

import os
import statistics

from caseload import build
from harness import bench_app, bench_database_url, drop_tables, milliseconds, signed_in, spread, sqlite_file
from sqlalchemy import func, select

from webapp.accounts.models import User
from webapp.enrolment.models import Enrolment
from webapp.extensions import db
from webapp.privacy.models import ReadLog

PARTICIPANTS = 100
ITERATIONS = int(os.environ.get("BENCH_ITERATIONS", 150))
TARGET = 1.10


def timed(app, client, url: str) -> float:
    """How long one request took, in ms (it must answer 200)."""

    def get():
        with app.app_context():
            return client.get(url)

    response, ms = milliseconds(get)
    assert response.status_code == 200, (url, response.status_code)
    return ms


def main() -> None:
    url = bench_database_url()
    with sqlite_file("bench-read-log.db") as sqlite:
        app = bench_app(url or sqlite)
        with app.app_context():
            coach_id = build(PARTICIPANTS)
            participant_id = db.session.scalar(
                select(Enrolment.participant_id).where(Enrolment.responsible_coach_id == coach_id).limit(1)
            )
            assert db.session.get(User, participant_id) is not None
        client = signed_in(app, coach_id)
        pages = {"participant page": f"/participants/{participant_id}", "caseload": "/home/coach"}
        results, missed = {}, []
        for label, page in pages.items():
            for _ in range(10):  # warm up both paths
                timed(app, client, page)
            on, off = [], []
            for _ in range(ITERATIONS):
                app.config["READ_LOG_ENABLED"] = True
                on.append(timed(app, client, page))
                app.config["READ_LOG_ENABLED"] = False
                off.append(timed(app, client, page))
            results[label] = (on, off)
        with app.app_context():
            rows = db.session.scalar(select(func.count()).select_from(ReadLog))
        drop_tables(app, drop=bool(url))
    engine = "PostgreSQL" if url else "SQLite"
    print(f"Read log cost on {engine}: {ITERATIONS} requests each way, alternating; {rows} log rows written")
    for label, (on, off) in results.items():
        ratio = statistics.median(on) / statistics.median(off)
        print(f"{label:<17} with log    {spread(on)}")
        print(f"{'':<17} without log {spread(off)}")
        print(f"{'':<17} cost {100 * (ratio - 1):+.1f}% (target at most +{100 * (TARGET - 1):.0f}%)")
        # Each request with the log is timed next to one without, under the same load: the
        # paired difference is steadier than two medians on a shared machine.
        paired = [a - b for a, b in zip(on, off, strict=True)]
        q = statistics.quantiles(paired, n=4)
        print(
            f"{'':<17} paired difference median {statistics.median(paired):+.2f} ms  IQR {q[0]:+.2f} to {q[2]:+.2f} ms"
        )
        if ratio > TARGET:
            missed.append(label)
    if missed:
        print("target missed: " + ", ".join(missed))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
