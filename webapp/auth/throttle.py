"""Throttling that holds across workers and machines: counters in the database.

Each try adds one to a counter for a key (say, this account from this address) in a fixed
window of time, with one atomic statement, INSERT ... ON CONFLICT DO UPDATE ... RETURNING
count (SQLite 3.35+ and PostgreSQL). The count is taken before the password is checked, so
twelve simultaneous tries get exactly the first five checks: there is no read-then-write
gap to race through. The counter is written on its own connection and committed at once,
so it holds no lock while the password is checked and survives a request that fails.
Call `hit` before the request writes anything else (on SQLite the request's own write
transaction would otherwise wait for it).

Why not Flask-Limiter: its limits are per route and per key function, counted whether or
not the attempt failed; here a successful sign-in gives back the tries it used, and one
form counts against three keys (account, address, both). Its storage would also need
Redis or Memcached as a new service, while the database is already shared by every worker.

Keys are hashed: the table holds no sign-in names or addresses.
"""

import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from flask_babel import ngettext
from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..safety import client_address
from ..timeutil import utcnow
from .models import ThrottleCounter


@dataclass(frozen=True)
class Limit:
    """At most `tries` in each window of `minutes`."""

    tries: int
    minutes: int


def limit(name: str) -> Limit:
    return Limit(*current_app.config[name])


class Throttled(Exception):
    def __init__(self, minutes: int):
        super().__init__(f"wait {minutes} min")
        self.minutes = minutes

    def message(self) -> str:
        return ngettext(
            "Too many tries. Wait %(num)d minute and try again.",
            "Too many tries. Wait %(num)d minutes and try again.",
            self.minutes,
        )


def _key(scope: str, *parts: str) -> str:
    return scope + ":" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


def _window_start(now: datetime, minutes: int) -> datetime:
    seconds = minutes * 60
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, UTC)


def _minutes_left(now: datetime, limit: Limit) -> int:
    end = _window_start(now, limit.minutes) + timedelta(minutes=limit.minutes)
    return max(1, -(-int((end - now).total_seconds()) // 60))


def count(scope: str, parts: tuple[str, ...], limit: Limit) -> int:
    """Add one try and return the number of tries in this window, atomically."""
    now = utcnow()
    values = {"key": _key(scope, *parts), "window_start": _window_start(now, limit.minutes), "count": 1}
    insert = (postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert)(ThrottleCounter)
    statement = (
        insert.values(values)
        .on_conflict_do_update(index_elements=["key", "window_start"], set_={"count": ThrottleCounter.count + 1})
        .returning(ThrottleCounter.count)
    )
    with db.engine.begin() as connection:
        tries = connection.execute(statement).scalar_one()
        if random.random() < 0.02:  # now and then, forget windows that are long over
            connection.execute(delete(ThrottleCounter).where(ThrottleCounter.window_start < now - timedelta(days=1)))
    return tries


def hit(scope: str, parts: tuple[str, ...], limit: Limit) -> None:
    """Count a try; raise Throttled when it is one too many."""
    if count(scope, parts, limit) > limit.tries:
        raise Throttled(_minutes_left(utcnow(), limit))


def give_back(scope: str, parts: tuple[str, ...], limit: Limit) -> None:
    """A try that turned out fine (the right password) does not count."""
    key = _key(scope, *parts)
    with db.engine.begin() as connection:
        connection.execute(
            update(ThrottleCounter)
            .where(
                ThrottleCounter.key == key,
                ThrottleCounter.window_start == _window_start(utcnow(), limit.minutes),
                ThrottleCounter.count > 0,
            )
            .values(count=ThrottleCounter.count - 1)
        )


def hit_mail_form(scope: str, user) -> None:
    """Every form that sends mail: per person signed in and per address."""
    hit(scope + "-user", (str(user.id),), limit("MAIL_FORM_LIMIT_PER_USER"))
    hit(scope + "-address", (client_address(),), limit("MAIL_FORM_LIMIT_PER_ADDRESS"))
