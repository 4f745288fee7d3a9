"""Lookups that several parts of one page ask, answered once per request.

A participant's home asks for their placements three times (the week, the placements card,
attendance). `@kept_for_the_request` keeps what a lookup returned for its arguments on the
request's database session and forgets it as soon as the session writes anything (a flush
with changes, an ORM insert/update/delete) or the transaction ends; while rows wait to be
written it asks anew. So a request that writes sees what it wrote, as with a fresh query, and
a request that only reads asks once. The session listeners that forget are connected in
create_app's register_hooks (`watch_kept_lookups`), not when a lookup is decorated."""

from functools import wraps

from .database import on_every_session
from .extensions import db

KEPT = "vagen_kept_lookups"


def kept_for_the_request(lookup):
    """Decorate a lookup whose arguments are rows (taken by their id) or plain values and that
    returns a list; each call gets its own copy of the list."""

    @wraps(lookup)
    def kept(*args):
        session = db.session()
        key = (lookup, *(_identity(arg) for arg in args))
        found = None if (session.new or session.deleted) else session.info.get(KEPT, {}).get(key)
        if found is None:
            found = list(lookup(*args))
            session.info.setdefault(KEPT, {})[key] = found
        return list(found)

    return kept


def _identity(value):
    table = getattr(value, "__table__", None)
    return (table.name, value.id) if table is not None else value


def _forget(session, *_args) -> None:
    session.info.pop(KEPT, None)


def _flushed(session, _context) -> None:
    if KEPT in session.info and (session.new or session.dirty or session.deleted):
        _forget(session)


def _executed(state) -> None:
    if KEPT in state.session.info and (state.is_insert or state.is_update or state.is_delete):
        _forget(state.session)


def watch_kept_lookups() -> None:
    """Forget every kept lookup on a write or at the end of a transaction, in every session."""
    on_every_session(after_flush=_flushed, do_orm_execute=_executed, after_commit=_forget, after_rollback=_forget)
