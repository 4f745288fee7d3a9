"""Attendance, reports: the coach's flags, the month view and the monthly report."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from flask import Response
from flask_babel import gettext as _
from flask_babel import pgettext
from werkzeug.exceptions import NotFound

from .. import csvfile
from ..accounts.models import User
from ..dates import format_date, format_datetime
from ..participants.services import participant_for
from ..placements.models import Placement
from ..placements.services import placements_of, placements_of_people
from ..team.models import Part
from ..week import monday_of
from .days import DayView, shown_days
from .models import AttendanceWeek, Status
from .reading import (
    confirmed_mondays,
    corrections_of,
    open_mondays,
    placement_for_viewer,
    records_of,
    weeks_of,
)

# --- The coach's view ------------------------------------------------------------------

ABSENCE_WINDOW_DAYS = 28
ABSENCE_PATTERN = 3


@dataclass(frozen=True)
class Flags:
    unconfirmed_weeks: int
    absences: int  # absent or sick on expected days in the last four weeks

    @property
    def absence_pattern(self) -> bool:
        return self.absences >= ABSENCE_PATTERN

    @property
    def any(self) -> bool:
        return bool(self.unconfirmed_weeks or self.absence_pattern)


def caseload_flags(participant_ids, today: date) -> dict[int, Flags]:
    """For each participant: past weeks not confirmed, and absences in the last four weeks.
    Four queries, however many participants and however long their history."""
    ids = list(participant_ids)
    placements = placements_of_people(tuple(ids))
    placement_ids = [p.id for p in placements]
    confirmed = confirmed_mondays(placement_ids)
    first, last = today - timedelta(days=ABSENCE_WINDOW_DAYS), today - timedelta(days=1)
    records = records_of(placement_ids, first, last)
    unconfirmed, absences = defaultdict(int), defaultdict(int)
    this_monday = monday_of(today)
    for placement in placements:
        unconfirmed[placement.participant_id] += sum(
            1 for m in open_mondays(placement, confirmed[placement.id], today) if m < this_monday
        )
        for shown in shown_days(placement, first, last, records[placement.id]):
            if shown.status.is_absence:
                absences[placement.participant_id] += 1
    return {pid: Flags(unconfirmed_weeks=unconfirmed[pid], absences=absences[pid]) for pid in ids}


@dataclass
class Month:
    first: date

    @property
    def last(self) -> date:
        return (self.first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)

    @property
    def previous(self) -> "Month":
        return Month((self.first - timedelta(days=1)).replace(day=1))

    @property
    def next(self) -> "Month":
        return Month(self.last + timedelta(days=1))

    @property
    def key(self) -> str:
        return self.first.strftime("%Y-%m")


def parse_month(text: str | None, today: date) -> Month:
    """ "2026-11" as a month; 404 for anything else (it is part of an address)."""
    if not text:
        return Month(today.replace(day=1))
    try:
        year, month = (int(part) for part in text.split("-"))
        first = date(year, month, 1)
    except ValueError:
        raise NotFound() from None
    if not date.min.year < year < date.max.year:  # the month before or after would not exist
        raise NotFound()
    return Month(first)


@dataclass
class PlacementMonth:
    placement: Placement
    month: Month
    days: list[DayView]
    weeks: list[AttendanceWeek]
    # Read by the workplace: a participant's own sick report shows only as "absent" there.
    for_employer: bool = False

    @property
    def statuses(self) -> list[Status]:
        """The statuses this reader counts by (the workplace sees "sick" only where it wrote it)."""
        return [s for s in Status if not (self.for_employer and s is Status.SICK and not self.count(s))]

    def status_of(self, day: DayView) -> Status:
        """The day's status as this reader may see it."""
        return day.for_employer if self.for_employer else day.status

    def week_of(self, day: date) -> AttendanceWeek | None:
        return next((w for w in self.weeks if w.monday == monday_of(day)), None)

    def is_confirmed(self, day: date) -> bool:
        week = self.week_of(day)
        return week is not None and week.confirmed_at is not None

    @property
    def confirmed_days(self) -> list[DayView]:
        """Totals count confirmed days only: the report's figures are what was confirmed."""
        return [d for d in self.days if self.is_confirmed(d.day)]

    @property
    def total_minutes(self) -> int:
        return sum(d.minutes for d in self.confirmed_days)

    @property
    def scheduled_minutes(self) -> int:
        return sum(d.scheduled for d in self.confirmed_days)

    def count(self, status: Status) -> int:
        return sum(1 for d in self.confirmed_days if self.status_of(d) is status)

    @property
    def all_confirmed(self) -> bool:
        return len(self.confirmed_days) == len(self.days)


def placement_months(placements: list[Placement], month: Month) -> list[PlacementMonth]:
    placements = [
        p for p in placements if p.starts_on <= month.last and (p.ends_on is None or p.ends_on >= month.first)
    ]
    ids = [p.id for p in placements]
    records = records_of(ids, month.first, month.last)
    corrections = corrections_of(ids, month.first, month.last)
    weeks = weeks_of(ids, monday_of(month.first), month.last)
    return [
        PlacementMonth(
            placement=p,
            month=month,
            days=shown_days(p, month.first, month.last, records[p.id], corrections[p.id]),
            weeks=sorted((w for (pid, _), w in weeks.items() if pid == p.id), key=lambda w: w.monday),
        )
        for p in placements
    ]


def participant_calendar(coach: User, participant_id: int, month: Month) -> tuple[User, list[PlacementMonth]]:
    """A participant's attendance in a month, for their coach or a team member whose role reads
    attendance (404 for anyone else's)."""
    participant = participant_for(coach, participant_id, part=Part.ATTENDANCE)
    return participant, placement_months(placements_of(participant), month)


def monthly_report(user: User, placement_id: int, month: Month) -> PlacementMonth:
    """One placement's month, for its supervisor or the participant's coach (404 for anyone else)."""
    placement = placement_for_viewer(user, placement_id)
    found = placement_months([placement], month)
    report = found[0] if found else PlacementMonth(placement=placement, month=month, days=[], weeks=[])
    report.for_employer = placement.supervisor_id == user.id
    return report


def monthly_csv(report: PlacementMonth) -> Response:
    """The month as CSV: one row per day, then the totals."""
    rows = [
        # NOTE: a column or row heading in a table or file made by monthly_csv()
        [
            _("Date"),
            pgettext("column of the monthly attendance CSV", "Weekday"),
            _("Status"),
            pgettext("column: hours of the day", "Hours"),
            _("Scheduled hours"),
            pgettext("column of the certificate: who confirmed the day", "Confirmed by"),
            pgettext("column of the monthly attendance CSV: when the day was confirmed", "Confirmed at"),
        ]
    ]
    for shown in report.days:
        week = report.week_of(shown.day)
        confirmed = week is not None and week.confirmed_at is not None
        rows.append(
            [
                shown.day,
                format_date(shown.day, "EEEE"),
                report.status_of(shown).label,
                shown.minutes / 60,
                shown.scheduled / 60,
                week.confirmed_by.called if confirmed and week.confirmed_by else "",
                format_datetime(week.confirmed_at, "yyyy-MM-dd HH:mm") if confirmed else "",
            ]
        )
    # NOTE: a column or row heading in a table or file made by monthly_csv()
    rows.append([_("Total"), "", "", report.total_minutes / 60, report.scheduled_minutes / 60, "", ""])
    return csvfile.response(f"attendance-{report.placement.id}-{report.month.key}.csv", rows)
