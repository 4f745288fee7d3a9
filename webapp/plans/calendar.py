"""The participant's private calendar feed (iCalendar, RFC 5545), written with `icalendar`.

The address holds a random secret; only its hash is stored, so the address is shown once,
when it is made. Making a new one (a reset) makes the old address answer 404."""

import hashlib
import secrets
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

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
# UIDs must be globally unique and stable (RFC 5545 3.8.4.7); the app's own name keeps them
# the same whatever host serves the feed.
UID_DOMAIN = "vagen"


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
    db.session.flush()
    return raw


def subscribe_url(link: str) -> str:
    """The feed's address as webcal://: a tap opens the calendar app's "subscribe" (RFC 7986 clients,
    iOS, macOS, Outlook, Android apps with a webcal handler)."""
    return "webcal://" + link.split("://", 1)[1]


def participant_by_token(raw: str) -> User:
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == _digest(raw)))
    if feed is None or not feed.participant.is_active:
        raise NotFound()
    log_read(feed.participant_id)  # whoever holds the link: a leaked link shows up in the log
    return feed.participant


# --- RFC 5545 ---------------------------------------------------------------------------


def _event(
    uid: str, summary: str, stamp: datetime, start, end, place: str | None = None, description: str | None = None
):
    """One VEVENT: a date (all day, DTEND the next day) or a time in UTC."""
    from icalendar import Event  # only the feed needs it: kept out of every worker's memory

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    if place:
        event.add("location", place)
    if description:
        event.add("description", description)
    return event


def _utc(day, at):
    return datetime.combine(day, at, tzinfo=STOCKHOLM).astimezone(ZoneInfo("UTC"))


def calendar_for(participant: User, today: date | None = None) -> bytes:
    """The coming weeks' schedule and the steps with a due date, as one VCALENDAR.
    Weekly schedules skip the days that are not working days (week.weekdays_between)."""
    today = today or local_today()
    first, last = monday_of(today), monday_of(today) + timedelta(weeks=WEEKS_AHEAD, days=-1)
    from icalendar import Calendar

    stamp = utcnow()
    cal = Calendar()
    for name, value in (
        ("prodid", PRODUCT),
        ("version", "2.0"),
        ("calscale", "GREGORIAN"),
        ("method", "PUBLISH"),
        ("x-wr-calname", "Vägen"),
    ):
        cal.add(name, value)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    for item in items_for(participant, first, last):
        key = _digest(f"{item.kind}|{item.day}|{item.starts_at}|{item.title}")[:24]
        uid = f"{item.kind}-{key}@{UID_DOMAIN}"
        if item.starts_at is not None:
            starts = _utc(item.day, item.starts_at)
            ends = _utc(item.day, item.ends_at) if item.ends_at else starts + timedelta(hours=1)
            cal.add_component(_event(uid, item.title, stamp, starts, ends, place=item.place))
        else:
            cal.add_component(_event(uid, item.title, stamp, item.day, item.day + timedelta(days=1), place=item.place))
    for step in steps_due_between(participant, today - timedelta(days=7), last):
        cal.add_component(
            _event(
                f"step-{step.id}@{UID_DOMAIN}",
                step.title,
                stamp,
                step.due_on,
                step.due_on + timedelta(days=1),
                description=step.goal.title,
            )
        )
    return cal.to_ical()
