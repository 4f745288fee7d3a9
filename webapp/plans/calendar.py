"""The participant's private calendar feed (iCalendar, RFC 5545), written by hand.

The address holds a random secret; only its hash is stored, so the address is shown once,
when it is made. Making a new one (a reset) makes the old address answer 404."""
import hashlib
import secrets
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select
from werkzeug.exceptions import NotFound

from ..accounts.models import User
from ..extensions import db
from ..privacy.readlog import log_read
from ..timeutil import STOCKHOLM, local_today, utcnow
from ..week import items_for, monday_of
from .models import CalendarFeed
from .services import steps_due_between

WEEKS_AHEAD = 8
PRODUCT = "-//Vägen//Action plan//SV"


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def feed_of(participant: User) -> CalendarFeed | None:
    return db.session.scalar(select(CalendarFeed).where(CalendarFeed.participant_id == participant.id))


def new_feed_token(participant: User) -> str:
    """A new secret address for the participant's calendar; the old one stops working."""
    raw = secrets.token_urlsafe(32)
    feed = feed_of(participant)
    if feed is None:
        feed = CalendarFeed(participant_id=participant.id)
        db.session.add(feed)
    feed.token_hash, feed.created_at = _digest(raw), utcnow()
    db.session.commit()
    return raw


def participant_by_token(raw: str) -> User:
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == _digest(raw)))
    if feed is None or not feed.participant.is_active:
        raise NotFound()
    log_read(feed.participant_id)  # whoever holds the link: a leaked link shows up in the log
    return feed.participant


# --- RFC 5545 ---------------------------------------------------------------------------

def escape(text: str) -> str:
    """TEXT values: backslash, semicolon, comma and newlines escaped (3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space (3.1); never splits a character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _event(uid: str, summary: str, stamp: datetime, *, day: date | None = None, starts: datetime | None = None,
           ends: datetime | None = None, place: str | None = None, description: str | None = None) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_utc(stamp)}"]
    if starts is not None:
        lines.append(f"DTSTART:{_utc(starts)}")
        lines.append(f"DTEND:{_utc(ends or starts + timedelta(hours=1))}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{day:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}")
    lines.append(f"SUMMARY:{escape(summary)}")
    if place:
        lines.append(f"LOCATION:{escape(place)}")
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    lines.append("END:VEVENT")
    return lines


def calendar_for(participant: User, host: str, today: date | None = None) -> str:
    """The coming weeks' schedule and the steps with a due date, as one VCALENDAR."""
    today = today or local_today()
    first, last = monday_of(today), monday_of(today) + timedelta(weeks=WEEKS_AHEAD, days=-1)
    stamp = utcnow()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "X-WR-CALNAME:Vägen", "REFRESH-INTERVAL;VALUE=DURATION:PT6H", "X-PUBLISHED-TTL:PT6H"]
    for item in items_for(participant, first, last):
        key = _digest(f"{item.kind}|{item.day}|{item.starts_at}|{item.title}")[:24]
        uid = f"{item.kind}-{key}@{host}"
        if item.starts_at is not None:
            starts = datetime.combine(item.day, item.starts_at, tzinfo=STOCKHOLM)
            ends = datetime.combine(item.day, item.ends_at, tzinfo=STOCKHOLM) if item.ends_at else None
            lines += _event(uid, item.title, stamp, starts=starts, ends=ends, place=item.place)
        else:
            lines += _event(uid, item.title, stamp, day=item.day, place=item.place)
    for step in steps_due_between(participant, today - timedelta(days=7), last):
        lines += _event(f"step-{step.id}@{host}", step.title, stamp, day=step.due_on, description=step.goal.title)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


