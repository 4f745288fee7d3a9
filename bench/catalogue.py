"""Catalogue search at 100 and 10,000 activities: queries per request and time per request.

    .venv/bin/python bench/catalogue.py
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/vagen_bench .venv/bin/python bench/catalogue.py

Builds its own data: a temporary SQLite file (and the PostgreSQL database when
BENCH_DATABASE_URL is set: its tables are dropped and made again). Queries are counted with
a before_cursor_execute listener; time is the median of several runs through the test client.
"""

from datetime import date
from datetime import time as clock

from harness import bench_app, counting, databases, drop_tables, each_size, repeat
from sqlalchemy import insert

from webapp.accounts.models import Municipality, Organisation, OrganisationKind, Programme
from webapp.catalogue.models import Activity, ActivityLanguage, ActivityTime, Category, Phase, Referrers
from webapp.extensions import db

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
        client.get(url, headers=headers)  # warm up
        with counting(engine) as counted:
            response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.status_code)
        sample = repeat(lambda url=url, headers=headers: client.get(url, headers=headers), RUNS, engine)
        results.append((name, len(counted), sample.median))
    return results


def run(url: str, label: str) -> None:
    app = bench_app(url)
    print(f"\n{label}")
    print(f"{'activities':>10}  {'request':<32} {'queries':>7}  {'median ms':>9}")
    for size, (name, queries, ms) in each_size(app, SIZES, build, measure):
        print(f"{size:>10}  {name:<32} {queries:>7}  {ms:>9.1f}")
    drop_tables(app)


def main() -> None:
    for label, url in databases():
        run(url, label)


if __name__ == "__main__":
    main()
