"""`flask seed-demo`: the reference programme, every role, no duplicates on a second run."""

import re

from sqlalchemy import func, select

from webapp.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from webapp.demo import seed
from webapp.extensions import db

from .conftest import counting, empty_database


def test_seed_demo_prints_sign_ins_and_can_run_twice(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    counts = (db.session.scalar(select(func.count(User.id))), db.session.scalar(select(func.count(Membership.id))))
    second = runner.invoke(args=["seed-demo"])
    assert second.output == first.output
    assert (
        db.session.scalar(select(func.count(User.id))),
        db.session.scalar(select(func.count(Membership.id))),
    ) == counts

    rows = [line.split("\t") for line in first.output.strip().splitlines()]
    assert all(len(row) == 3 for row in rows)
    assert {row[0] for row in rows} == {role.value for role in Role}
    participants = db.session.scalars(select(User).join(Membership).where(Membership.role == Role.PARTICIPANT)).all()
    assert {"ar", "ti"} <= {p.preferred_language for p in participants}
    kinds = set(db.session.scalars(select(Organisation.kind)))
    assert {
        OrganisationKind.PUBLIC_EMPLOYER,
        OrganisationKind.PRIVATE_COMPANY,
        OrganisationKind.SOCIAL_ENTERPRISE,
    } <= kinds


def test_demo_sign_ins_work(app):
    runner = app.test_cli_runner()
    role, name, password = runner.invoke(args=["seed-demo"]).output.splitlines()[-1].split("\t")
    client = app.test_client()
    response = client.post("/sign-in", data={"sign_in_name": name, "password": password})
    assert response.status_code == 303


def test_the_seed_asks_for_memberships_as_often_for_six_participants_as_for_two(app, monkeypatch):
    """Who exists already, and in which roles, is asked for all the demo people at once, on
    the first run as on the second, not once per person."""
    everyone = seed.PARTICIPANTS

    def membership_queries(participants: int) -> list[int]:
        monkeypatch.setattr(seed, "PARTICIPANTS", everyone[:participants])
        runs = []
        for _ in range(2):
            db.session.expunge_all()  # each run starts with nobody loaded, as the command does
            with counting() as statements:
                seed.seed_demo()
            db.session.commit()
            runs.append(len([s for s in statements if re.search(r"^\s*SELECT\b.*\bFROM membership\b", s, re.S)]))
        empty_database()
        return runs

    assert membership_queries(2) == membership_queries(6)
