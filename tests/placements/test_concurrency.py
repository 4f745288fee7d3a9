"""Two admins accept the same proposal at the same moment: one placement, one clear answer.
Runs on a database of the suite's engine that threads can really share (a SQLite file, or a
fresh PostgreSQL schema), since the in-memory SQLite of the suite is a single connection."""
import threading
import uuid
from datetime import date, time

import pytest
from sqlalchemy import create_engine, func, select, text

from webapp import create_app
from webapp.accounts.models import Role, User
from webapp.config import TestConfig
from webapp.extensions import db
from webapp.transaction import unit_of_work
from webapp.placements import matching
from webapp.placements.models import Placement, ProposalState

from ..factories import make_proposal, make_user


@pytest.fixture
def shared_app(app, tmp_path):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    schema = None
    if url.startswith("postgresql"):
        schema = f"race_{uuid.uuid4().hex[:12]}"
        admin = create_engine(url)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        shared = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    else:
        shared = f"sqlite:///{tmp_path / 'race.db'}"

    class SharedConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = shared

    racing = create_app(SharedConfig)
    with racing.app_context():
        db.create_all()
    yield racing
    with racing.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    if schema:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def test_two_acceptances_at_the_same_moment_make_one_placement(shared_app):
    with shared_app.app_context():
        proposal = make_proposal(state=ProposalState.INTERESTED)
        admins = [make_user(Role.ORGANISATION_ADMIN, proposal.opening.organisation).id for _ in range(2)]
        proposal_id = proposal.id
    start = threading.Barrier(2)
    outcomes = []

    def accept(admin_id):
        with shared_app.app_context():
            admin = db.session.get(User, admin_id)
            matching.proposal_for_employer(admin, proposal_id)
            start.wait()
            try:
                unit_of_work(matching.accept)(admin, proposal_id, date(2026, 12, 7), None, [(0, time(8), time(12))])
                outcomes.append("accepted")
            except matching.AlreadyDecided:
                outcomes.append("already")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=(admin_id,)) for admin_id in admins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["accepted", "already"]
    with shared_app.app_context():
        assert db.session.scalar(select(func.count(Placement.id))) == 1
