"""The few SQL expressions that differ between SQLite and PostgreSQL."""

from sqlalchemy import Integer, cast, func

from ..extensions import db


def _postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def days_between(first, last):
    """Whole days from one date column to another."""
    if _postgres():
        return cast(last - first, Integer)
    return cast(func.julianday(last) - func.julianday(first), Integer)


def day_of(moment):
    """The date part of a timestamp column (UTC), comparable with a date column."""
    if _postgres():
        return cast(moment, db.Date)
    return func.date(moment)


def counted(condition):
    """SUM(CASE WHEN condition THEN 1 ELSE 0 END): one count of many in one GROUP BY."""
    return func.coalesce(func.sum(db.case((condition, 1), else_=0)), 0)
