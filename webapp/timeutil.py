"""Time as the place reckons it: stored in UTC, shown and reasoned about in Stockholm."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def utcnow() -> datetime:
    return datetime.now(UTC)


def local_today() -> date:
    return datetime.now(STOCKHOLM).date()


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; stored as naive UTC on every database,
    so neither SQLite's lack of time zones nor a server's TimeZone setting can shift them."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware one (timeutil.utcnow)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


def machine_time(moment: datetime) -> str:
    """A moment as <time datetime> wants it: ISO 8601 to the second (HTML allows at most
    three decimals, and nobody reads the microseconds)."""
    return moment.replace(microsecond=0).isoformat()
