"""`flask seed-demo`: the reference programme with people in every role. Safe to run twice."""

import click
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..accounts.models import Membership, Municipality, Organisation, OrganisationKind, Programme, Role, User
from ..attendance import demo as attendance_demo
from ..auth.passwords import hash_password
from ..catalogue import demo as catalogue_demo
from ..enrolment import demo as enrolment_demo
from ..extensions import db
from ..feedback import demo as feedback_demo
from ..placements import demo as placements_demo
from ..plans import demo as plans_demo
from ..results import targets as results_targets
from ..transaction import unit_of_work

DEMO_PASSWORD = "vagen-demo-2026"  # demo data only; printed and listed in the README

PROGRAMME = ("Strategisk samverkan i Skåne Nordost", "2017/00126")
MUNICIPALITIES = [
    ("1272", "Bromölla"),
    ("1293", "Hässleholm"),
    ("1266", "Hörby"),
    ("1290", "Kristianstad"),
    ("1273", "Osby"),
    ("1256", "Östra Göinge"),
]
# (name, kind, municipality code)
ORGANISATIONS = [
    ("Arbetsmarknadsenheten Hässleholm", OrganisationKind.LABOUR_MARKET_UNIT, "1293"),
    ("Arbetsförmedlingen Skåne Nordost", OrganisationKind.EMPLOYMENT_SERVICE, "1290"),
    ("Ekonomiskt bistånd Hässleholm", OrganisationKind.WELFARE_OFFICE, "1293"),
    ("Kristianstads kommun, Vård och omsorg", OrganisationKind.PUBLIC_EMPLOYER, "1290"),
    ("Nordost Bygg & Fastighet AB", OrganisationKind.PRIVATE_COMPANY, "1293"),
    ("Kvarnen Återbruk ekonomisk förening", OrganisationKind.SOCIAL_ENTERPRISE, "1256"),
    ("Föreningen Mötesplats Osby", OrganisationKind.ASSOCIATION, "1273"),
]
LMU, _, WELFARE, CARE, BUILD, REUSE, ASSOC = (o[0] for o in ORGANISATIONS)
# (full name, called, sign-in name, language, [(organisation, role)])
STAFF = [
    ("Lena Persson", None, "lena.persson@example.org", "sv", [(LMU, Role.PROGRAMME_ADMIN)]),
    ("Mats Ohlsson", None, "mats.ohlsson@example.org", "sv", [(LMU, Role.ORGANISATION_ADMIN)]),
    ("Sara Lindqvist", None, "sara.lindqvist@example.org", "sv", [(LMU, Role.COACH)]),
    ("Yusuf Haddad", None, "yusuf.haddad@example.org", "ar", [(LMU, Role.COACH)]),
    ("Eva Holm", None, "eva.holm@example.org", "sv", [(CARE, Role.SUPERVISOR)]),
    ("Nils Åberg", None, "nils.aberg@example.org", "sv", [(BUILD, Role.SUPERVISOR)]),
    (
        "Maria Johansson",
        None,
        "maria.johansson@example.org",
        "sv",
        [(REUSE, Role.SUPERVISOR), (REUSE, Role.ORGANISATION_ADMIN)],
    ),
    ("Ahmed Saleh", None, "ahmed.saleh@example.org", "ar", [(ASSOC, Role.ORGANISATION_ADMIN)]),
    # A social worker of the welfare office, who joins participants' teams (issue 18).
    ("Elin Ek", None, "elin.ek@example.org", "sv", [(WELFARE, Role.COACH)]),
]
PARTICIPANTS = [
    ("أمينة حسن", "Amina", "10000001", "ar"),
    ("عمر خليل", "Omar", "10000002", "ar"),
    ("ሰምሃር ተስፋይ", "Semhar", "10000003", "ti"),
    ("ዳዊት ገብረመድህን", "Dawit", "10000004", "ti"),
    ("Karin Nilsson", None, "10000005", "sv"),
    ("Johan Berg", None, "10000006", "sv"),
]


def get_or_create(model, lookup: dict, **values):
    found = db.session.scalar(select(model).filter_by(**lookup))
    if found is None:
        found = model(**lookup, **values)
        db.session.add(found)
        db.session.flush()
    return found


def demo_people(people, organisations) -> list[User]:
    """The demo people, each (full name, called, sign-in name, language, [(organisation, role)]),
    made if missing and given the memberships they lack. Who exists, and in which roles, is
    asked for all of them at once (two queries), and their memberships stay loaded for the
    seeds that follow."""
    names = [sign_in_name for _, _, sign_in_name, _, _ in people]
    found = {
        user.sign_in_name: user
        for user in db.session.scalars(
            select(User).options(selectinload(User.memberships)).where(User.sign_in_name.in_(names))
        )
    }
    users = []
    for full_name, called, sign_in_name, language, roles in people:
        user = found.get(sign_in_name)
        if user is None:
            user = User(
                sign_in_name=sign_in_name,
                full_name=full_name,
                short_name=called,
                email=sign_in_name if "@" in sign_in_name else None,
                preferred_language=language,
                password_hash=hash_password(DEMO_PASSWORD),
                memberships=[],
            )
            db.session.add(user)
        held = {(m.organisation_id, m.role) for m in user.memberships}
        for organisation_name, role in roles:
            organisation = organisations[organisation_name]
            if (organisation.id, role) not in held:
                user.memberships.append(Membership(organisation=organisation, role=role))
        users.append(user)
    db.session.flush()
    return users


def seed_demo() -> list[tuple[Role, User]]:
    """Create what is missing of the demo data and return the demo sign-ins."""
    municipalities = {code: get_or_create(Municipality, {"code": code}, name=name) for code, name in MUNICIPALITIES}
    programme = get_or_create(Programme, {"name": PROGRAMME[0]}, esf_project_number=PROGRAMME[1])
    for municipality in municipalities.values():
        if municipality not in programme.municipalities:
            programme.municipalities.append(municipality)
    organisations = {
        name: get_or_create(
            Organisation,
            {"programme_id": programme.id, "name": name},
            kind=kind,
            municipality_id=municipalities[code].id,
        )
        for name, kind, code in ORGANISATIONS
    }
    people = STAFF + [(*person, [(LMU, Role.PARTICIPANT)]) for person in PARTICIPANTS]
    users = demo_people(people, organisations)
    sign_ins = [(roles[0][1], user) for (*_, roles), user in zip(people, users, strict=True)]
    sign_ins += catalogue_demo.seed(programme)
    enrolment_demo.seed()
    results_targets.seed_reference(programme)
    db.session.flush()
    plans_demo.seed()
    placements_demo.seed()
    feedback_demo.seed()
    attendance_demo.seed()
    return sign_ins


@click.command("seed-demo")
@unit_of_work
def seed_demo_command():
    """Create the demo programme and print one sign-in per line: role, name, password."""
    for role, user in seed_demo():
        click.echo(f"{role.value}\t{user.sign_in_name}\t{DEMO_PASSWORD}")
