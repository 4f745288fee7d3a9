"""Attendance, reading: the weeks a supervisor, a participant or a coach sees, and who may see
a placement's weeks."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import NotFound

from ..accounts.models import Role, User
from ..extensions import db
from ..pagination import paginate_list
from ..participants.services import participant_for
from ..placements.models import Placement
from ..placements.services import placements_of, supervised_by
from ..privacy.readlog import log_read
from ..week import monday_of, sunday_of
from .days import DayView, WeekView, scheduled_minutes, shown_days, week_days
from .models import AttendanceCorrection, AttendanceDay, AttendanceWeek


class AttendanceError(Exception):
    """A change that cannot be made, with a message for the person who tried."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


# --- Reading weeks ---------------------------------------------------------------------


def records_of(placement_ids, first: date, last: date) -> dict[int, dict[date, AttendanceDay]]:
    found = defaultdict(dict)
    if placement_ids:
        query = (
            select(AttendanceDay)
            .where(AttendanceDay.placement_id.in_(placement_ids), AttendanceDay.day.between(first, last))
            .execution_options(populate_existing=True)
        )
        for record in db.session.scalars(query):
            found[record.placement_id][record.day] = record
    return found


def weeks_of(
    placement_ids, first: date | None = None, last: date | None = None
) -> dict[tuple[int, date], AttendanceWeek]:
    """The weeks as this transaction knows them. Not read anew (populate_existing): a verb that
    changes a week has just locked and re-read it (changing._lock_week), and reading anew would
    also reload whoever confirmed them, the signed-in supervisor among them, with their
    memberships forgotten and asked again."""
    if not placement_ids:
        return {}
    query = (
        select(AttendanceWeek)
        .options(joinedload(AttendanceWeek.confirmed_by))
        .where(AttendanceWeek.placement_id.in_(placement_ids))
    )
    if first is not None:
        query = query.where(AttendanceWeek.monday.between(first, last))
    return {(w.placement_id, w.monday): w for w in db.session.scalars(query)}


def corrections_of(placement_ids, first: date, last: date) -> dict[int, dict[date, list]]:
    found = defaultdict(lambda: defaultdict(list))
    if placement_ids:
        query = (
            select(AttendanceCorrection)
            .options(joinedload(AttendanceCorrection.corrected_by))
            .where(AttendanceCorrection.placement_id.in_(placement_ids), AttendanceCorrection.day.between(first, last))
            .order_by(AttendanceCorrection.corrected_at, AttendanceCorrection.id)
        )
        for correction in db.session.scalars(query):
            found[correction.placement_id][correction.day].append(correction)
    return found


def confirmed_mondays(placement_ids) -> dict[int, set[date]]:
    """Only two columns per confirmed week: a year of history stays one small query."""
    found = defaultdict(set)
    if placement_ids:
        query = select(AttendanceWeek.placement_id, AttendanceWeek.monday).where(
            AttendanceWeek.placement_id.in_(placement_ids), AttendanceWeek.confirmed_at.is_not(None)
        )
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
    last = sunday_of(max(m for _, m in pairs))
    records, weeks = records_of(ids, first, last), weeks_of(ids, first, last)
    corrections = corrections_of(ids, first, last)
    return [
        WeekView(
            placement=p,
            monday=m,
            week=weeks.get((p.id, m)),
            days=shown_days(p, m, sunday_of(m), records[p.id], corrections[p.id]),
        )
        for p, m in pairs
    ]


def _supervisor_pairs(supervisor: User, today: date) -> list[tuple[Placement, date]]:
    """(placement, monday) for this week and every earlier unconfirmed week, newest first."""
    placements = [p for p in supervised_by(supervisor) if p.starts_on <= sunday_of(today)]
    confirmed = confirmed_mondays([p.id for p in placements])
    this_monday = monday_of(today)
    pairs = []
    for placement in placements:
        mondays = set(open_mondays(placement, confirmed[placement.id], today))
        if placement.is_on(today) or any(placement.is_on(d) for d in week_days(this_monday)):
            mondays.add(this_monday)
        pairs.extend((placement, m) for m in mondays)
    pairs.sort(key=lambda pm: (-pm[1].toordinal(), pm[0].participant.called.casefold(), pm[0].id))
    return pairs


def supervisor_weeks(supervisor: User, today: date) -> list[WeekView]:
    """This week and every earlier unconfirmed week, for each participant the person supervises,
    newest first."""
    pairs = _supervisor_pairs(supervisor, today)
    log_read(p.participant_id for p, _monday in pairs)
    return build_weeks(pairs)


HOME_WEEKS = 3  # weeks on the supervisor's home page; older ones are a link away
PAGE_WEEKS = 8  # weeks per page of the backlog
RECENT_CONFIRMED = 12


