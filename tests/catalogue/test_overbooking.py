"""Two providers' staff accept the last place at the same moment: only one gets it.

Real threads with their own connections: PostgreSQL when the suite runs on it, otherwise a
SQLite file (the in-memory database shares one connection between threads)."""

import threading

import pytest
from sqlalchemy import select

from webapp import create_app
from webapp.catalogue import services
from webapp.catalogue.models import Activity, Referral, ReferralStatus
from webapp.config import TestConfig
from webapp.extensions import db
from webapp.transaction import unit_of_work

from ..factories import make_activity, make_referral


@pytest.fixture
def threaded_app(app, tmp_path):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        yield app
        return

    class FileConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'threads.db'}"

    file_app = create_app(FileConfig)
    with file_app.app_context():
        db.create_all()
    yield file_app
    with file_app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_two_acceptances_cannot_overbook(threaded_app):
    with threaded_app.app_context():
        activity = make_activity(places=1, places_free=1)
        ids = [make_referral(activity).id for _ in range(4)]
        activity_id = activity.id
        db.session.remove()
    start = threading.Barrier(len(ids))
    outcomes = []

    def accept(referral_id):
        with threaded_app.app_context():
            referral = db.session.get(Referral, referral_id)
            start.wait()
            try:
                unit_of_work(services.decide)(referral, ReferralStatus.ACCEPTED)
                outcomes.append("accepted")
            except services.Full:
                outcomes.append("full")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "full", "full", "full"]
    with threaded_app.app_context():
        assert db.session.scalar(select(Activity.places_free).where(Activity.id == activity_id)) == 0
        accepted = db.session.scalars(select(Referral).where(Referral.status == ReferralStatus.ACCEPTED)).all()
        assert len(accepted) == 1
        db.session.remove()
