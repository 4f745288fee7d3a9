"""`flask seed-scale`: a national-scale programme for benchmarks and demos.

    flask seed-scale                          # 100,000 participants, 2,500 coaches, ...
    flask seed-scale --participants 10000     # the rest scales down with it

Rows go in with bulk inserts (lists of dicts, ids chosen here so nothing is read back),
in chunks so memory stays flat. Three demo people carry realistic loads and are printed
with their sign-in names: a coach with 40 participants, a supervisor with 25 placed
participants (weeks to confirm among them) and one of those participants."""

from datetime import timedelta

import click
from sqlalchemy import select, text

from ..accounts.models import (
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    Programme,
    Role,
    User,
    programme_municipality,
)
from ..auth.passwords import hash_password
from ..catalogue.models import Activity
from ..enrolment.models import Education, Enrolment, Gender, LabourStatus, Phase
from ..extensions import db
from ..placements.models import (
    EmployerProfile,
    Opening,
    Placement,
    PlacementDay,
    PlacementKind,
    Sector,
)
from ..plans.models import Category as StepCategory
from ..plans.models import Doer, Goal, Step
from ..plans.models import Status as StepStatus
from ..ratings.models import SelfRating
from ..timeutil import local_today, utcnow
from ..transaction import unit_of_work
from ..week import monday_of
from .dates import SCHEDULE
from .scale_data import (
    DEMO_COACH,
    DEMO_SUPERVISOR,
    LANGUAGES,
    bulk_insert,
    next_id,
    person_name,
    reset_sequences,
)
from .scale_parts import write_attendance, write_catalogue
from .seed import DEMO_PASSWORD


