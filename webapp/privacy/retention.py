"""Retention (gallring) and erasure on request: a participant's information is anonymised.

What identifies or describes the person goes: names, contact details, sign-in name, every
free text and note about them (found from the schema: each String, Text or JSON column of
their rows, as in mydata), their messages and sign-in attempts. What the funder's figures
count stays: no row is deleted, so every count (by gender, age, education, status, exit,
placements, referrals, attendance days) is the same before and after. What is deleted is what
only lets the person in or reaches them (CREDENTIALS: sessions, one-time links, the calendar
address, push subscriptions, second factor and recovery codes): no figure counts them, and
several are unique, so blanking them would clash between two anonymised people.

Notifications are the person's own (`recipient_id`, a PERSON_COLUMN) or someone else's about
them: those keep their row and kind (the reader's list still makes sense) but lose the name
in their params (`participant`, given with `participant_id` by every event about a participant)."""

import calendar
from dataclasses import dataclass
from datetime import date

import click
from markupsafe import escape
from sqlalchemy import JSON, Enum, String, Text, delete, func, or_, select, update

from ..accounts.models import Organisation, User
from ..documents.services import remove_all_of as remove_documents_of
from ..enrolment.models import Enrolment
from ..extensions import db
from ..notifications.models import Notification
from ..outbox.models import OutboxMessage
from ..timeutil import local_today, utcnow
from ..transaction import unit_of_work
from .models import Anonymisation, EventKind, PrivacySetting
from .mydata import LEFT_OUT, PERSON_COLUMNS
from .review import record_event

# String columns that are codes, not text about the person: kept.
STRUCTURAL = {
    "code",
    "key",
    "written_in",
    "text_language",
    "reader_role",
    "what",
    "preferred_language",
    "kind",  # a notification's event kind
    "object_type",
    "channel",  # a delivery's sms, push or email
}
# Tables that only let the person in or reach their devices: deleted, not blanked.
CREDENTIALS = (
    "user_session",
    "access_token",
    "calendar_feed",
    "push_subscription",
    "second_factor",
    "recovery_code",
)
# JSON columns that hold figures (e.g. feedback scale answers): kept.
FIGURES = {"answers"}
GONE = "–"


class ErasureRefused(Exception):
    """Erasure is not allowed yet (the person still takes part, so the programme needs the information)."""


@dataclass
class Due:
    participant_id: int
    programme_id: int
    exited_on: date
    months: int


def add_months(day: date, months: int) -> date:
    """The same day so many months later (the month's last day when it has fewer days)."""
    years, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def due(today: date) -> list[Due]:
    """Ended participants past their programme's retention period, not yet anonymised."""
    query = (
        select(
            Enrolment.participant_id, Organisation.programme_id, Enrolment.exited_on, PrivacySetting.retention_months
        )
        .join(Organisation, Organisation.id == Enrolment.organisation_id)
        .join(PrivacySetting, PrivacySetting.programme_id == Organisation.programme_id)
        .where(
            Enrolment.exited_on.is_not(None),
            PrivacySetting.retention_months > 0,
            Enrolment.participant_id.not_in(select(Anonymisation.user_id)),
        )
        .order_by(Enrolment.exited_on, Enrolment.participant_id)
    )
    return [Due(*row) for row in db.session.execute(query) if add_months(row.exited_on, row.retention_months) < today]


def _blank(column):
    if isinstance(column.type, JSON):
        return {} if not column.nullable else None
    return (
        None
        if column.nullable
        else (GONE if isinstance(column.type, String) and not isinstance(column.type, Text) else "")
    )


def _text_columns(table):
    return [
        c
        for c in table.c
        if isinstance(c.type, (String, Text, JSON))
        and not isinstance(c.type, Enum)
        and not c.primary_key
        and not c.foreign_keys
        and c.name not in STRUCTURAL
        and c.name not in FIGURES
    ]


