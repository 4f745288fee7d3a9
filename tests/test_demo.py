"""`flask seed-demo`: the reference programme, every role, no duplicates on a second run."""

from sqlalchemy import func, select

from webapp.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from webapp.extensions import db


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
