"""What the read log costs: the participant page and the caseload, with and without logging.

    .venv/bin/python bench/read_log.py            # a temporary SQLite file
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench .venv/bin/python bench/read_log.py

Requests alternate between logging on and off (READ_LOG_ENABLED), so both see the same
machine load; each is timed many times. Target: the median with logging at most 10% above
the median without. Exit status 1 if the target is missed."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("SECRET_KEY", "bench")

from caseload import build  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from tests.conftest import sign_in_client  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.accounts.models import User  # noqa: E402
from webapp.config import TestConfig  # noqa: E402
from webapp.enrolment.models import Enrolment  # noqa: E402
from webapp.extensions import db  # noqa: E402
from webapp.privacy.models import ReadLog  # noqa: E402

PARTICIPANTS = 100
ITERATIONS = int(os.environ.get("BENCH_ITERATIONS", 150))
TARGET = 1.10


def timed(app, client, url: str) -> float:
    start = time.perf_counter()
    with app.app_context():
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - start) * 1000


def spread(values: list[float]) -> str:
    q = statistics.quantiles(values, n=4)
    return f"median {statistics.median(values):6.2f} ms  IQR {q[0]:6.2f}-{q[2]:6.2f} ms"


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL")
    with tempfile.TemporaryDirectory() as folder:

        class BenchConfig(TestConfig):
            SQLALCHEMY_DATABASE_URI = url or f"sqlite:///{folder}/bench-read-log.db"

        app = create_app(BenchConfig)
        with app.app_context():
            coach_id = build(PARTICIPANTS)
            participant_id = db.session.scalar(
                select(Enrolment.participant_id).where(Enrolment.responsible_coach_id == coach_id).limit(1)
            )
            assert db.session.get(User, participant_id) is not None
        client = app.test_client()
        sign_in_client(client, coach_id)
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
            db.session.remove()
            if url:
                db.drop_all()
            db.engine.dispose()
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