def anonymise(person: User, reason: str, by: User | None = None) -> None:
    """Remove everything that identifies or describes the person; keep what is counted."""
    person_id, email = person.id, person.email
    names = [name for name in (person.full_name, person.short_name) if name and len(name) >= 2]
    remove_documents_of(person_id)  # files and rows: a CV or a certificate is kept no longer than the rest
    tables = db.metadata.tables
    for name in CREDENTIALS:
        column = tables[name].c.get("user_id", tables[name].c.get("participant_id"))
        db.session.execute(delete(tables[name]).where(column == person_id))
    ids: dict[str, list[int]] = {}
    for table in db.metadata.sorted_tables:
        if table.name in LEFT_OUT or table.name in CREDENTIALS or table.name == User.__tablename__:
            continue
        columns = [c for c in table.c if c.name in PERSON_COLUMNS]
        if columns:
            _scrub(table, or_(*(c == person_id for c in columns)), ids)
    for table in db.metadata.sorted_tables:
        if table.name in ids or table.name in LEFT_OUT:
            continue
        for key in table.foreign_keys:
            parent = key.column.table.name
            if parent != User.__tablename__ and ids.get(parent) and key.column.name == "id":
                _scrub(table, key.parent.in_(ids[parent]), ids)
    db.session.execute(
        update(User)
        .where(User.id == person_id)
        .values(
            full_name=GONE,
            short_name=None,
            sign_in_name=f"anonymised-{person_id}",
            email=None,
            password_hash=None,
            preferred_language=None,
            active=False,
        )
    )
    _forget_name_in_notifications(person_id)
    if email:
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.to_address == email)
            .values(to_address=GONE, subject=GONE, body="", html_body=None)
        )
    _forget_name_in_mail_to_others(names)
    db.session.add(Anonymisation(user_id=person_id, at=utcnow(), reason=reason, by_id=by.id if by else None))
    db.session.flush()
    db.session.expire_all()


def _forget_name_in_mail_to_others(names: list[str]) -> None:
    """E-mail to staff that named the person (a feedback reminder, a week to confirm) keeps
    its text with the name replaced: the mail log has no column that says whom it is about."""
    for name in sorted(set(names), key=len, reverse=True):  # the full name before a part of it
        for written in dict.fromkeys((name, str(escape(name)))):
            pattern = "%" + written.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            columns = (OutboxMessage.subject, OutboxMessage.body, OutboxMessage.html_body)
            db.session.execute(
                update(OutboxMessage)
                .where(or_(*(c.like(pattern, escape="\\") for c in columns)))
                .values({c.key: func.replace(c, written, GONE) for c in columns})
            )


def _forget_name_in_notifications(person_id: int) -> None:
    """Other people's notifications about the person keep their sentence, without the name."""
    about = select(Notification).where(
        Notification.params["participant_id"].as_integer() == person_id, Notification.recipient_id != person_id
    )
    for notification in db.session.scalars(about):
        if "participant" in notification.params:
            notification.params = {**notification.params, "participant": GONE}


def _scrub(table, where, ids: dict) -> None:
    primary = [c for c in table.primary_key.columns if c.name == "id"]
    if primary:
        ids[table.name] = list(db.session.scalars(select(primary[0]).where(where)))
    else:
        ids.setdefault(table.name, [])
    columns = _text_columns(table)
    if columns:
        db.session.execute(update(table).where(where).values({c.name: _blank(c) for c in columns}))


def apply_retention(today: date, dry_run: bool = False) -> list[Due]:
    """Anonymise every participant past their programme's period (or only say who, when dry)."""
    found = due(today)
    if dry_run:
        return found
    for item in found:
        anonymise(db.session.get(User, item.participant_id), "retention")
    if found:
        for programme_id in sorted({d.programme_id for d in found}):
            count = sum(1 for d in found if d.programme_id == programme_id)
            record_event(None, EventKind.RETENTION, f"{count} participants anonymised", {programme_id})
    return found


def erase_on_request(admin: User, participant: User) -> None:
    """Erasure on the participant's request (GDPR art. 17), where the law allows: once they have left.
    While they take part, the programme's public task needs the information (art. 17.3 b)."""
    enrolment = db.session.scalar(select(Enrolment).where(Enrolment.participant_id == participant.id))
    if enrolment is not None and enrolment.exited_on is None:
        raise ErasureRefused()
    programme_id = enrolment.organisation.programme_id if enrolment else None
    anonymise(participant, "erasure", admin)
    record_event(admin, EventKind.ERASURE, f"participant {participant.id}", {programme_id} if programme_id else ())


@click.command("apply-retention")
@click.option("--dry-run", is_flag=True, help="Only say who would be anonymised; change nothing.")
@unit_of_work
def apply_retention_command(dry_run: bool):
    """Anonymise ended participants past their programme's retention period (run from cron)."""
    found = apply_retention(local_today(), dry_run=dry_run)
    for item in found:
        verb = "would anonymise" if dry_run else "anonymised"
        click.echo(
            f"{verb}\tparticipant {item.participant_id}\tprogramme {item.programme_id}\t"
            f"left {item.exited_on.isoformat()}\tretention {item.months} months"
        )
    click.echo(f"{len(found)} participant(s) {'due' if dry_run else 'anonymised'}")
