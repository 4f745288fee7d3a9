"""Everything Vägen holds about one participant (GDPR art. 15 and 20), found from the schema
itself: every table with a person column (PERSON_COLUMNS), the participant's own row, and
the rows that hang off those (a placement's days, a goal's steps, a note's texts). A new
feature's table is included without anyone remembering to add it; its columns need a label
in mydata_labels.py (tests/privacy/test_my_data.py fails otherwise). Secrets (hashes,
tokens, keys of a phone's push subscription) are left out.

Two forms of the same sections:
- the page (readable): each field with its label, each value as the participant reads it
  (dates in their language, enums by their labels, yes/no, people and places by name);
- the JSON file (portable): machine keys and plain values (ISO dates, enum codes, ids that
  link rows), and for each section `fields`, the label of every key in the participant's
  language, so the file explains itself."""

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, or_, select

from ..accounts.models import User
from ..dates import format_time, weekday_name
from ..enumtype import LabelledEnum
from ..extensions import db
from ..i18n import language_name
from ..wording import localized
from . import mydata_labels as labels

PERSON_COLUMNS = ("participant_id", "user_id", "recipient_id")
# Tables about other things that merely point at a person, or that hold only secrets.
LEFT_OUT = {"access_token", "privacy_event"}
SECRET_COLUMNS = {"password", "secret", "endpoint", "p256dh", "auth"}

GENERIC_TITLE = _l("Other information about you")


def secret(name: str) -> bool:
    return "hash" in name or "token" in name or name in SECRET_COLUMNS


@dataclass
class Section:
    table: str
    rows: list[dict]
    shown: list[list[tuple]] = field(default_factory=list)  # per row: (label, readable value)

    @property
    def label(self):
        return labels.title_of(self.table) or GENERIC_TITLE

    @property
    def part(self) -> str:
        return labels.part_of(self.table)


@dataclass
class Part:
    key: str
    heading: object
    sections: list[Section]


def tables_about_a_person() -> list[tuple]:
    """(table, how, through), from the metadata alone: how is "self" (the person's own row),
    "person" (through: the person columns that point at them) or "child" (through: the foreign
    keys to tables found before)."""
    found: dict[str, tuple] = {}
    for table in db.metadata.sorted_tables:
        if table.name in LEFT_OUT:
            continue
        if table.name == User.__tablename__:
            found[table.name] = (table, "self", [])
            continue
        columns = [c for c in table.c if c.name in PERSON_COLUMNS]
        if columns:
            found[table.name] = (table, "person", columns)
    for table in db.metadata.sorted_tables:
        if table.name in found or table.name in LEFT_OUT:
            continue
        keys = [
            key
            for key in table.foreign_keys
            if key.column.name == "id"
            and key.column.table.name in found
            and key.column.table.name != User.__tablename__
        ]
        if keys:
            found[table.name] = (table, "child", keys)
    return list(found.values())


def shown_columns(table) -> list:
    """The columns a participant reads (the page), in the table's order."""
    return [c for c in table.c if not secret(c.name) and not labels.hidden(table.name, c.name)]


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
        {k: v for k, v in row._mapping.items() if not secret(k)}
        for row in db.session.execute(select(table).where(where).order_by(*table.primary_key.columns))
    ]


def _collect(participant: User) -> dict[str, tuple]:
    """Table name -> (table, raw rows) for every table holding something about the participant."""
    found: dict[str, tuple] = {}
    for table, how, through in tables_about_a_person():
        if how == "self":
            rows = _rows(table, table.c.id == participant.id)
        elif how == "person":
            rows = _rows(table, or_(*(c == participant.id for c in through)))
        else:
            parents = [(key, [row["id"] for row in found.get(key.column.table.name, (None, []))[1]]) for key in through]
            wheres = [key.parent.in_(ids) for key, ids in parents if ids]
            rows = _rows(table, or_(*wheres)) if wheres else []
        found[table.name] = (table, rows)
    return found


def everything_about(participant: User) -> list[Section]:
    """One section per table that holds something about the participant, in schema order,
    each row also made readable (Section.shown)."""
    found = _collect(participant)
    names = _Names(participant, found)
    sections = []
    for name, (table, rows) in found.items():
        if not rows:
            continue
        section = Section(name, [_portable(table, row) for row in rows])
        section.shown = [_readable(table, row, names) for row in rows]
        sections.append(section)
    return sections


def by_part(sections: list[Section]) -> list[Part]:
    """The sections under the page's headings, in the headings' order."""
    return [
        Part(key, heading, [s for s in sections if s.part == key])
        for key, heading in labels.PARTS.items()
        if any(s.part == key for s in sections)
    ]


def _portable(table, row: dict) -> dict:
    """The JSON row: the shown columns and the row's id, as plain values."""
    values = {"id": _plain(row["id"])} if "id" in row else {}
    for column in shown_columns(table):
        values[column.name] = _plain(row.get(column.name))
    if table.name == "notification":
        values[labels.SENTENCE] = _sentence(row)
    return values


def fields_of(section: Section) -> dict:
    """Each JSON key of the section with its label in the reader's language."""
    table = db.metadata.tables[section.table]
    fields = {"id": str(_l("Number of the row (links rows that belong together)"))}
    for column in shown_columns(table):
        fields[column.name] = str(labels.label(table.name, column.name))
    if section.table == "notification":
        fields[labels.SENTENCE] = str(labels.COLUMNS[labels.SENTENCE])
    return fields


