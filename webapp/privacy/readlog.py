"""The read log: who was shown which participant's personal data, by which route, when.

Where participant data is loaded for someone other than the participant, the code calls
`log_read(participant_ids)`. The reads of a request are gathered in `g` (one per participant,
however often the data is loaded) and written with ONE batched INSERT just before the
request's commit (webapp/transaction.py), so the log row and the read share a transaction.
On PostgreSQL a transaction whose only write is the log commits without waiting for the
disk (synchronous_commit off for that transaction alone, set inside the one INSERT): the
page does not pay a flush for reading; a database crash can lose the last fraction of a
second of log rows, never half a transaction. Any other write in the request keeps the normal, durable commit.
Lists (the caseload, a supervisor's week) log one row per participant shown.

Only shown reads are written: 2xx answers and 422 (a form re-rendered with the data);
redirects (htmx's HX-Redirect included), refusals and errors show nothing. Every route that
can show participant data is declared below, LOGGED or EXEMPT with a reason;
tests/privacy/test_read_log_routes.py walks the url_map and fails for a route that takes a
participant-like argument and is neither, and for a page that shows a participant's name
without a log row."""

from collections.abc import Iterable

from flask import Flask, current_app, g, has_request_context, request
from flask_login import current_user
from sqlalchemy import bindparam, insert, text

from ..access import declared_access
from ..accounts.models import STAFF_ROLES
from ..database import on_every_session
from ..extensions import db
from ..timeutil import utcnow
from .models import ReadLog

# URL arguments that point at one participant's data.
PARTICIPANT_ARGUMENTS = {
    "participant_id",
    "placement_id",
    "goal_id",
    "step_id",
    "feedback_id",
    "proposal_id",
    "referral_id",
    "token",
    "note_id",
    "document_id",
}

# Routes that show participant data to someone other than the participant, and log it.
LOGGED = {
    "participants.detail",
    "participants.invite",
    "enrolment.edit",
    "enrolment.move",
    "enrolment.contact",
    "enrolment.record_exit",
    "enrolment.undo_exit",
    "enrolment.share",
    "enrolment.stop_sharing",
    "attendance.calendar",
    "attendance.correct",
    "attendance.week",
    "attendance.change",
    "attendance.confirm",
    "attendance.monthly",
    "attendance.monthly_csv",
    "catalogue.participant",
    "catalogue.inbox",
    "catalogue.refer",
    "catalogue.decide",
    "catalogue.complete",
    "feedback.participant",
    "feedback.ask",
    "feedback.give",
    "feedback.draft",
    "feedback.submit",
    "feedback.start",
    "feedback.due",
    "placements.for_participant",
    "placements.decision",
    "placements.accept",
    "placements.decline",
    "placements.employer",
    "placements.propose",
    "plans.coach_view",
    "plans.book",
    "plans.cancel",
    "plans.change",
    "plans.goal",
    "plans.step",
    "plans.edit_goal",
    "plans.edit_step",
    "plans.new_goal",
    "plans.new_step",
    "plans.reflection",
    "plans.done",
    "plans.feed",
    "home.coach",
    "home.supervisor",
    "home.organisation_admin",
    "privacy.review",
    "privacy.review_csv",
    "privacy.coach_consents",
    "results.certificate",
    "results.esf",
    "participants.send",
    "team.manage",
    "team.remove",
    "team.leave",
    "team.notes",
    "team.correct",
    "team.my_steps",
    "messages.thread",
    "messages.send",
    "documents.index",
    "documents.upload",
    "documents.download",
    "documents.delete",
}

# Routes with a participant-like argument, or near participant data, that log nothing: why.
EXEMPT = {
    "auth.accept_invitation": "the participant themselves, before they are signed in",
    "auth.reset_password": "the person's own password reset",
    "feedback.read": "the participant reads their own feedback",
    "feedback.comment": "the participant comments on their own feedback",
    "placements.answer": "the participant answers a proposal to them",
    "team.my_notes": "the participant reads the notes written for them",
}


