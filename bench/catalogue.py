"""Catalogue search at 100 and 10,000 activities: queries per request and time per request.

    .venv/bin/python bench/catalogue.py
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/vagen_bench .venv/bin/python bench/catalogue.py

Builds its own data: a temporary SQLite file (and the PostgreSQL database when
BENCH_DATABASE_URL is set: its tables are dropped and made again). Queries are counted with
a before_cursor_execute listener; time is the median of several runs through the test client.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, insert  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.accounts.models import Municipality, Organisation, OrganisationKind, Programme  # noqa: E402
from webapp.catalogue.models import Activity, ActivityLanguage, ActivityTime, Category, Phase, Referrers  # noqa: E402
from webapp.config import TestConfig  # noqa: E402
from webapp.extensions import db  # noqa: E402

SIZES = (100, 10_000)
RUNS = 7
LANGUAGES = ("sv", "en", "ar", "ti", "so", "fa", "ku")
REQUESTS = [
    ("public list, page 1", "/activities/", {}),
    ("language=ti", "/activities/?language=ti", {}),
    ("municipality + free places", "/activities/?municipality={m}&free=y", {}),
    ("category + phase + date", "/activities/?category=health_activity&phase=health&on=2026-11-23", {}),
    ("text search", "/activities/?q=orientering", {}),
    ("last page (htmx fragment)", "/activities/?page=9999", {"HX-Request": "true"}),
]


def build(size: int) -> int:
    """size activities spread over six municipalities and ten providers; returns a municipality id."""
    db.drop_all()
    db.create_all()
    programme = Programme(name="Bench")
    municipalities = [Municipality(code=f"{n:04d}", name=f"Kommun {n}") for n in range(6)]
    programme.municipalities.extend(municipalities)
    db.session.add(programme)
    db.session.flush()
    providers = [
        Organisation(
            programme_id=programme.id,
            name=f"Anordnare {n}",
            kind=OrganisationKind.ASSOCIATION,
            municipality_id=municipalities[n % 6].id,
        )
        for n in range(10)
    ]
    db.session.add_all(providers)
    db.session.flush()
    categories, phases = list(Category), list(Phase)
    rows = [
        {
            "id": n + 1,
            "programme_id": programme.id,
            "organisation_id": providers[n % 10].id,
            "municipality_id": municipalities[n % 6].id,
            "title": f"{'Samhällsorientering' if n % 5 == 0 else 'Aktivitet'} {n:05d}",
            "category": categories[n % len(categories)],
            "phase": phases[n % len(phases)],
            "description": "Beskrivning av aktiviteten.",
            "place": "Storgatan 1",
            "starts_on": date(2026, 1 + n % 12, 1),
            "ends_on": None if n % 3 else date(2027, 6, 30),
            "continuous_intake": n % 3 == 1,
            "written_in": "sv",
            "adaptations": "",
            "places": 12,
            "places_free": n % 4,
            "contact": "010-123 45 67",
            "referrers": Referrers.ANY_COACH,
            "is_public": n % 10 != 0,
        }
        for n in range(size)
    ]
    db.session.execute(insert(Activity), rows)
    db.session.execute(
        insert(ActivityTime),
        [
            {"activity_id": r["id"], "weekday": d, "starts_at": clock(9), "ends_at": clock(12)}
            for r in rows
            for d in {r["id"] % 5, 4}
        ],
    )
    db.session.execute(
        insert(ActivityLanguage),
        [{"activity_id": r["id"], "code": code} for r in rows for code in {"sv", LANGUAGES[r["id"] % len(LANGUAGES)]}],
    )
    db.session.commit()
    return municipalities[3].id


def measure(app, municipality_id: int) -> list[tuple[str, int, float]]:
    client = app.test_client()
    results = []
    with app.app_context():
        engine = db.engine
    for name, url, headers in REQUESTS:
        url = url.format(m=municipality_id)
        counted = []

        def count(*_args):
            counted.append(1)

        client.get(url, headers=headers)  # warm up
        event.listen(engine, "before_cursor_execute", count)
        response = client.get(url, headers=headers)
        event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            client.get(url, headers=headers)
            timings.append((time.perf_counter() - start) * 1000)
        results.append((name, len(counted), statistics.median(timings)))
    return results


def run(url: str, label: str) -> None:
    class BenchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url

    app = create_app(BenchConfig)
    print(f"\n{label}")
    print(f"{'activities':>10}  {'request':<32} {'queries':>7}  {'median ms':>9}")
    for size in SIZES:
        with app.app_context():
            municipality_id = build(size)
        for name, queries, ms in measure(app, municipality_id):
            print(f"{size:>10}  {name:<32} {queries:>7}  {ms:>9.1f}")
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{folder}/bench.db", "SQLite (temporary file)")
    if os.environ.get("BENCH_DATABASE_URL"):
        run(os.environ["BENCH_DATABASE_URL"], "PostgreSQL")


if __name__ == "__main__":
    main()
