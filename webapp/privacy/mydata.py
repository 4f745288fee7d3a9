"""Everything Vägen holds about one participant (GDPR art. 15 and 20), found from the schema
itself: every table with a participant_id or user_id column, the participant's own row, and
the rows that hang off those (a placement's days, a goal's steps, feedback). A new feature's
table is included without anyone remembering to add it. Secrets (hashes, tokens) are left out."""

import enum
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from ..accounts.models import User
from ..extensions import db

PERSON_COLUMNS = ("participant_id", "user_id", "recipient_id")
# Tables about other things that merely point at a person, or that hold only secrets.
LEFT_OUT = {"access_token", "privacy_event", "shared_access"}

TABLE_LABELS = {
    # NOTE: a column or row heading in a table or file made by mydata()
    "app_user": _l("Your account"),
    "membership": _l("Where you take part"),
    # NOTE: a column or row heading in a table or file made by mydata()
    "enrolment": _l("Your enrolment"),
    "phase_change": _l("Your way through the programme"),
    # NOTE: a column or row heading in a table or file made by mydata()
    "consent": _l("Your consents"),
    "goal": _l("Goals in your plan"),
    "step": _l("Steps in your plan"),
    "plan_change": _l("Changes to your plan"),
    # NOTE: a column or row heading in a table or file made by mydata()
    "appointment": _l("Appointments"),
    "self_rating": _l("How you said it was going"),
    "referral": _l("Referrals to activities"),
    # NOTE: a column or row heading in a table or file made by mydata()
    "proposal": _l("Proposed placements"),
    # NOTE: a column or row heading in a table or file made by mydata()
    "placement": _l("Placements"),
    # NOTE: a column or row heading in a table or file made by mydata()
    "placement_day": _l("Placement days"),
    # NOTE: a column or row heading in a table or file made by mydata()
    "attendance_day": _l("Attendance"),
    # NOTE: a column or row heading in a table or file made by mydata()
    "attendance_week": _l("Confirmed weeks"),
    "attendance_correction": _l("Corrections of attendance"),
    "feedback": _l("Feedback from the workplace"),
    "shared_adaptation": _l("Needs you share with employers"),
    "calendar_feed": _l("Your calendar link"),
    "read_log": _l("Who has read your information"),
    # NOTE: a part of the participant's own data (My data page, read log)
    "message": _l("Your messages"),
    "message_read": _l("Who has read the messages"),
    # NOTE: a part of the participant's own data (My data page, read log)
    "document": _l("Your documents"),
}


@dataclass
class Section:
    table: str
    rows: list[dict]

    @property
    def label(self):
        return TABLE_LABELS.get(self.table, self.table)


def _secret(name: str) -> bool:
    return "hash" in name or "token" in name or name == "password"


def _plain(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _rows(table, where) -> list[dict]:
    return [
        {k: _plain(v) for k, v in row._mapping.items() if not _secret(k)}
        for row in db.session.execute(select(table).where(where))
    ]


def everything_about(participant: User) -> list[Section]:
    """One section per table that holds something about the participant, in schema order."""
    found: dict[str, list[dict]] = {}
    for table in db.metadata.sorted_tables:
        if table.name in LEFT_OUT:
            continue
        if table.name == User.__tablename__:
            found[table.name] = _rows(table, table.c.id == participant.id)
            continue
        columns = [c for c in table.c if c.name in PERSON_COLUMNS]
        if columns:
            found[table.name] = _rows(table, or_(*(c == participant.id for c in columns)))
    for table in db.metadata.sorted_tables:
        if table.name in found or table.name in LEFT_OUT:
            continue
        for key in table.foreign_keys:
            parent = key.column.table.name
            if parent != User.__tablename__ and parent in found and key.column.name == "id" and found[parent]:
                ids = [row["id"] for row in found[parent]]
                found.setdefault(table.name, []).extend(_rows(table, key.parent.in_(ids)))
    return [Section(name, rows) for name, rows in found.items() if rows]


def as_json(participant: User, sections: list[Section]) -> dict:
    return {
        "person": participant.full_name,
        "sign_in_name": participant.sign_in_name,
        "made": datetime.now().astimezone().isoformat(timespec="seconds"),
        "sections": [{"table": s.table, "title": str(s.label), "rows": s.rows} for s in sections],
    }
