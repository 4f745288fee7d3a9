"""How the openings search page scales: query count and time at 100 and 10,000 openings.

    .venv/bin/python bench/openings.py                 # SQLite, in a temporary file
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/vagen_bench .venv/bin/python bench/openings.py

Builds its own data (the PostgreSQL database is emptied first), counts statements with a
before_cursor_execute listener and times requests through the test client."""

from datetime import date, timedelta

from harness import bench_app, counting, databases, drop_tables, each_size, host_of, repeat, signed_in
from sqlalchemy import insert

from webapp.accounts.models import Membership, Municipality, Organisation, OrganisationKind, Programme, Role, User
from webapp.extensions import db
from webapp.placements.models import (
    ADAPTATIONS,
    EmployerProfile,
    Opening,
    OpeningStatus,
    PlacementKind,
    Sector,
    opening_adaptation,
    opening_language,
)

SIZES = (100, 10_000)
URLS = [
    "/openings/",
    "/openings/?language=ar&adaptation=quiet_space",
    "/openings/?sector=social_economy&kind=internship",
    "/openings/?page=4",
]
REPEAT = 5


def build(size: int) -> int:
    """A programme with six municipalities, 50 employers and `size` openings; returns a coach's id."""
    programme = Programme(name=f"Bench {size}")
    municipalities = [Municipality(code=f"{size % 97:02d}{n:02d}", name=f"Kommun {n}") for n in range(6)]
    programme.municipalities = municipalities
    db.session.add(programme)
    db.session.flush()
    kinds = [OrganisationKind.PUBLIC_EMPLOYER, OrganisationKind.PRIVATE_COMPANY, OrganisationKind.SOCIAL_ENTERPRISE]
    sectors = [Sector.PUBLIC, Sector.PRIVATE, Sector.SOCIAL_ECONOMY]
    employers = []
    for n in range(50):
        organisation = Organisation(
            programme_id=programme.id, name=f"Employer {n}", kind=kinds[n % 3], municipality_id=municipalities[n % 6].id
        )
        db.session.add(organisation)
        db.session.flush()
        db.session.add(EmployerProfile(organisation_id=organisation.id, sector=sectors[n % 3]))
        employers.append(organisation)
    unit = Organisation(programme_id=programme.id, name="Unit", kind=OrganisationKind.LABOUR_MARKET_UNIT)
    coach = User(full_name="Coach", sign_in_name=f"coach{size}@example.org")
    coach.memberships.append(Membership(organisation=unit, role=Role.COACH))
    db.session.add(coach)
    db.session.flush()
    kinds_of_opening, statuses = list(PlacementKind), [OpeningStatus.OPEN] * 4 + [OpeningStatus.CLOSED]
    rows = [
        dict(
            organisation_id=employers[n % 50].id,
            programme_id=programme.id,
            municipality_id=employers[n % 50].municipality_id,
            kind=kinds_of_opening[n % 5],
            title=f"Opening {n}",
            tasks="Tasks " * 20,
            hours_per_week=20,
            usual_days=31,
            place="Gatan 1",
            starts_on=date(2026, 12, 1) + timedelta(days=n % 90),
            places=1,
            status=statuses[n % 5],
            written_in="sv",
        )
        for n in range(size)
    ]
    db.session.execute(insert(Opening), rows)
    ids = [i for (i,) in db.session.query(Opening.id).filter(Opening.programme_id == programme.id)]
    languages, adaptations = ["sv", "ar", "ti", "en", "so"], list(ADAPTATIONS)
    db.session.execute(
        insert(opening_language), [dict(opening_id=i, code=languages[(i + k) % 5]) for i in ids for k in range(2)]
    )
    db.session.execute(insert(opening_adaptation), [dict(opening_id=i, code=adaptations[i % 6]) for i in ids])
    db.session.commit()
    return coach.id


def measure(app, coach_id: int) -> list[tuple[str, int, float]]:
    client = signed_in(app, coach_id)
    results = []
    for url in URLS:
        with app.app_context():
            with counting() as statements:
                assert client.get(url).status_code == 200
            sample = repeat(lambda url=url: client.get(url, headers={"HX-Request": "true"}), REPEAT)
        results.append((url, len(statements), sample.median))
    return results


def run(url: str) -> None:
    app = bench_app(url)
    with app.app_context():
        db.drop_all()
        db.create_all()
    print(f"\n{host_of(url)}")
    print(f"{'openings':>9}  {'queries':>7}  {'median ms':>9}  url")
    for size, (page, queries, ms) in each_size(app, SIZES, build, measure):
        print(f"{size:>9}  {queries:>7}  {ms:>9.1f}  {page}")
    drop_tables(app)


def main() -> None:
    for _label, url in databases():
        run(url)


if __name__ == "__main__":
    main()
