"""The caseload at 50 and 5,000 participants: queries per request and time.

    .venv/bin/python bench/caseload.py            # a temporary SQLite file
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench .venv/bin/python bench/caseload.py

The query count must be the same at both sizes (one query for the page of rows, one count,
plus the fixed cost of the signed-in coach and the filter's municipality list)."""

from datetime import date, timedelta

from harness import app_per_size, bench_database_url, programme_with_unit, repeat, signed_in

from webapp.accounts.models import Membership, Role, User
from webapp.enrolment.models import PHASES, Education, Enrolment, Gender, LabourStatus, PhaseChange
from webapp.extensions import db

SIZES = (50, 5_000)
REQUESTS = {
    "first page": "/home/coach",
    "sorted by phase": "/home/coach?sort=phase&show=all",
    "search + filter": "/home/coach?q=person 4&phase=health&language=ar",
    "last page (htmx)": "/home/coach?sort=contact&page=10000",
}
RUNS = 7


def build(size: int) -> int:
    """A programme, one coach, `size` enrolled participants (plus a colleague's, not visible)."""
    places, organisation = programme_with_unit()
    coach = User(full_name="Coach", sign_in_name="coach@example.org", email="coach@example.org")
    other = User(full_name="Other", sign_in_name="other@example.org", email="other@example.org")
    for person in (coach, other):
        person.memberships.append(Membership(organisation=organisation, role=Role.COACH))
    db.session.add_all([coach, other])
    db.session.flush()
    for n in range(size + size // 10):
        mine = n < size
        participant = User(
            full_name=f"Person {n}",
            sign_in_name=f"{20_000_000 + n}",
            preferred_language=("sv", "ar", "ti", "en")[n % 4],
        )
        participant.memberships.append(Membership(organisation=organisation, role=Role.PARTICIPANT))
        phase = PHASES[n % 7]
        starts = date(2026, 1, 1) + timedelta(days=n % 300)
        enrolment = Enrolment(
            participant=participant,
            organisation=organisation,
            responsible_coach=coach if mine else other,
            municipality=places[n % 6],
            gender=(Gender.WOMAN, Gender.MAN)[n % 2],
            birth_year=1960 + n % 45,
            education=Education.ISCED_0_2,
            labour_status=LabourStatus.UNEMPLOYED_LONG,
            newly_arrived=n % 3 == 0,
            starts_on=starts,
            consent_on=starts,
            consent_purpose="Bench",
            phase=phase,
            last_contact_on=starts + timedelta(days=n % 40),
        )
        enrolment.phase_changes.append(PhaseChange(to_phase=phase, changed_on=starts, changed_by=coach))
        db.session.add(enrolment)
        if n % 1000 == 999:
            db.session.flush()
    coach_id = coach.id
    db.session.commit()
    return coach_id


def measure(app, coach_id: int) -> dict:
    client = signed_in(app, coach_id)
    results = {}
    for label, url in REQUESTS.items():
        headers = {"HX-Request": "true"} if "htmx" in label else {}

        def get(url=url, headers=headers):
            with app.app_context():
                return client.get(url, headers=headers)

        sample = repeat(get, RUNS)
        results[label] = (sample.queries, sample.median)
    return results


def main() -> None:
    url = bench_database_url()
    table = {}
    for size, app in app_per_size(SIZES):
        coach_id = build(size)
        table[size] = measure(app, coach_id)
    engine = "PostgreSQL" if url else "SQLite"
    print(f"Caseload on {engine} (median of {RUNS} requests; queries per request)")
    print(f"{'request':<20}" + "".join(f"{f'{size} q':>10}{f'{size} ms':>11}" for size in SIZES))
    for label in REQUESTS:
        print(f"{label:<20}" + "".join(f"{table[s][label][0]:>10}{table[s][label][1]:>11.1f}" for s in SIZES))
    grows = [label for label in REQUESTS if table[SIZES[0]][label][0] != table[SIZES[-1]][label][0]]
    print("query count grows with the data: " + (", ".join(grows) if grows else "no"))
    if grows:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
