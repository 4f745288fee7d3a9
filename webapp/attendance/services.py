"""Attendance verbs: the supervisor's weeks, confirming, changing and correcting days, the
participant's check-in and reports, the coach's flags and calendar, the monthly report.

Every change to a week's days first takes the placement's row (`_lock_week`, through
`database.lock_row`): on PostgreSQL a row lock, on SQLite the write lock, so two supervisors,
a double tap or a resent request are applied one after the other, and each sees what the
other did. Verbs flush; the request commits, and a refusal (AttendanceError) is rolled back
by the view, so a check-in at several placements is saved whole or not at all."""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l, lazy_ngettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload
from werkzeug.exceptions import NotFound

from ..accounts.models import Role, User
from ..database import lock_row
from ..extensions import db
from ..privacy.readlog import log_read
from ..participants.services import participant_for
from ..placements.models import Placement
from ..timeutil import utcnow
from ..week import monday_of
from .days import (
    DayView,
    WeekView,
    day_view,
    scheduled_minutes,
    shown_days,
    week_days,
)
from .models import AttendanceCorrection, AttendanceDay, AttendanceWeek, Status

MAX_MINUTES = 24 * 60
REASON_LENGTH = 500


class AttendanceError(Exception):
    """A change that cannot be made, with a message for the person who tried."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


# --- Reading weeks ---------------------------------------------------------------------

def _records(placement_ids, first: date, last: date) -> dict[int, dict[date, AttendanceDay]]:
    found = defaultdict(dict)
    if placement_ids:
        query = (select(AttendanceDay).where(AttendanceDay.placement_id.in_(placement_ids),
                                             AttendanceDay.day.between(first, last))
                 .execution_options(populate_existing=True))
        for record in db.session.scalars(query):
            found[record.placement_id][record.day] = record
    return found


def _weeks(placement_ids, first: date | None = None, last: date | None = None) -> dict[tuple[int, date], AttendanceWeek]:
    if not placement_ids:
        return {}
    query = (select(AttendanceWeek).options(joinedload(AttendanceWeek.confirmed_by).options(lazyload(User.memberships)))
             .where(AttendanceWeek.placement_id.in_(placement_ids)).execution_options(populate_existing=True))
    if first is not None:
        query = query.where(AttendanceWeek.monday.between(first, last))
    return {(w.placement_id, w.monday): w for w in db.session.scalars(query)}


def _corrections(placement_ids, first: date, last: date) -> dict[int, dict[date, list]]:
    found = defaultdict(lambda: defaultdict(list))
    if placement_ids:
        query = (select(AttendanceCorrection).options(joinedload(AttendanceCorrection.corrected_by).options(lazyload(User.memberships)))
                 .where(AttendanceCorrection.placement_id.in_(placement_ids),
                        AttendanceCorrection.day.between(first, last))
                 .order_by(AttendanceCorrection.corrected_at, AttendanceCorrection.id))
        for correction in db.session.scalars(query):
            found[correction.placement_id][correction.day].append(correction)
    return found


def _confirmed_mondays(placement_ids) -> dict[int, set[date]]:
    """Only two columns per confirmed week: a year of history stays one small query."""
    found = defaultdict(set)
    if placement_ids:
        query = select(AttendanceWeek.placement_id, AttendanceWeek.monday).where(
            AttendanceWeek.placement_id.in_(placement_ids), AttendanceWeek.confirmed_at.is_not(None))
        for placement_id, monday in db.session.execute(query):
            found[placement_id].add(monday)
    return found


def _has_expected_days(placement: Placement, monday: date) -> bool:
    return any(scheduled_minutes(placement, day) for day in week_days(monday))


def open_mondays(placement: Placement, confirmed: set[date], today: date) -> list[date]:
    """Weeks that have started, have expected days and are not confirmed, oldest first."""
    mondays, monday = [], monday_of(placement.starts_on)
    last = monday_of(today)
    if placement.ends_on is not None:
        last = min(last, monday_of(placement.ends_on))
    while monday <= last:
        if monday not in confirmed and _has_expected_days(placement, monday):
            mondays.append(monday)
        monday += timedelta(days=7)
    return mondays


def build_weeks(pairs: list[tuple[Placement, date]]) -> list[WeekView]:
    """Week views for (placement, monday) pairs, in three queries however many there are."""
    if not pairs:
        return []
    ids = {p.id for p, _ in pairs}
    first = min(m for _, m in pairs)
    last = max(m for _, m in pairs) + timedelta(days=6)
    records, weeks, corrections = _records(ids, first, last), _weeks(ids, first, last), _corrections(ids, first, last)
    return [
        WeekView(placement=p, monday=m, week=weeks.get((p.id, m)),
                 days=shown_days(p, m, m + timedelta(days=6), records[p.id], corrections[p.id]))
        for p, m in pairs
    ]


def _supervised(supervisor: User) -> list[Placement]:
    query = (select(Placement).options(joinedload(Placement.participant).options(lazyload(User.memberships)))
             .where(Placement.supervisor_id == supervisor.id).order_by(Placement.starts_on, Placement.id))
    return list(db.session.scalars(query).unique())


def supervisor_weeks(supervisor: User, today: date) -> list[WeekView]:
    """This week and every earlier unconfirmed week, for each participant the person supervises."""
    placements = [p for p in _supervised(supervisor) if p.starts_on <= today + timedelta(days=6 - today.weekday())]
    confirmed = _confirmed_mondays([p.id for p in placements])
    this_monday = monday_of(today)
    pairs = []
    for placement in placements:
        mondays = set(open_mondays(placement, confirmed[placement.id], today))
        if placement.is_on(today) or any(placement.is_on(d) for d in week_days(this_monday)):
            mondays.add(this_monday)
        pairs.extend((placement, m) for m in mondays)
    pairs.sort(key=lambda pm: (pm[1], pm[0].participant.called.casefold(), pm[0].id))
    log_read(p.participant_id for p, _monday in pairs)
    return build_weeks(pairs)


def _check_monday(placement: Placement, monday: date) -> None:
    """A week of the placement, given by its Monday; 404 for anything else."""
    if monday.weekday() != 0 or not any(placement.is_on(d) for d in week_days(monday)):
        raise NotFound()


def week_for_supervisor(supervisor: User, placement_id: int, monday: date) -> WeekView:
    placement = placement_of_supervisor(supervisor, placement_id)
    _check_monday(placement, monday)
    return build_weeks([(placement, monday)])[0]


def placement_of_supervisor(supervisor: User, placement_id: int) -> Placement:
    """As placements.services.placement_for_supervisor, with the participant loaded."""
    placement = db.session.scalar(select(Placement).options(joinedload(Placement.participant).options(lazyload(User.memberships)))
                                  .where(Placement.id == placement_id))
    if placement is None or placement.supervisor_id != supervisor.id:
        raise NotFound()
    log_read(placement.participant_id)
    return placement


def placement_for_viewer(user: User, placement_id: int) -> Placement:
    """The placement for its supervisor, or for a coach of its participant; 404 otherwise."""
    placement = db.session.scalar(select(Placement).options(joinedload(Placement.participant).options(lazyload(User.memberships)))
                                  .where(Placement.id == placement_id))
    if placement is None:
        raise NotFound()
    if placement.supervisor_id == user.id:
        log_read(placement.participant_id)
        return placement
    if user.has_any_role(Role.COACH):
        participant_for(user, placement.participant_id)
        return placement
    raise NotFound()


# --- Changing weeks --------------------------------------------------------------------

def _lock_week(placement_id: int, monday: date) -> AttendanceWeek:
    """Take the placement's row for the rest of the transaction (`lock_row`), then its week
    (made if missing): changes to one placement's weeks happen one after the other."""
    lock_row(Placement, id=placement_id)
    week = db.session.scalar(select(AttendanceWeek).where(AttendanceWeek.placement_id == placement_id,
                                                          AttendanceWeek.monday == monday)
                             .execution_options(populate_existing=True))
    if week is None:
        week = AttendanceWeek(placement_id=placement_id, monday=monday, version=0)
        db.session.add(week)
        db.session.flush()
    return week


