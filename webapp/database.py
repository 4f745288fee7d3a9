"""Database settings that differ by engine."""

from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import event, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .extensions import db


def init_database(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def sqlite_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        # Foreign keys are off by default in SQLite; WAL lets readers and a writer overlap.
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        # WAL's recommended level: commits wait for the log, not for a sync to disk; a power
        # cut may lose the last transactions but never corrupts the file. A page that only
        # read still writes its read-log row; at FULL every such page paid a disk sync.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


# --- Locks and guarded updates: the one way a verb waits its turn --------------------------
#
# Every verb that must see what the last writer left (two supervisors confirming one week,
# two taps on "accept", the last free place) goes through these, and they behave the same on
# both engines: PostgreSQL locks the row (SELECT ... FOR UPDATE); SQLite has no row locks, so
# the transaction takes the database's write lock first (BEGIN IMMEDIATE) and every other
# writer waits for the commit at the end of the request (busy_timeout).


def take_write_lock() -> None:
    """On SQLite, make this transaction the writer now (a no-op once it has written, and on PostgreSQL)."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return
    # pysqlite opens its transaction only at the first write: reads so far saw the latest data,
    # and BEGIN IMMEDIATE takes the write lock before anything else is read.
    if not connection.connection.driver_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def lock_row(model, **keys):
    """The row with these column values, locked until the transaction ends and read as the
    last writer left it; None if there is no such row."""
    take_write_lock()
    query = select(model).filter_by(**keys).execution_options(populate_existing=True)
    if db.session.connection().dialect.name == "postgresql":
        # NO KEY UPDATE: rows that merely point at this one (foreign keys) can still be added.
        query = query.with_for_update(key_share=True)
    return db.session.scalar(query)


def guarded_update(model, *where, **values) -> bool:
    """One UPDATE that applies only while the row still matches `where` (a state, a version);
    True if it did. Loaded objects are not touched: refresh the ones you show."""
    take_write_lock()
    result = db.session.execute(
        update(model).where(*where).values(**values).execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def insert_once(*rows) -> bool:
    """Add rows that a unique key allows only once; False (and none added) if another request
    added one first. Only this savepoint is undone, not the rest of the transaction."""
    take_write_lock()
    try:
        with db.session.begin_nested():
            db.session.add_all(rows)
    except IntegrityError:
        return False
    return True


def insert_values_once(model, **values) -> bool:
    """insert_once for one row given as column values, written at once as a plain INSERT: for a
    hook that runs inside a flush (before_flush), where the ORM writes no rows of its own."""
    take_write_lock()
    connection = db.session.connection()
    try:
        with connection.begin_nested():
            connection.execute(insert(model).values(**values))
    except IntegrityError:
        return False
    return True


# --- Send queues (the outbox's mail, notification deliveries) -------------------------------
#
# A row has sent_at, attempts, next_attempt_at and last_error. A worker claims what is due
# (a lease), sends it, and records the outcome; a failure is retried with backoff.

FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after the attempts so far, at most six hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LAST_RETRY)


def due_in_queue(model, now, max_attempts: int) -> tuple:
    """The rows of a send queue (sent_at, next_attempt_at, attempts) that are due now."""
    return (model.sent_at.is_(None), model.next_attempt_at <= now, model.attempts < max_attempts)


def claim_due(model, now, max_attempts: int, lease, limit: int = 50) -> list[int]:
    """Take up to `limit` due rows of a send queue for this worker, each only if nobody took
    it first (a guarded UPDATE; SKIP LOCKED on PostgreSQL). A taken row counts an attempt and
    is not due again before now + lease, so a worker that dies lets it go."""
    due = due_in_queue(model, now, max_attempts)
    query = select(model.id).where(*due).order_by(model.id).limit(limit)
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    claimed = []
    for row_id in db.session.scalars(query).all():
        taken = db.session.execute(
            update(model)
            .where(model.id == row_id, *due)
            .values(attempts=model.attempts + 1, next_attempt_at=now + lease)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount == 1:
            claimed.append(row_id)
    return claimed


def record_failure(row, error: Exception, now: datetime, what: str) -> None:
    """A claimed row failed to send: keep the error, plan the retry, and log `what` failed."""
    row.last_error = str(error)[:500]
    row.next_attempt_at = now + backoff(row.attempts)
    current_app.logger.warning("%s failed (attempt %s): %s", what, row.attempts, error)
    db.session.flush()


def record_sent(row, now: datetime) -> None:
    """A claimed row went out: it is never due again."""
    row.sent_at = now
    row.last_error = None
    db.session.flush()


def on_every_session(**handlers) -> None:
    """Session events for every session (`after_commit=forget`, ...), each listened to once
    however many apps are made (the tests make one per test)."""
    for name, handler in handlers.items():
        if not event.contains(Session, name, handler):
            event.listen(Session, name, handler)