def log_read(participant_ids: int | Iterable[int], what: str | None = None) -> None:
    """Note that the current request shows these participants' data (no-op outside a request
    and for the participant's own data). Written once per participant, at the end."""
    if not has_request_context():
        return
    if isinstance(participant_ids, int):
        participant_ids = (participant_ids,)
    reader_id = current_user.id if current_user.is_authenticated else None
    reads = g.setdefault("vagen_reads", {})
    for participant_id in participant_ids:
        if participant_id != reader_id:
            reads.setdefault(participant_id, what or request.endpoint or "")


def _reader() -> dict:
    """Who reads: their role for this route (the first of the view's roles they hold) and its organisation."""
    if not current_user.is_authenticated:
        return {"reader_id": None, "reader_role": None, "organisation_id": None, "programme_id": None}
    access = declared_access(current_app, request.endpoint)
    roles = access if isinstance(access, tuple) else STAFF_ROLES
    membership = next(
        (m for role in roles for m in current_user.memberships if m.role == role),
        current_user.memberships[0] if current_user.memberships else None,
    )
    return {
        "reader_id": current_user.id,
        "reader_role": membership.role.value if membership else None,
        "organisation_id": membership.organisation_id if membership else None,
        "programme_id": membership.organisation.programme_id if membership else None,
    }


def write_reads(response):
    """One INSERT for every read of this request, in the request's own transaction."""
    reads = g.pop("vagen_reads", None)
    if (
        reads
        and (200 <= response.status_code < 300 or response.status_code == 422)
        and "HX-Redirect" not in response.headers  # htmx's redirect: shows nothing either
        and current_app.config.get("READ_LOG_ENABLED", True)
    ):
        reader, now = _reader(), utcnow()
        session = db.session()
        session.flush()  # anything still pending counts as a write of this transaction
        if session.get_bind().dialect.name == "postgresql":
            _insert_on_postgresql(session, reader, now, reads, relaxed=not session.info.get(WROTE))
        else:
            session.execute(
                insert(ReadLog),
                [
                    {**reader, "read_at": now, "participant_id": participant_id, "what": what[:120]}
                    for participant_id, what in reads.items()
                ],
            )
    return response


# One statement, one round trip, whatever the number of participants shown. `relaxed` adds
# set_config(..., true), which is SET LOCAL synchronous_commit TO OFF inside the INSERT: a
# separate SET cost a round trip of its own, and on a loaded machine the first round trip
# after a page is rendered waits for the database process to be scheduled (bench/read_log.py).
_INSERT = text(
    "INSERT INTO read_log (read_at, reader_id, reader_role, organisation_id, programme_id, participant_id, what) "
    "SELECT :read_at, :reader_id, :reader_role, :organisation_id, :programme_id, shown.participant_id, shown.what "
    "FROM unnest(CAST(:participant_ids AS integer[]), CAST(:whats AS varchar[])) AS shown(participant_id, what)"
).bindparams(bindparam("read_at", type_=ReadLog.__table__.c.read_at.type))
_RELAXED = text(str(_INSERT) + " WHERE set_config('synchronous_commit', 'off', true) IS NOT NULL").bindparams(
    bindparam("read_at", type_=ReadLog.__table__.c.read_at.type)
)


def _insert_on_postgresql(session, reader: dict, now, reads: dict, relaxed: bool) -> None:
    """Only a transaction that wrote nothing but the log commits without waiting for the disk."""
    session.execute(
        _RELAXED if relaxed else _INSERT,
        {
            **reader,
            "read_at": now,
            "participant_ids": list(reads),
            "whats": [what[:120] for what in reads.values()],
        },
    )


# session.info key: the transaction has written something besides the read log.
WROTE = "vagen_wrote"


def _flushed(session, _context) -> None:
    session.info[WROTE] = True


def _executed(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[WROTE] = True


def _ended(session, *_args) -> None:
    session.info.pop(WROTE, None)


def _watch_writes() -> None:
    on_every_session(after_flush=_flushed, do_orm_execute=_executed, after_commit=_ended, after_rollback=_ended)


def init_read_log(app: Flask) -> None:
    _watch_writes()
    # Registered after init_transactions: Flask runs after_request hooks last-registered
    # first, so the log is written before the request's commit.
    app.after_request(write_reads)
