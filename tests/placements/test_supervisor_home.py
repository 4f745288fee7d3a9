"""The placements card on the supervisor's home: the placements the person supervises and,
for an organisation admin, every placement at their employers; ended ones left out."""

import re
from datetime import timedelta

from webapp.accounts.models import Membership, OrganisationKind, Role
from webapp.extensions import db
from webapp.timeutil import local_today

from ..conftest import counting
from ..factories import make_organisation, make_placement, make_user


def _placements_card(page) -> str:
    return page.text.split('id="placements-home"', 1)[1].split("</section>", 1)[0]


def _reading_placements(statements) -> list[str]:
    return [s for s in statements if re.search(r"\bFROM placement\b", s) and "placement.title" in s]


def test_an_organisation_admin_sees_every_running_placement_at_their_employer(client, sign_in):
    today = local_today()
    employer = make_organisation(kind=OrganisationKind.PRIVATE_COMPANY)
    elsewhere = make_organisation(kind=OrganisationKind.PRIVATE_COMPANY)
    admin = make_user(Role.SUPERVISOR, employer, full_name="Ada Admin")
    admin.memberships.append(Membership(organisation=employer, role=Role.ORGANISATION_ADMIN))
    colleague = make_user(Role.SUPERVISOR, employer)
    stranger = make_user(Role.SUPERVISOR, elsewhere)
    db.session.commit()
    starts = today - timedelta(days=30)
    make_placement(
        supervisor=admin,
        starts_on=starts + timedelta(days=2),
        participant=make_user(Role.PARTICIPANT, full_name="Olle Andersson"),
    )
    make_placement(
        supervisor=colleague,
        starts_on=starts + timedelta(days=1),
        participant=make_user(Role.PARTICIPANT, full_name="Cecilia Berg"),
    )
    make_placement(
        supervisor=admin,
        starts_on=starts,
        ends_on=today - timedelta(days=1),
        participant=make_user(Role.PARTICIPANT, full_name="Edvin Ek"),
    )
    make_placement(
        supervisor=stranger, starts_on=starts, participant=make_user(Role.PARTICIPANT, full_name="Frida Falk")
    )
    sign_in(admin)
    card = _placements_card(client.get("/home/supervisor"))
    assert re.findall(r"<strong><bdi>([^<]+)</bdi>", card) == ["Cecilia", "Olle"]


def test_a_supervisors_placements_are_read_once_for_the_whole_home_page(client, sign_in):
    supervisor = make_user(Role.SUPERVISOR, make_organisation(kind=OrganisationKind.PRIVATE_COMPANY))
    for name in ("Anna", "Berit", "Cilla"):
        make_placement(supervisor=supervisor, participant=make_user(Role.PARTICIPANT, full_name=f"{name} Svensson"))
    sign_in(supervisor)
    with counting() as statements:
        page = client.get("/home/supervisor")
    assert re.findall(r"<strong><bdi>([^<]+)</bdi>", _placements_card(page)) == ["Anna", "Berit", "Cilla"]
    # The weeks to confirm and the placements card share one read of the placements.
    assert len(_reading_placements(statements)) == 1
