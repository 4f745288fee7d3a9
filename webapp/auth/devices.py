"""Server-side sign-in sessions: one record per phone or computer, so each can be ended.

The session cookie carries only a random secret; the table keeps its hash, when the session
began and was last used, and whether the person asked to stay signed in. Every request
looks the record up (`current_session`), so ending a record ends the cookie and every copy
of it at once: signing out, a new password, a disabled account, "sign out everywhere".
There is no separate remember cookie: "keep me signed in" makes the same cookie outlive
the browser and, for participants only, allows a longer idle time.
"""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, g, has_request_context, request, session
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from ..accounts.models import STAFF_ROLES, Membership, Organisation, User
from ..extensions import db
from ..timeutil import utcnow
from .models import UserSession

SESSION_KEY = "sid"
# Writing "last seen" on every request would make every page a write; a minute is precise enough.
TOUCH_EVERY = timedelta(minutes=1)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def open_session(user: User, remember: bool = False) -> str:
    """Start a session for the user; in a request, the cookie gets a new secret (rotation)."""
    # `current_user` is a proxy to what this sets: keep the person, not the proxy.
    user = user._get_current_object() if hasattr(user, "_get_current_object") else user
    raw = secrets.token_urlsafe(32)
    now = utcnow()
    agent = request.headers.get("User-Agent", "")[:200] if has_request_context() else ""
    record = UserSession(
        user_id=user.id, token_hash=_digest(raw), created_at=now, last_seen_at=now, remember=remember, user_agent=agent
    )
    db.session.add(record)
    db.session.flush()
    if has_request_context():
        # Nothing from before sign-in (a fixed session a stranger planted) survives it.
        session.clear()
        session[SESSION_KEY] = raw
        session.permanent = remember
        g.vagen_session = record
        current_app.login_manager._update_request_context_with_user(user)
    return raw


def end_session(record: UserSession) -> None:
    if record.ended_at is None:
        record.ended_at = utcnow()
        db.session.flush()


def end_all_sessions(user: User) -> None:
    """Every phone and computer of this person is signed out at its next request."""
    db.session.execute(
        update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    db.session.flush()


def open_sessions(user: User) -> list[UserSession]:
    return list(
        db.session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
            .order_by(UserSession.last_seen_at.desc())
        )
    )


def limits_for(record: UserSession) -> tuple[timedelta, timedelta]:
    """(idle, absolute) for this session. Longer only for a participant who asked to stay signed in."""
    config = current_app.config
    if record.remember and not record.user.has_any_role(*STAFF_ROLES):
        return (
            timedelta(days=config["SESSION_IDLE_DAYS_REMEMBERED"]),
            timedelta(days=config["SESSION_ABSOLUTE_DAYS_REMEMBERED"]),
        )
    return timedelta(minutes=config["SESSION_IDLE_MINUTES"]), timedelta(hours=config["SESSION_ABSOLUTE_HOURS"])


def is_expired(record: UserSession, now=None) -> bool:
    now = now or utcnow()
    idle, absolute = limits_for(record)
    return record.ended_at is not None or now - record.last_seen_at > idle or now - record.created_at > absolute


# The session with its person, their organisations, programmes and municipalities: every
# staff page asks whether a programme requires a second factor (account.routes.
# send_staff_to_enrol), and each home page names them. Joined into the one query (a row per
# membership, most people have one or two): every signed-in request asks it, and a second
# round trip for the memberships cost more than the repeated session columns. Built once:
# building it, its five loader options, cost 0.19 ms a request.
_SESSION_WITH_PERSON = (
    select(UserSession)
    .options(
        joinedload(UserSession.user)
        .joinedload(User.memberships)
        .joinedload(Membership.organisation)
        .options(joinedload(Organisation.programme), joinedload(Organisation.municipality))
    )
    .where(UserSession.token_hash == bindparam("token_hash"))
)


def current_session() -> UserSession | None:
    """The live session record behind this request's cookie, or None (and the cookie is dropped)."""
    if "vagen_session" in g:
        return g.vagen_session
    raw = session.get(SESSION_KEY)
    record = None
    if isinstance(raw, str) and raw:
        found = db.session.scalars(_SESSION_WITH_PERSON, {"token_hash": _digest(raw)}).unique().one_or_none()
        now = utcnow()
        if found is not None and found.user.is_active and not is_expired(found, now):
            record = found
            if now - found.last_seen_at > TOUCH_EVERY:
                _touch(found, now)
    if record is None and raw is not None:
        session.clear()
    g.vagen_session = record
    return record


def _touch(record: UserSession, now) -> None:
    """Note the use on a connection of its own, committed at once: the request's own
    transaction stays free of writes, so a throttle counter (throttle.py) written next on
    another connection never waits for it (SQLite has one writer at a time)."""
    with db.engine.begin() as connection:
        connection.execute(update(UserSession).where(UserSession.id == record.id).values(last_seen_at=now))
    set_committed_value(record, "last_seen_at", now)


def end_current_session() -> None:
    """Sign out on this device: the record ends, so a copy of the cookie is worthless too."""
    record = current_session()
    if record is not None:
        end_session(record)
    session.clear()
    g.vagen_session = None
