"""A lookup several parts of a page ask (a participant's placements) is answered once per
request, and a request that writes sees what it wrote (webapp/request_memo.py)."""

import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import update

from webapp.extensions import db
from webapp.placements.models import Placement
from webapp.placements.services import placements_of

from .conftest import counting
from .factories import make_placement, make_user

# A lookup's module imported alone connects nothing; create_app's register_hooks does.
LISTENING = """
from sqlalchemy import event
from sqlalchemy.orm import Session
import webapp.placements.services
from webapp.request_memo import _forget
print(event.contains(Session, "after_commit", _forget))
from webapp import create_app
from webapp.config import TestConfig
create_app(TestConfig)
print(event.contains(Session, "after_commit", _forget))
"""


def _queries(work) -> tuple[int, object]:
    with counting() as statements:
        result = work()
    return len([s for s in statements if "FROM placement" in s and "placement_day" not in s]), result


def test_a_lookup_is_asked_once_and_each_caller_gets_its_own_list(app):
    first = make_placement()
    participant = first.participant
    assert participant.id  # loaded before counting
    asked, (one, two) = _queries(lambda: (placements_of(participant), placements_of(participant)))
    assert asked == 1 and one == two == [first]
    one.clear()
    assert placements_of(participant) == [first]


def test_a_request_that_writes_sees_what_it_wrote(app):
    first = make_placement(starts_on=date(2026, 11, 2))
    participant = first.participant
    assert placements_of(participant) == [first]
    # Waiting to be written: asked anew (the query's autoflush writes it).
    added = Placement(
        participant=participant,
        supervisor=first.supervisor,
        organisation=first.organisation,
        kind=first.kind,
        title="Café",
        place="Torget 2",
        starts_on=date(2026, 12, 7),
    )
    db.session.add(added)
    assert placements_of(participant) == [first, added]
    # Written with an ORM UPDATE: forgotten, the new order is seen.
    db.session.execute(update(Placement).where(Placement.id == added.id).values(starts_on=date(2026, 10, 5)))
    db.session.expire_all()
    assert [p.id for p in placements_of(participant)] == [added.id, first.id]
    # Deleted and flushed: gone.
    db.session.delete(added)
    db.session.flush()
    assert placements_of(participant) == [first]
    # Another person's lookup is their own.
    assert placements_of(make_user()) == []


def test_a_new_transaction_asks_again(app):
    first = make_placement()
    participant = first.participant
    assert placements_of(participant) == [first]
    db.session.commit()
    asked, found = _queries(lambda: placements_of(participant))
    assert asked == 1 and [p.id for p in found] == [first.id]


def test_the_listeners_are_connected_by_create_app_not_by_importing_a_lookup():
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", LISTENING], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
