"""The results page and the exports at 1,000 and 100,000 participants: queries per request and time.

    .venv/bin/python bench/results.py                 # 1,000 and 100,000, a temporary SQLite file
    .venv/bin/python bench/results.py 200 2000        # other sizes
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench .venv/bin/python bench/results.py

Every figure is a SQL aggregate: the query count must be the same at every size. A signed-in
session notes "last seen" once a minute (auth/devices.py, one UPDATE on its own connection);
each request is counted as one made within that minute, so a slow request before it does not
add that write to its count (it did: at 100,000 the requests took over a minute, and the
requests that followed asked one query more)."""

import os
import sys
import time
from datetime import date, timedelta

from harness import app_per_size, bench_database_url, programme_with_unit, repeat, signed_in
from sqlalchemy import insert, select, text, update

from webapp.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from webapp.auth.models import UserSession
from webapp.enrolment.models import PHASES, Education, Enrolment, ExitOutcome, Gender, LabourStatus, PhaseChange
from webapp.extensions import db
from webapp.placements.models import Placement, PlacementKind
from webapp.results.models import Closer, Occasion, Support, SurveyAnswer
from webapp.results.targets import REFERENCE_TARGETS, set_targets
from webapp.timeutil import utcnow

REQUESTS = {
    "results page": "/results",
    "results, a period": "/results?start=2026-03-01&end=2026-06-30",
    "results XLSX": "/results/export.xlsx",
    "results CSV": "/results/export.csv",
    "file XLSX (month)": "/results/participant-file/2026-05.xlsx",
    "file CSV (month)": "/results/participant-file/2026-05.csv",
}
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
CHUNK = 5_000


def _chunks(rows):
    for i in range(0, len(rows), CHUNK):
        yield rows[i : i + CHUNK]


def build(size: int) -> int:
    """A programme with `size` participants: entry data, phases, exits, placements, surveys."""
    places, unit = programme_with_unit()
    programme = unit.programme
    employer = Organisation(
        programme=programme, name="Employer", kind=OrganisationKind.PRIVATE_COMPANY, municipality=places[1]
    )
    admin = User(full_name="Admin", sign_in_name="admin@example.org", email="admin@example.org")
    admin.memberships.append(Membership(organisation=unit, role=Role.PROGRAMME_ADMIN))
    coach = User(full_name="Coach", sign_in_name="coach@example.org", email="coach@example.org")
    coach.memberships.append(Membership(organisation=unit, role=Role.COACH))
    db.session.add_all([admin, coach, employer])
    db.session.flush()
    set_targets(programme, REFERENCE_TARGETS)
    first_id = (db.session.scalar(select(db.func.max(User.id))) or 0) + 1
    users = [{"id": first_id + n, "full_name": f"Person {n}", "sign_in_name": f"{30_000_000 + n}"} for n in range(size)]
    for chunk in _chunks(users):
        db.session.execute(insert(User), chunk)
    for chunk in _chunks([{"user_id": u["id"], "organisation_id": unit.id, "role": Role.PARTICIPANT} for u in users]):
        db.session.execute(insert(Membership), chunk)
    enrolments, changes, placements, surveys = [], [], [], []
    genders = list(Gender)
    for n, user in enumerate(users):
        starts = date(2026, 1, 1) + timedelta(days=n % 300)
        phase = PHASES[n % 7]
        exited = starts + timedelta(days=60) if n % 5 == 0 else None
        enrolments.append(
            {
                "id": n + 1,
                "participant_id": user["id"],
                "organisation_id": unit.id,
                "responsible_coach_id": coach.id,
                "municipality_id": places[n % 6].id,
                "gender": genders[n % 4],
                "birth_year": 1960 + n % 45,
                "education": list(Education)[n % 3],
                "labour_status": list(LabourStatus)[n % 6],
                "newly_arrived": False,
                "starts_on": starts,
                "consent_on": starts,
                "consent_purpose": "Bench",
                "phase": phase,
                "last_contact_on": starts,
                "exited_on": exited,
                "exit_outcome": (ExitOutcome.WORK, ExitOutcome.STUDIES)[n % 2] if exited else None,
            }
        )
        changes.append({"enrolment_id": n + 1, "from_phase": None, "to_phase": PHASES[0], "changed_on": starts})
        if phase is not PHASES[0]:
            changes.append(
                {
                    "enrolment_id": n + 1,
                    "from_phase": PHASES[0],
                    "to_phase": phase,
                    "changed_on": starts + timedelta(days=10 + n % 20),
                }
            )
        if n % 3 == 0:
            placements.append(
                {
                    "participant_id": user["id"],
                    "organisation_id": employer.id,
                    "kind": PlacementKind.WORK_TRIAL,
                    "title": "Lager",
                    "starts_on": starts + timedelta(days=20),
                    "ends_on": starts + timedelta(days=80),
                }
            )
        if n % 4 == 0:
            surveys.append(
                {
                    "participant_id": user["id"],
                    "programme_id": programme.id,
                    "occasion": Occasion.QUARTER,
                    "closer": list(Closer)[n % 3],
                    "support": Support.GOOD,
                    "text": "",
                    "answered_on": starts + timedelta(days=90),
                }
            )
    for model, rows in (
        (Enrolment, enrolments),
        (PhaseChange, changes),
        (Placement, placements),
        (SurveyAnswer, surveys),
    ):
        for chunk in _chunks(rows):
            db.session.execute(insert(model), chunk)
    admin_id = admin.id
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # What autovacuum does soon after a load this size (this machine's server runs without
        # it): the planner's row counts. Without them it plans 100,000 rows as a few hundred.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))
    return admin_id


