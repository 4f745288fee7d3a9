"""The national-scale demo's names, words and schedules, and the bulk-insert helpers it writes with."""

from sqlalchemy import func, insert, select, text

from ..extensions import db

CHUNK = 10_000
DEMO_COACH, DEMO_SUPERVISOR = "coach.scale@example.org", "supervisor.scale@example.org"
FIRST_NAMES = [
    "Amina",
    "Omar",
    "Semhar",
    "Dawit",
    "Karin",
    "Johan",
    "Fatima",
    "Yonas",
    "Sara",
    "Ali",
    "Helen",
    "Mohammed",
    "Lina",
    "Ahmed",
    "Eden",
    "Erik",
    "Noor",
    "Selam",
    "Maja",
    "Hassan",
]
LAST_NAMES = [
    "Hassan",
    "Khalil",
    "Tesfay",
    "Gebremedhin",
    "Nilsson",
    "Berg",
    "Ali",
    "Haile",
    "Lindqvist",
    "Saleh",
    "Andersson",
    "Mohammed",
    "Kidane",
    "Johansson",
    "Yousef",
    "Persson",
    "Abraha",
    "Karlsson",
]
LANGUAGES = ["sv", "ar", "ti", "en"]
ACTIVITY_WORDS = [
    "Samhällsorientering",
    "Svenska med praktik",
    "Hälsa och rörelse",
    "Jobbsökargrupp",
    "Studiebesök",
    "Orientering om arbetslivet",
    "Digital vardag",
    "Matlagning och språk",
]


def next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def bulk_insert(model, rows) -> int:
    """Insert an iterable of dicts in chunks; returns how many."""
    chunk, count = [], 0
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            db.session.execute(insert(model), chunk)
            count += len(chunk)
            chunk = []
    if chunk:
        db.session.execute(insert(model), chunk)
        count += len(chunk)
    return count


def reset_sequences(*models) -> None:
    """Explicit ids leave PostgreSQL's sequences behind: move them past the rows."""
    if db.engine.dialect.name != "postgresql":
        return
    for model in models:
        table = model.__table__.name
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
            )
        )


def person_name(n: int) -> str:
    return f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]} {n}"