def _record(placement_id: int, day: date) -> AttendanceDay:
    record = db.session.scalar(select(AttendanceDay).where(AttendanceDay.placement_id == placement_id,
                                                           AttendanceDay.day == day)
                               .execution_options(populate_existing=True))
    # A new row joins the session only when something is written on it: a refusal or
    # "nothing changed" leaves no empty day behind.
    return record if record is not None else AttendanceDay(placement_id=placement_id, day=day)


@dataclass
class Outcome:
    week: WeekView
    changed: bool


def confirm_week(supervisor: User, placement_id: int, monday: date, today: date, seen_version: int | None = None) -> Outcome:
    """Confirm the week as it stands. Confirming a confirmed week again changes nothing (a
    double tap, a resend); a week changed since the page was read is not confirmed unseen."""
    placement = placement_of_supervisor(supervisor, placement_id)
    _check_monday(placement, monday)
    if monday > today:
        raise AttendanceError(_l("This week has not started yet. You can confirm it from its first day."))
    week = _lock_week(placement.id, monday)
    if week.confirmed_at is not None:
        return Outcome(build_weeks([(placement, monday)])[0], changed=False)
    if seen_version is not None and seen_version != week.version:
        raise AttendanceError(_l("Someone changed this week while you were looking at it. "
                                "Check the days and confirm again."))
    view = build_weeks([(placement, monday)])[0]
    now = utcnow()
    for shown in view.days:
        record = shown.record or _record(placement.id, shown.day)
        record.status, record.minutes = shown.status, shown.minutes
        db.session.add(record)
        if shown.record is None or shown.record.set_by_id is None:
            record.set_by_id, record.set_at = supervisor.id, now
    week.confirmed_at, week.confirmed_by_id, week.version = now, supervisor.id, week.version + 1
    db.session.flush()
    return Outcome(build_weeks([(placement, monday)])[0], changed=True)