def _sentence(row: dict) -> str:
    from ..notifications.models import Notification
    from ..notifications.texts import sentence

    return sentence(Notification(kind=row["kind"], params=row["params"] or {}, recipient_id=row["recipient_id"]))


class _Names:
    """People, organisations, places and things by name, each table fetched once."""

    def __init__(self, participant: User, found: dict):
        from .services import programme_of, settings_of

        self.participant = participant
        self.show_staff = settings_of(programme_of(participant)).show_staff_names
        self.found = found
        self.cache: dict[str, dict] = {}

    def of(self, target, value):
        name = target.table.name
        if name not in self.cache:
            self.cache[name] = self._fetch(target.table)
        return self.cache[name].get(value)

    def _fetch(self, table) -> dict:
        ids = {
            row.get(column.name)
            for source, rows in self.found.values()
            for column in source.c
            if (target := _target(source, column)) is not None and target.table is table
            for row in rows
        } - {None}
        text = table.c.get("full_name", table.c.get("title", table.c.get("name")))
        if text is None or not ids:
            return {}
        return dict(db.session.execute(select(table.c.id, text).where(table.c.id.in_(ids))).all())


def _readable(table, row: dict, names: _Names) -> list[tuple]:
    """(label, text) for each shown field: text is a string, None (nothing) or, for feedback
    answers, a list of (question, answer)."""
    shown = []
    if table.name == "notification":
        shown.append((labels.COLUMNS[labels.SENTENCE], _sentence(row)))
    for column in shown_columns(table):
        value = _value(table, column, row, names)
        shown.append(
            (labels.label(table.name, column.name), value if value is None or isinstance(value, list) else str(value))
        )
    return shown


def _value(table, column, row: dict, names: _Names):
    """How the participant reads one value."""
    value = row.get(column.name)
    if value is None:
        return None
    target = _target(table, column)
    if target is not None:
        return _reference(table, target, value, names)
    if isinstance(value, bool):
        return labels.YES if value else labels.NO
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return localized(value, "yMMMd Hm")  # as on "Who has read my information"
    if isinstance(value, date):
        return localized(value, "yMMMM" if column.name == "month" else "yMMMd")
    if isinstance(value, time):
        return format_time(value)
    if isinstance(column.type, JSON):
        return _json(table, column, row)
    return _code(table.name, column.name, value)


# Ids kept as plain integers so that the log outlives what it points at (privacy/models.py).
PLAIN_REFERENCES = {
    ("read_log", "reader_id"): "app_user",
    ("read_log", "organisation_id"): "organisation",
    ("read_log", "programme_id"): "programme",
    ("anonymisation", "by_id"): "app_user",
}


def _target(table, column):
    """The id column a reference points at, if the column is one."""
    keys = list(column.foreign_keys)
    if keys:
        return keys[0].column
    name = PLAIN_REFERENCES.get((table.name, column.name))
    return db.metadata.tables[name].c.id if name else None


def _reference(table, target, value, names: _Names):
    if target.table.name == User.__tablename__:
        if value == names.participant.id:
            return _l("You")
        if table.name == "read_log" and not names.show_staff:
            return None  # the programme does not show staff names (the reads page neither)
    return names.of(target, value) or None


def _code(table: str, column: str, value):
    """A code stored as text, read as words."""
    from ..placements.models import ADAPTATIONS
    from .services import role_label, what_label

    if column in ("preferred_language", "text_language"):
        return language_name(value)
    if table == "read_log" and column == "reader_role":
        return role_label(value)
    if column == "what":
        return what_label(value)
    if table == "shared_adaptation":
        return ADAPTATIONS.get(value, value)
    if table == "delivery" and column == "channel":
        return labels.CHANNELS.get(value, value)
    if column == "weekday" and isinstance(value, int):
        return weekday_name(value)
    return value


def _json(table, column, row: dict):
    """Feedback answers and texts: the template's questions and levels in the reader's language."""
    value = row[column.name]
    if table.name != "feedback" or not isinstance(value, dict):
        return value
    from ..feedback import definition as shape
    from ..feedback.models import FeedbackTemplate

    language = str(get_locale())
    template = db.session.get(FeedbackTemplate, row["template_id"]) if row.get("template_id") else None
    if template is None:
        return list(value.items())
    definition = template.definition
    questions = {item["key"]: item["label"] for item in shape.items(definition)}
    questions.update({q["key"]: q["label"] for q in definition.get("questions", [])})
    pairs = []
    for key, answer in value.items():
        question = shape.text(questions[key], language) if key in questions else key
        if column.name == "answers":
            answer = shape.level_label(definition, answer, language) or answer
        pairs.append((question, answer))
    return pairs


def as_json(participant: User, sections: list[Section]) -> dict:
    return {
        "person": participant.full_name,
        "sign_in_name": participant.sign_in_name,
        "made": datetime.now().astimezone().isoformat(timespec="seconds"),
        "about": str(
            _l(
                "Each section has its rows with short English keys and plain values (dates as "
                "YYYY-MM-DD), and under fields what each key means."
            )
        ),
        "sections": [
            {
                "table": s.table,
                "part": str(labels.PARTS[s.part]),
                "title": str(s.label),
                "fields": fields_of(s),
                "rows": s.rows,
            }
            for s in sections
        ],
    }
