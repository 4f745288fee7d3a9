"""Feedback pages under load of data: queries per request and time, small and large.

.venv/bin/python bench/feedback.py        (SQLite in a temporary file;
                                           also PostgreSQL when BENCH_DATABASE_URL is set)
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event  # noqa: E402

from tests.conftest import (  # noqa: E402
    FreshContextClient,
    compile_catalogues,
    sign_in_client,  # noqa: E402
)
from tests.factories import make_feedback, make_organisation, make_placement, make_user  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.accounts.models import OrganisationKind, Role  # noqa: E402
from webapp.config import TestConfig  # noqa: E402
from webapp.extensions import db  # noqa: E402
from webapp.feedback import definition as spec  # noqa: E402
from webapp.timeutil import local_today  # noqa: E402

RUNS = 15
ANSWERS = {key: 1 + n % 4 for n, key in enumerate(spec.item_keys(spec.DEFAULT_DEFINITION))}


def build(size: int) -> dict:
    """One supervisor with `size` running placements (each due), one participant with `size` feedbacks."""
    lmu = make_organisation(kind=OrganisationKind.LABOUR_MARKET_UNIT)
    employer = make_organisation(lmu.programme, kind=OrganisationKind.PRIVATE_COMPANY)
    supervisor = make_user(Role.SUPERVISOR, employer)
    coach = make_user(Role.COACH, lmu)
    participant = make_user(Role.PARTICIPANT, lmu)
    start = local_today() - timedelta(days=30)
    for _ in range(size):
        make_placement(make_user(Role.PARTICIPANT, lmu), supervisor, starts_on=start, ends_on=None)
    for n in range(size):
        placement = make_placement(participant, supervisor, starts_on=start - timedelta(days=100 + n), ends_on=None)
        make_feedback(placement, answers=ANSWERS, submitted=True)
    draft = make_feedback(make_placement(participant, supervisor, starts_on=start, ends_on=None))
    return {
        "supervisor": supervisor,
        "coach": coach,
        "participant": participant,
        "draft": draft.id,
        "given": make_feedback(make_placement(participant, supervisor), answers=ANSWERS, submitted=True).id,
    }


def measure(app, client, request) -> tuple[int, float]:
    statements = []

    def count(*args):
        statements.append(1)

    times = []
    for run in range(RUNS):
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        started = time.perf_counter()
        response = request()
        times.append((time.perf_counter() - started) * 1000)
        event.remove(db.engine, "before_cursor_execute", count)
        assert response.status_code == 200, response.status_code
    return len(statements), statistics.median(times)


def sign_in(client, user):
    sign_in_client(client, user.id)


def run(url: str) -> None:
    class BenchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url

    app = create_app(BenchConfig)
    app.test_client_class = FreshContextClient  # each request its own context, as in production
    print(f"\n{url.split('@')[-1]}")
    print(f"{'request':44} {'size':>5} {'queries':>8} {'median ms':>10}")
    for size in (5, 100):
        with app.app_context():
            db.drop_all()
            db.create_all()
            people = build(size)
            client = app.test_client()
            cases = [
                ("GET /home/supervisor", people["supervisor"], lambda: client.get("/home/supervisor")),
                (
                    "GET /feedback/<id>/give (draft)",
                    people["supervisor"],
                    lambda: client.get(f"/feedback/{people['draft']}/give"),
                ),
                (
                    "POST /feedback/<id>/draft (htmx)",
                    people["supervisor"],
                    lambda: client.post(
                        f"/feedback/{people['draft']}/draft", data={"item-pace": "3"}, headers={"HX-Request": "true"}
                    ),
                ),
                (
                    "GET /feedback/participants/<id> (coach)",
                    people["coach"],
                    lambda: client.get(f"/feedback/participants/{people['participant'].id}"),
                ),
                ("GET /feedback/mine (participant)", people["participant"], lambda: client.get("/feedback/mine")),
                (
                    "GET /feedback/<id> (participant)",
                    people["participant"],
                    lambda: client.get(f"/feedback/{people['given']}"),
                ),
            ]
            for name, user, request in cases:
                sign_in(client, user)
                queries, ms = measure(app, client, request)
                print(f"{name:44} {size:>5} {queries:>8} {ms:>10.1f}")
            db.session.remove()
            db.drop_all()


if __name__ == "__main__":
    compile_catalogues()
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'bench.db'}")
    if os.environ.get("BENCH_DATABASE_URL"):
        run(os.environ["BENCH_DATABASE_URL"])
