"""Two admins accept at the same moment: one placement, one clear answer, whether they accept
the same proposal or two proposals for an opening's last place. Runs on a database of the
suite's engine that threads can really share (the `shared_app` fixture)."""

import threading
from datetime import date, time

from sqlalchemy import func, select

from webapp.accounts.models import Role, User
from webapp.extensions import db
from webapp.placements import matching
from webapp.placements.models import Placement, Proposal, ProposalState
from webapp.transaction import unit_of_work

from ..factories import make_opening, make_proposal, make_user


def _race(shared_app, acceptances: list[tuple[int, int]]) -> list[str]:
    """Each (admin id, proposal id) accepted in its own thread, all at once: the outcomes."""
    start = threading.Barrier(len(acceptances))
    outcomes = []

    def accept(admin_id, proposal_id):
        with shared_app.app_context():
            admin = db.session.get(User, admin_id)
            matching.proposal_for_employer(admin, proposal_id)
            start.wait()
            try:
                unit_of_work(matching.accept)(admin, proposal_id, date(2026, 12, 7), None, [(0, time(8), time(12))])
                outcomes.append("accepted")
            except matching.AlreadyDecided:
                outcomes.append("already")
            except matching.OpeningFull:
                outcomes.append("full")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=pair) for pair in acceptances]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return sorted(outcomes)


def test_two_acceptances_at_the_same_moment_make_one_placement(shared_app):
    with shared_app.app_context():
        proposal = make_proposal(state=ProposalState.INTERESTED)
        admins = [make_user(Role.ORGANISATION_ADMIN, proposal.opening.organisation).id for _ in range(2)]
        proposal_id = proposal.id
    assert _race(shared_app, [(admin, proposal_id) for admin in admins]) == ["accepted", "already"]
    with shared_app.app_context():
        assert db.session.scalar(select(func.count(Placement.id))) == 1


def test_two_people_accepted_at_once_for_the_last_place_make_one_placement(shared_app):
    with shared_app.app_context():
        opening = make_opening(places=1)
        proposals = [make_proposal(opening, state=ProposalState.INTERESTED).id for _ in range(2)]
        admins = [make_user(Role.ORGANISATION_ADMIN, opening.organisation).id for _ in range(2)]
    assert _race(shared_app, list(zip(admins, proposals, strict=True))) == ["accepted", "full"]
    with shared_app.app_context():
        assert db.session.scalar(select(func.count(Placement.id))) == 1
        states = db.session.scalars(select(Proposal.state).where(Proposal.id.in_(proposals))).all()
        assert sorted(s.value for s in states) == ["accepted", "interested"]