def _checked_minutes(status: Status, minutes: int | None, scheduled: int) -> int:
    if minutes is None:
        if status is Status.PRESENT and not scheduled:
            raise AttendanceError(_l("This day is not in the schedule. Write how many hours."), "hours")
        return scheduled if status is Status.PRESENT else 0
    if minutes < 0 or minutes > MAX_MINUTES:
        raise AttendanceError(_l("Write a number of hours from 0 to 24, like 7.5."), "hours")
    return minutes


def change_day(user: User, placement: Placement, day: date, status: Status, minutes: int | None,
               reason: str = "", today: date | None = None) -> Outcome:
    """Set one day. Before the week is confirmed: by its supervisor, at once. After: a
    correction, by the supervisor or the participant's coach, only with a reason."""
    if not placement.is_on(day):
        raise AttendanceError(_l("This day is outside the placement."))
    scheduled = scheduled_minutes(placement, day)
    minutes = _checked_minutes(status, minutes, scheduled)
    reason = (reason or "").strip()
    if len(reason) > REASON_LENGTH:
        raise AttendanceError(lazy_ngettext("Please write at most %(num)d character.", "Please write at most %(num)d characters.",
                                             REASON_LENGTH), "reason")
    monday = monday_of(day)
    week = _lock_week(placement.id, monday)
    record = _record(placement.id, day)
    is_supervisor = placement.supervisor_id == user.id
    if week.confirmed_at is None:
        if not is_supervisor:
            raise AttendanceError(_l("Only the supervisor changes a week before it is confirmed."))
        if (record.status, record.minutes) != (status, minutes):
            record.status, record.minutes, record.set_by_id, record.set_at = status, minutes, user.id, utcnow()
            db.session.add(record)
            week.version += 1
            db.session.flush()
            return Outcome(build_weeks([(placement, monday)])[0], changed=True)
        return Outcome(build_weeks([(placement, monday)])[0], changed=False)
    old = day_view(placement, day, record if record.id is not None else None)
    if (old.status, old.minutes) == (status, minutes):
        # the same correction sent twice: once is enough
        return Outcome(build_weeks([(placement, monday)])[0], changed=False)
    if not reason:
        raise AttendanceError(_l("This week is confirmed. Write why you change it."), "reason")
    now = utcnow()
    db.session.add(AttendanceCorrection(placement_id=placement.id, day=day, old_status=old.status,
                                        old_minutes=old.minutes, new_status=status, new_minutes=minutes,
                                        reason=reason, corrected_by_id=user.id, corrected_at=now))
    record.status, record.minutes, record.set_by_id, record.set_at = status, minutes, user.id, now
    db.session.add(record)
    week.version += 1
    db.session.flush()
    return Outcome(build_weeks([(placement, monday)])[0], changed=True)


def correct_day_as_coach(coach: User, placement_id: int, day: date, status: Status, minutes: int | None,
                         reason: str) -> Outcome:
    placement = placement_for_viewer(coach, placement_id)
    if placement.supervisor_id != coach.id:
        week = db.session.scalar(select(AttendanceWeek).where(AttendanceWeek.placement_id == placement.id,
                                                              AttendanceWeek.monday == monday_of(day)))
        if week is None or week.confirmed_at is None:
            raise AttendanceError(_l("Only the supervisor changes a week before it is confirmed."))
    return change_day(coach, placement, day, status, minutes, reason)


# --- The participant's side ------------------------------------------------------------

def _own_placements(participant: User) -> list[Placement]:
    query = (select(Placement).options(joinedload(Placement.organisation))
             .where(Placement.participant_id == participant.id).order_by(Placement.starts_on))
    return list(db.session.scalars(query))


