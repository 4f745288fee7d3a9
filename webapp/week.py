"""What a participant has on in a week, gathered from every feature that schedules things.

Features register a source at import time:

    @week.source
    def placement_days(participant, first_day, last_day) -> list[WeekItem]: ...

so the participant's home page ("this week") and the calendar feed need not know
about placements, activities or meetings by name.
"""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta

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
_SOURCES: list[Source] = []


def source(function: Source) -> Source:
    if function not in _SOURCES:
        _SOURCES.append(function)
    return function


def weekdays_between(weekday: int, first_day: date, last_day: date):
    """Every working date with that weekday (0 = Monday) from first_day to last_day, inclusive:
    how a weekly schedule becomes days. Public holidays and the eves kept free (Julafton,
    Nyårsafton...) are left out, as attendance leaves them out of the expected days."""
    day = first_day + timedelta(days=(weekday - first_day.weekday()) % 7)
    while day <= last_day:
        if not holiday_name(day):
            yield day
        day += timedelta(days=7)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def items_for(participant: User, first_day: date, last_day: date) -> list[WeekItem]:
    """Every source's items between the two days (inclusive), in time order."""
    items = [item for gather in _SOURCES for item in gather(participant, first_day, last_day)]
    return sorted(items, key=lambda i: (i.day, i.starts_at or time.min, i.title))
