"""Expected days: which days a placement's schedule asks for, less Sweden's public holidays.
Pure functions on loaded placements: no queries here."""

import importlib.util
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import holidays
from babel.units import format_unit
from flask_babel import get_locale

from ..placements.models import Placement
from .models import AttendanceCorrection, AttendanceDay, AttendanceWeek, Status

# Public holidays, and the eves Swedish workplaces keep free (Midsommarafton, Julafton, Nyårsafton).
CATEGORIES = ("public", "de_facto")
MAX_HOURS = 24


def _sweden() -> type:
    """The holidays package's Sweden, without the other 250 countries: holidays.countries
    (and so `holidays.country_holidays("SE")`) imports every country's module when one is
    asked for. Measured with holidays 0.109, on top of the app: country_holidays costs
    +7.7 MB RSS in each worker, 258 more modules and 100-160 ms at the first week shown;
    this file alone, 44 modules in all. Sweden's module needs only the package's base
    classes. Loaded at import, so a moved file stops the app at start instead of the first
    page with a week on it. tests/attendance/test_services.py checks the days are the ones
    country_holidays gives, and that no other country is imported."""
    path = Path(holidays.__file__).parent / "countries" / "sweden.py"
    spec = importlib.util.spec_from_file_location("holidays.countries.sweden", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Sweden


SWEDEN = _sweden()


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> dict[date, str]:
    # The holidays package leaves ordinary Sundays out: those are the schedule's business.
    return dict(SWEDEN(years=year, language="sv", categories=CATEGORIES))


def format_hours(minutes: int) -> str:
    """ "7,5 timmar" in the reader's language: CLDR's plural and number format for hours."""
    return format_unit(round(minutes / 60, 2), "duration-hour", length="long", locale=str(get_locale()))


def holiday_name(day: date) -> str | None:
    """The Swedish public holiday on this day, or None (ordinary Sundays are not holidays here)."""
    return _holidays_of(day.year).get(day)


def week_days(monday: date) -> list[date]:
    return [monday + timedelta(days=n) for n in range(7)]


def scheduled_minutes(placement: Placement, day: date) -> int:
    """The minutes the participant is expected on that day: 0 outside the placement, on days
    the schedule leaves free, and on public holidays."""
    if not placement.is_on(day) or holiday_name(day):
        return 0
    for scheduled in placement.schedule:
        if scheduled.weekday == day.weekday():
            return round(scheduled.hours * 60)
    return 0


def expected_days(placement: Placement, first: date, last: date) -> list[tuple[date, int]]:
    """(day, minutes) for every expected day between first and last, inclusive."""
    days, day = [], first
    while day <= last:
        minutes = scheduled_minutes(placement, day)
        if minutes:
            days.append((day, minutes))
        day += timedelta(days=1)
    return days


@dataclass
class DayView:
    day: date
    scheduled: int  # minutes the schedule expects (0: not expected)
    status: Status
    minutes: int
    record: AttendanceDay | None
    holiday: str | None = None
    corrections: list[AttendanceCorrection] = field(default_factory=list)

    @property
    def expected(self) -> bool:
        return self.scheduled > 0

    @property
    def decided(self) -> bool:
        """The supervisor has set this day (or the week is confirmed)."""
        return self.record is not None and self.record.status is not None

    @property
    def reported(self) -> AttendanceDay | None:
        """The participant's own report, while the supervisor has not decided."""
        if self.record is not None and self.record.reported_status is not None and not self.decided:
            return self.record
        return None

    @property
    def hours(self) -> str:
        return format_hours(self.minutes)

    def to_come(self, today: date) -> bool:
        """A day that has not begun and nobody has said anything about: only the schedule."""
        return self.day > today and not self.decided and self.reported is None

    @property
    def for_employer(self) -> Status:
        """What the supervisor sees: a participant's own sick report is only "absent"
        (health details are not the workplace's business)."""
        if self.status is Status.SICK and self.record is not None and self.record.reported_status is Status.SICK:
            return Status.ABSENT
        return self.status


@dataclass
class WeekView:
    placement: Placement
    monday: date
    days: list[DayView]
    week: AttendanceWeek | None

    @property
    def confirmed(self) -> bool:
        return self.week is not None and self.week.confirmed_at is not None

    @property
    def version(self) -> int:
        return self.week.version if self.week is not None else 0

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def changed(self) -> bool:
        """Something differs from the plain schedule: the button then says what it confirms."""
        return any(
            d.record is not None and (d.status is not Status.PRESENT or d.minutes != d.scheduled) for d in self.days
        )

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    def complete_by(self, today: date) -> bool:
        """Every day shown has begun: only then can the whole week be confirmed."""
        return all(d.day <= today for d in self.days)

    @property
    def total_minutes(self) -> int:
        return sum(d.minutes for d in self.days)

    @property
    def key(self) -> str:
        return f"{self.placement.id}-{self.monday.isoformat()}"


def day_view(placement: Placement, day: date, record: AttendanceDay | None, corrections=()) -> DayView:
    """A day as it stands: the supervisor's word, else the participant's report, else as scheduled."""
    scheduled = scheduled_minutes(placement, day)
    if record is not None and record.status is not None:
        status, minutes = record.status, record.minutes or 0
    elif record is not None and record.reported_status is not None:
        status = record.reported_status
        minutes = scheduled if status is Status.PRESENT else 0
    elif scheduled:
        status, minutes = Status.PRESENT, scheduled
    else:
        status, minutes = Status.NOT_SCHEDULED, 0
    return DayView(
        day=day,
        scheduled=scheduled,
        status=status,
        minutes=minutes,
        record=record,
        holiday=holiday_name(day) if placement.is_on(day) else None,
        corrections=list(corrections),
    )


def shown_days(
    placement: Placement,
    first: date,
    last: date,
    records: dict[date, AttendanceDay],
    corrections: dict[date, list] | None = None,
) -> list[DayView]:
    """Expected days, and any other day something was recorded on."""
    corrections = corrections or {}
    views, day = [], first
    while day <= last:
        record = records.get(day)
        if scheduled_minutes(placement, day) or (record is not None and (record.status or record.reported_status)):
            views.append(day_view(placement, day, record, corrections.get(day, ())))
        day += timedelta(days=1)
    return views


def parse_hours(text: str) -> int | None:
    """Minutes from "7.5", "7,5" or "7:30"; None when it is not such a number."""
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        if ":" in text:
            h, m = text.split(":", 1)
            if not (h.isdigit() and m.isdigit() and len(m) == 2 and int(m) < 60):
                return None
            return int(h) * 60 + int(m)
        value = float(text)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return round(value * 60)