def _read_in_full(pairs: list[tuple[Placement, date]]) -> list[WeekView]:
    log_read(p.participant_id for p, _monday in pairs)
    return build_weeks(pairs)


def supervisor_backlog(supervisor: User, today: date, page: int = 1, per_page: int = PAGE_WEEKS) -> Pagination:
    """A page of `supervisor_weeks` (items: `WeekView`s): only the weeks on the page are read in full."""
    return paginate_list(_supervisor_pairs(supervisor, today), page, per_page, build=_read_in_full)


@dataclass(frozen=True)
class ConfirmedWeek:
    placement: Placement
    monday: date
    confirmed_at: datetime

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week


def recent_confirmed_weeks(supervisor: User, limit: int = RECENT_CONFIRMED) -> list[ConfirmedWeek]:
    """The supervisor's latest confirmed weeks, newest first: where a correction starts."""
    query = (
        select(Placement, AttendanceWeek.monday, AttendanceWeek.confirmed_at)
        .join(AttendanceWeek, AttendanceWeek.placement_id == Placement.id)
        .options(joinedload(Placement.participant))
        .where(Placement.supervisor_id == supervisor.id, AttendanceWeek.confirmed_at.is_not(None))
        .order_by(AttendanceWeek.monday.desc(), Placement.id)
        .limit(limit)
    )
    weeks = [ConfirmedWeek(placement, monday, at) for placement, monday, at in db.session.execute(query)]
    log_read(w.placement.participant_id for w in weeks)
    return weeks


def check_monday(placement: Placement, monday: date) -> None:
    """A week of the placement, given by its Monday; 404 for anything else."""
    if monday.weekday() != 0 or not any(placement.is_on(d) for d in week_days(monday)):
        raise NotFound()


def week_for_supervisor(supervisor: User, placement_id: int, monday: date) -> WeekView:
    placement = placement_of_supervisor(supervisor, placement_id)
    check_monday(placement, monday)
    return build_weeks([(placement, monday)])[0]


def placement_of_supervisor(supervisor: User, placement_id: int) -> Placement:
    """As placements.services.placement_for_supervisor, with the participant loaded."""
    placement = db.session.scalar(
        select(Placement).options(joinedload(Placement.participant)).where(Placement.id == placement_id)
    )
    if placement is None or placement.supervisor_id != supervisor.id:
        raise NotFound()
    log_read(placement.participant_id)
    return placement


def placement_for_viewer(user: User, placement_id: int) -> Placement:
    """The placement for its supervisor, or for a coach of its participant; 404 otherwise.
    With the people and workplace its pages name (the monthly report)."""
    placement = db.session.scalar(
        select(Placement)
        .options(
            joinedload(Placement.participant), joinedload(Placement.organisation), joinedload(Placement.supervisor)
        )
        .where(Placement.id == placement_id)
    )
    if placement is None:
        raise NotFound()
    if placement.supervisor_id == user.id:
        log_read(placement.participant_id)
        return placement
    if user.has_any_role(Role.COACH):
        participant_for(user, placement.participant_id)
        return placement
    raise NotFound()


# --- The participant's side ------------------------------------------------------------


def participant_weeks(participant: User, today: date, weeks_back: int = 4) -> list[WeekView]:
    """The participant's weeks: the last few, this one and the next, newest first."""
    this_monday = monday_of(today)
    mondays = [this_monday + timedelta(days=7 * n) for n in range(1, -weeks_back - 1, -1)]
    placements = placements_of(participant)
    pairs = [(p, m) for m in mondays for p in placements if any(p.is_on(d) for d in week_days(m))]
    return build_weeks(pairs)


def coming_days(weeks: list[WeekView], today: date) -> list[date]:
    """The days a participant can still report sick or away on: from today, expected, not yet decided, in a week
    not confirmed; each day once."""
    coming = []
    for week in reversed(weeks):
        for shown in week.days:
            if (
                shown.day >= today
                and shown.expected
                and not week.confirmed
                and not shown.decided
                and shown.day not in coming
            ):
                coming.append(shown.day)
    return coming


def here_today(weeks: list[WeekView], today: date) -> tuple[WeekView, DayView] | None:
    """The week and day of today that a placement expects the participant on (for "I am here"), if any."""
    return next(((week, shown) for week in weeks for shown in week.days if shown.day == today and shown.expected), None)


def own_days(participant: User, today: date) -> dict:
    """The participant's attendance page: their weeks, the days they can still report, and today's day."""
    weeks = participant_weeks(participant, today)
    return {"weeks": weeks, "coming": coming_days(weeks, today), "here_today": here_today(weeks, today)}