def measure(app, admin_id: int) -> dict:
    """{request: (most queries, median ms, first quartile, third quartile)}. The session is
    marked as seen before each request, as if the previous one had come a moment ago: its
    once-a-minute "last seen" write is not the page's cost and would make the count depend on
    how long the requests before took."""
    client = signed_in(app, admin_id)
    engine = db.engine

    def seen_just_now():
        with app.app_context():
            db.session.execute(update(UserSession).values(last_seen_at=utcnow()))
            db.session.commit()

    results = {}
    for label, url in REQUESTS.items():

        def get(url=url):
            with app.app_context():
                return client.get(url)

        sample = repeat(get, RUNS, engine, before=seen_just_now)
        results[label] = (sample.queries, sample.median, *sample.quartiles)
    return results


def main() -> None:
    sizes = tuple(int(a) for a in sys.argv[1:]) or (1_000, 100_000)
    url = bench_database_url()
    table, loads = {}, {}
    for size, app in app_per_size(sizes):
        started = time.perf_counter()
        admin_id = build(size)
        print(f"built {size} participants in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        loads[size] = os.getloadavg()
        table[size] = measure(app, admin_id)
    engine = "PostgreSQL" if url else "SQLite"
    print(f"Results on {engine} (median of {RUNS} requests [interquartile range] ms; queries per request)")
    print(f"{'request':<20}" + "".join(f"{f'{size} q':>10}{f'{size} ms':>22}" for size in sizes))
    for label in REQUESTS:
        cells = "".join(
            f"{queries:>10}{median:>9.1f} [{low:.0f}-{high:.0f}]".ljust(32)
            for queries, median, low, high in (table[s][label][:4] for s in sizes)
        )
        print(f"{label:<20}{cells}")
    # The machine is shared: the load beside the figures says how much they can be trusted.
    print(
        "load average (1, 5, 15 min) at the start of each size's requests: "
        + "; ".join(f"{size}: " + ", ".join(f"{v:.2f}" for v in loads[size]) for size in sizes)
        + "; at the end: "
        + ", ".join(f"{v:.2f}" for v in os.getloadavg())
    )
    grows = [label for label in REQUESTS if len({table[s][label][0] for s in sizes}) > 1]
    print("query count grows with the data: " + (", ".join(grows) if grows else "no"))
    if grows:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
