"""The demo's calendar. Its dates are written around one Monday and moved, in whole weeks, to
the current week when seeded: a demo next year looks as alive as one in November 2026, and
the test suite's clock (that very Monday) sees the dates as written."""

from datetime import date, time

from ..timeutil import local_today
from ..week import monday_of

ANCHOR = date(2026, 11, 23)  # the Monday the demo's dates were written around


def shifted(day: date | None) -> date | None:
    """The written date moved by as many weeks as today is from the anchor (weekdays kept)."""
    return None if day is None else day + (monday_of(local_today()) - ANCHOR)


# The demo placements' working week: (weekday, from, to), Monday to Friday, Friday a half day.
SCHEDULE = [
    (0, time(8), time(15)),
    (1, time(8), time(15)),
    (2, time(8), time(15)),
    (3, time(8), time(15)),
    (4, time(8), time(12)),
]
