"""Two providers' staff accept the last place at the same moment: only one gets it.

Real threads with their own connections: PostgreSQL when the suite runs on it, otherwise a
SQLite file (the in-memory database shares one connection between threads)."""

import threading

from sqlalchemy import select

from webapp.catalogue import services
from webapp.catalogue.models import Activity, Referral, ReferralStatus
from webapp.extensions import db
from webapp.transaction import unit_of_work

from ..factories import make_activity, make_referral


def test_two_acceptances_cannot_overbook(shared_app):
    with shared_app.app_context():
        activity = make_activity(places=1, places_free=1)
        ids = [make_referral(activity).id for _ in range(4)]
        activity_id = activity.id
        db.session.remove()
    start = threading.Barrier(len(ids))
    outcomes = []

    def accept(referral_id):
        with shared_app.app_context():
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
    with shared_app.app_context():
        assert db.session.scalar(select(Activity.places_free).where(Activity.id == activity_id)) == 0
        accepted = db.session.scalars(select(Referral).where(Referral.status == ReferralStatus.ACCEPTED)).all()
        assert len(accepted) == 1
        db.session.remove()