def seed_scale(participants: int, coaches: int, employers: int, placements: int, echo=print) -> dict:
    """Build the programme; returns the demo sign-in names by role."""
    if db.session.scalar(select(User.id).where(User.sign_in_name == DEMO_COACH)) is not None:
        raise click.ClickException("This database already has a national-scale programme (see its demo coach).")
    tag = f"{participants}-{utcnow():%Y%m%d%H%M%S}"
    now, today = utcnow(), local_today()
    this_monday = monday_of(today)
    password = hash_password(DEMO_PASSWORD)
    programme = Programme(name=f"Vägen nationellt {tag}")
    db.session.add(programme)
    db.session.flush()
    next_municipality = next_id(Municipality)
    municipality_ids = list(range(next_municipality, next_municipality + 30))
    bulk_insert(Municipality, ({"id": m, "code": f"S{m:05d}", "name": f"Kommun {m}"} for m in municipality_ids))
    db.session.execute(
        programme_municipality.insert(),
        [{"programme_id": programme.id, "municipality_id": m} for m in municipality_ids],
    )

    # Organisations: a labour-market unit per 25 coaches, then the employers.
    units = max(1, coaches // 25)
    first_org = next_id(Organisation)
    unit_ids = list(range(first_org, first_org + units))
    employer_ids = list(range(first_org + units, first_org + units + employers))
    kinds = [
        OrganisationKind.PUBLIC_EMPLOYER,
        OrganisationKind.PRIVATE_COMPANY,
        OrganisationKind.SOCIAL_ENTERPRISE,
        OrganisationKind.ASSOCIATION,
    ]
    bulk_insert(
        Organisation,
        (
            {
                "id": o,
                "programme_id": programme.id,
                "name": f"Arbetsmarknadsenhet {o}",
                "kind": OrganisationKind.LABOUR_MARKET_UNIT,
                "municipality_id": municipality_ids[o % 30],
            }
            for o in unit_ids
        ),
    )
    bulk_insert(
        Organisation,
        (
            {
                "id": o,
                "programme_id": programme.id,
                "name": f"Arbetsgivare {o} AB",
                "kind": kinds[o % 4],
                "municipality_id": municipality_ids[o % 30],
            }
            for o in employer_ids
        ),
    )
    sectors = [Sector.PUBLIC, Sector.PRIVATE, Sector.SOCIAL_ECONOMY, Sector.SOCIAL_ECONOMY]
    bulk_insert(
        EmployerProfile,
        (
            {
                "organisation_id": o,
                "sector": sectors[o % 4],
                "municipality_id": municipality_ids[o % 30],
                "updated_at": now,
            }
            for o in employer_ids
        ),
    )
    echo(f"organisations: {units} units, {employers} employers")

    # People: coaches, one supervisor per four placements (at least one), participants.
    supervisors = max(1, placements // 4)
    first_user = next_id(User)
    coach_ids = list(range(first_user, first_user + coaches))
    supervisor_ids = list(range(coach_ids[-1] + 1, coach_ids[-1] + 1 + supervisors))
    participant_ids = list(range(supervisor_ids[-1] + 1, supervisor_ids[-1] + 1 + participants))
    demo_coach, demo_supervisor, demo_participant = coach_ids[0], supervisor_ids[0], participant_ids[0]

    def user(uid, name, sign_in, language, email=None):
        demo = uid in (demo_coach, demo_supervisor, demo_participant)
        return {
            "id": uid,
            "full_name": name,
            "sign_in_name": sign_in,
            "email": email,
            "preferred_language": language,
            "password_hash": password if demo else None,
            "active": True,
            "created_at": now,
        }

    def staff(uid, demo_id, demo_sign_in, kind):
        """A coach or supervisor: the demo one signs in with a known name and e-mail."""
        if uid == demo_id:
            return user(uid, person_name(uid), demo_sign_in, "sv", demo_sign_in)
        return user(uid, person_name(uid), f"{kind}{uid}.{tag}@example.org", "sv")

    bulk_insert(User, (staff(u, demo_coach, DEMO_COACH, "coach") for u in coach_ids))
    bulk_insert(User, (staff(u, demo_supervisor, DEMO_SUPERVISOR, "supervisor") for u in supervisor_ids))
    bulk_insert(User, (user(u, person_name(u), f"{u:08d}", LANGUAGES[u % 4]) for u in participant_ids))
    coach_unit = {c: unit_ids[i % units] for i, c in enumerate(coach_ids)}
    supervisor_employer = {s: employer_ids[i % employers] for i, s in enumerate(supervisor_ids)}
    # Participant i has coach i // 40 (wrapping): the demo coach gets the first 40.
    coach_of = {p: coach_ids[(i // 40) % coaches] for i, p in enumerate(participant_ids)}
    bulk_insert(Membership, ({"user_id": c, "organisation_id": coach_unit[c], "role": Role.COACH} for c in coach_ids))
    bulk_insert(
        Membership,
        ({"user_id": s, "organisation_id": o, "role": Role.SUPERVISOR} for s, o in supervisor_employer.items()),
    )
    bulk_insert(
        Membership,
        ({"user_id": p, "organisation_id": coach_unit[coach_of[p]], "role": Role.PARTICIPANT} for p in participant_ids),
    )
    echo(f"people: {coaches} coaches, {supervisors} supervisors, {participants} participants")

    phases, genders = list(Phase), list(Gender)
    educations, statuses = list(Education), list(LabourStatus)
    bulk_insert(
        Enrolment,
        (
            {
                "participant_id": p,
                "organisation_id": coach_unit[coach_of[p]],
                "responsible_coach_id": coach_of[p],
                "municipality_id": municipality_ids[p % 30],
                "gender": genders[p % 4],
                "birth_year": 1960 + p % 45,
                "education": educations[p % 3],
                "labour_status": statuses[p % 6],
                "newly_arrived": p % 3 == 0,
                "starts_on": today - timedelta(days=p % 700),
                "consent_on": today - timedelta(days=p % 700),
                "consent_purpose": "Stöd mot arbete",
                "phase": phases[p % 7],
                "last_contact_on": today - timedelta(days=p % 60),
                "created_at": now,
            }
            for p in participant_ids
        ),
    )
    first_goal = next_id(Goal)
    bulk_insert(
        Goal,
        (
            {
                "id": first_goal + i,
                "participant_id": p,
                "title": "Ett arbete inom vården",
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for i, p in enumerate(participant_ids)
        ),
    )
    bulk_insert(
        Step,
        (
            {
                "goal_id": first_goal + i,
                "participant_id": p,
                "title": f"Steg {k + 1}",
                "category": StepCategory.OTHER,
                "due_on": today + timedelta(days=k * 5 - 3),
                "status": StepStatus.PLANNED,
                "doer": Doer.PARTICIPANT,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for i, p in enumerate(participant_ids)
            for k in range(3)
        ),
    )
    bulk_insert(
        SelfRating,
        (
            {
                "participant_id": p,
                "rated_at": now - timedelta(days=d),
                "work": 5,
                "health": 6,
                "confidence": 4,
                "swedish": 3,
            }
            for p in participant_ids
            for d in (40, 5)
        ),
    )
    echo("enrolments, plans and self-ratings")

    # Placements: the demo supervisor has the first 25 (placed participants spread over
    # coaches); the rest go round the other supervisors. Each began 4 to 52 weeks ago.
    placed = participant_ids[:: max(1, participants // placements)][:placements]
    first_placement = next_id(Placement)
    rows = []
    for i, p in enumerate(placed):
        supervisor = demo_supervisor if i < 25 else supervisor_ids[1 + i % max(1, supervisors - 1)]
        weeks = 4 + (i * 7) % 49
        rows.append(
            {
                "id": first_placement + i,
                "participant_id": p,
                "organisation_id": supervisor_employer[supervisor],
                "supervisor_id": supervisor,
                "kind": list(PlacementKind)[i % len(PlacementKind)],
                "title": "Lager och logistik",
                "place": "Industrigatan 4",
                "starts_on": this_monday - timedelta(weeks=weeks),
                "ends_on": this_monday + timedelta(weeks=12 + i % 20),
                "created_at": now,
            }
        )
    bulk_insert(Placement, rows)
    bulk_insert(
        PlacementDay,
        ({"placement_id": r["id"], "weekday": d, "starts_at": a, "ends_at": b} for r in rows for d, a, b in SCHEDULE),
    )
    echo(f"placements: {len(rows)}")
    weeks, days = write_attendance(rows, this_monday, now)
    echo(f"attendance: {weeks} weeks, {days} days")
    write_catalogue(programme, unit_ids, employer_ids, municipality_ids, coach_ids, participants, today, now)
    reset_sequences(Municipality, Organisation, User, Goal, Placement, Activity, Opening)
    return {Role.COACH: DEMO_COACH, Role.SUPERVISOR: DEMO_SUPERVISOR, Role.PARTICIPANT: f"{demo_participant:08d}"}


@click.command("seed-scale")
@click.option("--participants", default=100_000, show_default=True)
@click.option("--coaches", default=None, type=int, help="default: one per 40 participants")
@click.option("--employers", default=None, type=int, help="default: one per 20 participants")
@click.option("--placements", default=None, type=int, help="default: one per 5 participants")
@unit_of_work
def seed_scale_command(participants, coaches, employers, placements):
    """Build a national-scale programme and print the demo sign-ins: role, name, password."""
    coaches = coaches or max(1, participants // 40)
    employers = employers or max(1, participants // 20)
    placements = placements or max(25, participants // 5)
    sign_ins = seed_scale(participants, coaches, employers, placements, echo=lambda m: click.echo(m, err=True))
    # The planner's sizes for what was just loaded (a server without autovacuum, as on the
    # test machines, would plan tables of 100,000 rows as a few hundred).
    db.session.execute(text("ANALYZE"))
    for role, name in sign_ins.items():
        click.echo(f"{role.value}\t{name}\t{DEMO_PASSWORD}")
