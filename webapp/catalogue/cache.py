"""The public open-data answers (HSDS), kept until the catalogue changes.

`catalogue_state` holds one version number. Every flush that adds, changes or removes an
activity, its times or languages, an organisation or a municipality (its name is shown)
counts it up in the same transaction (`watch_catalogue_changes`, connected in create_app's
register_hooks), and bulk writers call `changed()` themselves. A request for an HSDS page
reads the version (one small query) and answers from memory when that page was built at
that version; otherwise it builds the page once. The ETag is the version and the page, so
a reader that has it gets 304 Not Modified, and Last-Modified is when the catalogue last
changed. The public catalogue page is kept by the same version (`state_today`,
webapp/same_page.py)."""

import hashlib
import json
import threading
from collections import OrderedDict
from datetime import datetime

from flask import Response, request
from sqlalchemy import select

from ..accounts.models import Municipality, Organisation
from ..database import guarded_update, insert_values_once, on_every_session
from ..extensions import db
from ..timeutil import local_today, utcnow
from .models import Activity, ActivityLanguage, ActivityTime, CatalogueState

WATCHED = (Activity, ActivityTime, ActivityLanguage, Organisation, Municipality)
KEPT = 256  # pages kept per worker; each is at most MAX_PER_PAGE services
_pages: OrderedDict = OrderedDict()
_lock = threading.Lock()


def changed() -> None:
    """Count the catalogue's version up (or start it) in the current transaction."""
    counted = {"version": CatalogueState.version + 1, "changed_at": utcnow()}
    if guarded_update(CatalogueState, CatalogueState.id == 1, **counted):
        return
    if not insert_values_once(CatalogueState, id=1, version=1, changed_at=counted["changed_at"]):
        # Another request started the count a moment ago: count on from it.
        guarded_update(CatalogueState, CatalogueState.id == 1, **counted)


def _before_flush(session, _context, _instances) -> None:
    """Once per transaction that touches the catalogue (its UPDATE then waits for no one else)."""
    if session.info.get("vagen_catalogue_counted"):
        return
    touched = any(isinstance(o, WATCHED) for o in (*session.new, *session.deleted)) or any(
        isinstance(o, WATCHED) and session.is_modified(o, include_collections=False) for o in session.dirty
    )
    if touched:
        session.info["vagen_catalogue_counted"] = True
        changed()


def _transaction_ended(session, *_args) -> None:
    session.info.pop("vagen_catalogue_counted", None)


def watch_catalogue_changes() -> None:
    on_every_session(before_flush=_before_flush, after_commit=_transaction_ended, after_rollback=_transaction_ended)


def current_version() -> tuple[int, datetime | None]:
    row = db.session.execute(
        select(CatalogueState.version, CatalogueState.changed_at).where(CatalogueState.id == 1)
    ).first()
    return (row.version, row.changed_at) if row else (0, None)


def state_today() -> tuple:
    """What a kept catalogue page depends on: the version, when it changed (a database
    rebuilt counts from 1 again), and the day (webapp/same_page.py)."""
    return (*current_version(), local_today())


def cached_json(key: tuple, build) -> Response:
    """The open-data answer for `key` at the catalogue's current version: 304 when the reader
    has it, from memory when this worker built it already, built once otherwise."""
    version, changed_at = current_version()
    # The time as well as the number: a database restored or rebuilt starts counting again.
    kept = (version, changed_at, key)
    etag = hashlib.sha256(repr(kept).encode()).hexdigest()[:20]
    with _lock:
        body = _pages.get(kept)
        if body is not None:
            _pages.move_to_end(kept)
    if body is None:
        body = json.dumps(build(), ensure_ascii=False, separators=(",", ":")).encode()
        with _lock:
            _pages[kept] = body
            while len(_pages) > KEPT:
                _pages.popitem(last=False)
    response = Response(body, mimetype="application/json")
    response.set_etag(etag)
    if changed_at is not None:
        response.last_modified = changed_at
    # Anyone may keep it, but must ask again (cheaply, with the ETag) before using it.
    response.headers["Cache-Control"] = "public, no-cache"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response.make_conditional(request)
