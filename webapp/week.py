"""What a participant has on in a week, gathered from every feature that schedules things.

Features offer a source, a plain function

    def placement_days(participant, first_day, last_day) -> list[WeekItem]: ...

and `register_hooks` in webapp/__init__.py lists them all, so the participant's home page
("this week") and the calendar feed need not know about placements, activities or
meetings by name.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta

from flask import Flask, current_app

from .accounts.models import User
from .attendance.days import holiday_name


@dataclass(frozen=True)
class WeekItem:
    day: date
    title: str
    kind: str  # "placement", "activity", "meeting", "step" ...: the feature's own word
    starts_at: time | None = None
    ends_at: time | None = None
    place: str | None = None
    url: str | None = None


Source = Callable[[User, date, date], list[WeekItem]]


def register_sources(app: Flask, *sources: Source) -> None:
    """Called from create_app (register_hooks): what fills a participant's week."""
    registered = app.extensions.setdefault("week_sources", [])
    for source in sources:
        if source not in registered:
            registered.append(source)


def weekdays_between(weekday: int, first_day: date, last_day: date):
    """Every working date with that weekday (0 = Monday) from first_day to last_day, inclusive:
    how a weekly schedule becomes days. Public holidays and the eves kept free (Julafton,
    Nyårsafton...) are left out, as attendance leaves them out of the expected days."""
    day = first_day + timedelta(days=(weekday - first_day.weekday()) % 7)
    while day <= last_day:
        if not holiday_name(day):
            yield day
        day += timedelta(days=7)


def weekly_items(thing, times, first_day: date, last_day: date, kind: str, url: str | None = None) -> list[WeekItem]:
    """A week item for each day in the period on which one of `thing`'s weekly `times` (rows
    with weekday, starts_at, ends_at) falls while it runs (`thing.is_on(day)`): a placement's
    schedule, an activity's times."""
    return [
        WeekItem(
            day=day,
            title=thing.title,
            kind=kind,
            starts_at=scheduled.starts_at,
            ends_at=scheduled.ends_at,
            place=thing.place,
            url=url,
        )
        for scheduled in times
        for day in weekdays_between(scheduled.weekday, first_day, last_day)
        if thing.is_on(day)
    ]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def sunday_of(day: date) -> date:
    """The last day of the day's week (weeks run Monday to Sunday)."""
    return monday_of(day) + timedelta(days=6)


def items_for(participant: User, first_day: date, last_day: date) -> list[WeekItem]:
    """Every source's items between the two days (inclusive), in time order."""
    sources = current_app.extensions.get("week_sources", [])
    items = [item for gather in sources for item in gather(participant, first_day, last_day)]
    return sorted(items, key=lambda i: (i.day, i.starts_at or time.min, i.title))
