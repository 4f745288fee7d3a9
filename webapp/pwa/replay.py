"""`@idempotent`: a POST that carries an idempotency key counts once.

The key comes as the `Idempotency-Key` header or the `idempotency_key` form field (the
offline queue in static/js/offline.js sends both). Without a key the view runs as before. With
one, the first arrival stores the key (person, key unique), runs the view and keeps its answer
with the key in the same transaction; a later arrival with the same key gets that answer
again (a redirect to where the first one led, or its refusal) and changes nothing. Two
arrivals at once: the key is inserted before the view runs, so the second waits for the
first (`insert_once`: SQLite's write lock, PostgreSQL's unique index) and then answers
as it did, without running the view."""

import re
from datetime import timedelta
from functools import wraps
from urllib.parse import urlsplit

from flask import make_response, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import delete, inspect, select
from werkzeug.exceptions import BadRequest

from ..database import insert_once, take_write_lock
from ..errors import render_error
from ..extensions import db
from ..htmx import redirect_to
from ..timeutil import utcnow
from .models import KEY_LENGTH, ReplayKey

KEY_HEADER = "Idempotency-Key"
KEY_FIELD = "idempotency_key"
KEY_PATTERN = re.compile(rf"[A-Za-z0-9-]{{8,{KEY_LENGTH}}}")
REPLAYED_HEADER = "Idempotent-Replayed"
KEEP_DAYS = 30


def idempotent(view):
    """Run the view once per (person, key); answer a repeated key with the first answer.
    Put it under `@allow(...)`: it needs the signed-in person."""

    @wraps(view)
    def once(*args, **kwargs):
        key = request.headers.get(KEY_HEADER) or request.form.get(KEY_FIELD)
        if not key:
            return view(*args, **kwargs)
        if not KEY_PATTERN.fullmatch(key):
            raise BadRequest()
        take_write_lock()  # SQLite: the whole request is the only writer from here
        earlier = _earlier(key)
        if earlier is not None:
            return _again(earlier)
        # The key first: a second arrival with it waits here (PostgreSQL: on the unique index)
        # until this request ends, then finds the answer instead of doing the work again.
        answer = ReplayKey(user_id=current_user.id, key=key, status=0)
        _forget_old_keys()
        if not insert_once(answer):
            return _first_answer(key)
        response = make_response(view(*args, **kwargs))
        if response.status_code >= 500:
            return response  # rolled back with the key by the unit of work: a retry may do it
        if inspect(answer).persistent:
            answer.status, answer.location = response.status_code, _location(response)
            db.session.flush()
        else:  # the view rolled back its refusal, and the key with it: keep the key again
            answer = ReplayKey(user_id=current_user.id, key=key, status=response.status_code)
            answer.location = _location(response)
            if not insert_once(answer):
                return _first_answer(key)
        return response

    return once


def _forget_old_keys() -> None:
    """A phone sends a waiting tap within days; a key kept longer only says what someone did."""
    since = utcnow() - timedelta(days=KEEP_DAYS)
    db.session.execute(delete(ReplayKey).where(ReplayKey.user_id == current_user.id, ReplayKey.at < since))


def _first_answer(key: str):
    """Another arrival with this key was first and is committed: this one keeps nothing."""
    db.session.rollback()
    return _again(_earlier(key))


def _earlier(key: str) -> ReplayKey | None:
    return db.session.scalar(select(ReplayKey).filter_by(user_id=current_user.id, key=key))


def _location(response) -> str:
    """Where the answer led (a redirect), else the page the tap came from (same site only)."""
    target = response.headers.get("HX-Redirect") or response.headers.get("Location") or request.referrer or ""
    parts = urlsplit(target)
    if parts.netloc and parts.netloc != request.host:
        return ""
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path[:500] if path.startswith("/") and not path.startswith("//") else ""


def _again(earlier: ReplayKey):
    """The first arrival's answer: to where it led, or its refusal."""
    if earlier.status < 400:
        response = redirect_to(earlier.location or url_for("home.index"))
    else:
        response = make_response(
            render_error(earlier.status, title=_("This was sent before and was not accepted then."))
        )
    response.headers[REPLAYED_HEADER] = "true"
    return response