def participant_weeks(participant: User, today: date, weeks_back: int = 4) -> list[WeekView]:
    """The participant's weeks: the last few, this one and the next, newest first."""
    this_monday = monday_of(today)
    mondays = [this_monday + timedelta(days=7 * n) for n in range(1, -weeks_back - 1, -1)]
    placements = _own_placements(participant)
    pairs = [(p, m) for m in mondays for p in placements if any(p.is_on(d) for d in week_days(m))]
    return build_weeks(pairs)


def check_in(participant: User, today: date) -> list[Placement]:
    """"I am here": a proposal of presence today, at every placement that expects them today."""
    placements = [p for p in _own_placements(participant) if scheduled_minutes(p, today)]
    if not placements:
        raise AttendanceError(_l("You have no placement day today."))
    for placement in placements:
        _report(placement, today, Status.PRESENT, None)
    return placements


def report_absence(participant: User, day: date, status: Status, reason: str, today: date) -> list[Placement]:
    """Tell the supervisor in advance: sick or away on a day, and why (at every placement
    that expects the participant that day)."""
    if status not in (Status.SICK, Status.ABSENT):
        raise AttendanceError(_l("Please choose one."), "status")
    reason = (reason or "").strip()
    if not reason:
        raise AttendanceError(_l("Write a few words about why."), "reason")
    if len(reason) > REASON_LENGTH:
        raise AttendanceError(lazy_ngettext("Please write at most %(num)d character.", "Please write at most %(num)d characters.",
                                             REASON_LENGTH), "reason")
    if day < today:
        raise AttendanceError(_l("That day has passed. Talk to your supervisor."), "day")
    placements = [p for p in _own_placements(participant) if scheduled_minutes(p, day)]
    if not placements:
        raise AttendanceError(_l("You are not expected at the placement on that day."), "day")
    for placement in placements:
        _report(placement, day, status, reason)
    return placements


def _report(placement: Placement, day: date, status: Status, reason: str | None) -> None:
    week = _lock_week(placement.id, monday_of(day))
    if week.confirmed_at is not None:
        raise AttendanceError(_l("This week is already confirmed. Talk to your supervisor."))
    record = _record(placement.id, day)
    if record.status is not None:
        raise AttendanceError(_l("Your supervisor has already written down this day."))
    if (record.reported_status, record.reported_reason) != (status, reason):
        record.reported_status, record.reported_reason, record.reported_at = status, reason, utcnow()
        db.session.add(record)
        week.version += 1
    db.session.flush()


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
    placements = list(db.session.scalars(select(Placement).where(Placement.participant_id.in_(ids)))) if ids else []
    placement_ids = [p.id for p in placements]
    confirmed = _confirmed_mondays(placement_ids)
    first, last = today - timedelta(days=ABSENCE_WINDOW_DAYS), today - timedelta(days=1)
    records = _records(placement_ids, first, last)
    unconfirmed, absences = defaultdict(int), defaultdict(int)
    this_monday = monday_of(today)
    for placement in placements:
        unconfirmed[placement.participant_id] += sum(
            1 for m in open_mondays(placement, confirmed[placement.id], today) if m < this_monday)
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
    """"2026-11" as a month; 404 for anything else (it is part of an address)."""
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
        return sum(1 for d in self.confirmed_days if d.status is status)

    @property
    def all_confirmed(self) -> bool:
        return len(self.confirmed_days) == len(self.days)


def placement_months(placements: list[Placement], month: Month) -> list[PlacementMonth]:
    placements = [p for p in placements if p.starts_on <= month.last and (p.ends_on is None or p.ends_on >= month.first)]
    ids = [p.id for p in placements]
    records = _records(ids, month.first, month.last)
    corrections = _corrections(ids, month.first, month.last)
    weeks = _weeks(ids, monday_of(month.first), month.last)
    return [PlacementMonth(placement=p, month=month,
                           days=shown_days(p, month.first, month.last, records[p.id], corrections[p.id]),
                           weeks=sorted((w for (pid, _), w in weeks.items() if pid == p.id), key=lambda w: w.monday))
            for p in placements]


def participant_calendar(coach: User, participant_id: int, month: Month) -> tuple[User, list[PlacementMonth]]:
    """A participant's attendance in a month, for their coach (404 for anyone else's)."""
    participant = participant_for(coach, participant_id)
    return participant, placement_months(_own_placements(participant), month)


def monthly_report(user: User, placement_id: int, month: Month) -> PlacementMonth:
    """One placement's month, for its supervisor or the participant's coach (404 for anyone else)."""
    placement = placement_for_viewer(user, placement_id)
    found = placement_months([placement], month)
    return found[0] if found else PlacementMonth(placement=placement, month=month, days=[], weeks=[])
