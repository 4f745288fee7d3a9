"""Attendance, changing: confirming, changing and correcting days, the participant's
check-in and reports.

Every change to a week's days first takes the placement's row (`_lock_week`, through
`database.lock_row`): on PostgreSQL a row lock, on SQLite the write lock, so two supervisors,
a double tap or a resent request are applied one after the other, and each sees what the
other did. Verbs flush; the request commits, and a refusal (AttendanceError) is rolled back
by the view, so a check-in at several placements is saved whole or not at all."""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select

from .. import events
from ..accounts.models import User
from ..database import lock_row
from ..enrolment.lookup import tell_responsible_coach
from ..extensions import db
from ..input import optional_text
from ..placements.models import Placement
from ..placements.services import placements_of
from ..timeutil import utcnow
from ..week import monday_of
from .days import WeekView, day_view, scheduled_minutes
from .models import AttendanceCorrection, AttendanceDay, AttendanceWeek, Status
from .reading import (
    AttendanceError,
    build_weeks,
    check_monday,
    placement_for_viewer,
    placement_of_supervisor,
)

MAX_MINUTES = 24 * 60
REASON_LENGTH = 500


# --- Changing weeks --------------------------------------------------------------------


def _lock_week(placement_id: int, monday: date) -> AttendanceWeek:
    """Take the placement's row for the rest of the transaction (`lock_row`), then its week
    (made if missing): changes to one placement's weeks happen one after the other."""
    placement = lock_row(Placement, id=placement_id)
    # Read anew, the placement has forgotten its participant: the week page names them, so
    # they are read here and not while the page is shown.
    db.session.refresh(placement, ["participant"])
    week = db.session.scalar(
        select(AttendanceWeek)
        .where(AttendanceWeek.placement_id == placement_id, AttendanceWeek.monday == monday)
        .execution_options(populate_existing=True)
    )
    if week is None:
        week = AttendanceWeek(placement_id=placement_id, monday=monday, version=0)
        db.session.add(week)
        db.session.flush()
    return week


def _record(placement_id: int, day: date) -> AttendanceDay:
    record = db.session.scalar(
        select(AttendanceDay)
        .where(AttendanceDay.placement_id == placement_id, AttendanceDay.day == day)
        .execution_options(populate_existing=True)
    )
    # A new row joins the session only when something is written on it: a refusal or
    # "nothing changed" leaves no empty day behind.
    return record if record is not None else AttendanceDay(placement_id=placement_id, day=day)


@dataclass
class Outcome:
    week: WeekView
    changed: bool


def confirm_week(
    supervisor: User, placement_id: int, monday: date, today: date, seen_version: int | None = None
) -> Outcome:
    """Confirm the week as it stands, up to today: days that have not begun stay open (the
    participant may still check in or report sick), and the week is confirmed once its last
    expected day has begun. Confirming again changes nothing (a double tap, a resend); a week
    changed since the page was read is not confirmed unseen."""
    placement = placement_of_supervisor(supervisor, placement_id)
    check_monday(placement, monday)
    if monday > today:
        raise AttendanceError(_l("This week has not started yet. You can confirm it from its first day."))
    week = _lock_week(placement.id, monday)
    if week.confirmed_at is not None:
        return Outcome(build_weeks([(placement, monday)])[0], changed=False)
    if seen_version is not None and seen_version != week.version:
        raise AttendanceError(
            _l("Someone changed this week while you were looking at it. Check the days and confirm again.")
        )
    view = build_weeks([(placement, monday)])[0]
    now, changed = utcnow(), False
    for shown in view.days:
        if shown.day > today:
            continue
        if shown.decided and (shown.record.status, shown.record.minutes) == (shown.status, shown.minutes):
            continue
        record = shown.record or _record(placement.id, shown.day)
        record.status, record.minutes = shown.status, shown.minutes
        db.session.add(record)
        if shown.record is None or shown.record.set_by_id is None:
            record.set_by_id, record.set_at = supervisor.id, now
        changed = True
    if view.complete_by(today):
        # The person, not only the id: the week view built next shows who confirmed it.
        week.confirmed_at, week.confirmed_by, changed = now, supervisor, True
    if not changed:
        return Outcome(view, changed=False)
    week.version += 1
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


def change_day(
    user: User,
    placement: Placement,
    day: date,
    status: Status,
    minutes: int | None,
    reason: str = "",
    today: date | None = None,
) -> Outcome:
    """Set one day. Before the week is confirmed: by its supervisor, at once. After: a
    correction, by the supervisor or the participant's coach, only with a reason."""
    if not placement.is_on(day):
        raise AttendanceError(_l("This day is outside the placement."))
    scheduled = scheduled_minutes(placement, day)
    minutes = _checked_minutes(status, minutes, scheduled)
    reason = (reason or "").strip()
    if len(reason) > REASON_LENGTH:
        raise AttendanceError(
            lazy_ngettext(
                "Please write at most %(num)d character.", "Please write at most %(num)d characters.", REASON_LENGTH
            ),
            "reason",
        )
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
    db.session.add(
        AttendanceCorrection(
            placement_id=placement.id,
            day=day,
            old_status=old.status,
            old_minutes=old.minutes,
            new_status=status,
            new_minutes=minutes,
            reason=reason,
            corrected_by_id=user.id,
            corrected_at=now,
        )
    )
    record.status, record.minutes, record.set_by_id, record.set_at = status, minutes, user.id, now
    db.session.add(record)
    week.version += 1
    db.session.flush()
    return Outcome(build_weeks([(placement, monday)])[0], changed=True)


def correct_day_as_coach(
    coach: User, placement_id: int, day: date, status: Status, minutes: int | None, reason: str
) -> Outcome:
    placement = placement_for_viewer(coach, placement_id)
    if placement.supervisor_id != coach.id:
        week = db.session.scalar(
            select(AttendanceWeek).where(
                AttendanceWeek.placement_id == placement.id, AttendanceWeek.monday == monday_of(day)
            )
        )
        if week is None or week.confirmed_at is None:
            raise AttendanceError(_l("Only the supervisor changes a week before it is confirmed."))
    return change_day(coach, placement, day, status, minutes, reason)


# --- The participant's side ------------------------------------------------------------


def check_in(participant: User, today: date) -> list[Placement]:
    """ "I am here": a proposal of presence today, at every placement that expects them today."""
    placements = [p for p in placements_of(participant) if scheduled_minutes(p, today)]
    if not placements:
        raise AttendanceError(_l("You have no placement day today."))
    for placement in placements:
        _report(placement, today, Status.PRESENT, None)
    return placements


def report_absence(participant: User, day: date, status: Status, reason: str, today: date) -> list[Placement]:
    """Tell the supervisor in advance: sick or away on a day (at every placement that expects
    the participant that day). The reason is optional and only the coach reads it."""
    if status not in (Status.SICK, Status.ABSENT):
        raise AttendanceError(_l("Please choose one."), "status")
    reason = optional_text(reason)
    if reason and len(reason) > REASON_LENGTH:
        raise AttendanceError(
            lazy_ngettext(
                "Please write at most %(num)d character.", "Please write at most %(num)d characters.", REASON_LENGTH
            ),
            "reason",
        )
    if day < today:
        raise AttendanceError(_l("That day has passed. Talk to your supervisor."), "day")
    placements = [p for p in placements_of(participant) if scheduled_minutes(p, day)]
    if not placements:
        raise AttendanceError(_l("You are not expected at the placement on that day."), "day")
    changed = [placement for placement in placements if _report(placement, day, status, reason)]
    if changed:
        _tell_absence(participant, changed, day, status)
    return placements


def _tell_absence(participant: User, placements: list[Placement], day: date, status: Status) -> None:
    """The responsible coach and each workplace's supervisor hear of it (never the reason)."""
    about = dict(status=status, day=day, **events.about_participant(participant))
    url = events.path_to("attendance.calendar", participant_id=participant.id)
    tell_responsible_coach(events.reported_sick, participant, participant, url, **about)
    for placement in placements:
        events.reported_sick.send(
            placement,
            recipients=[placement.supervisor],
            url=events.path_to("attendance.week", placement_id=placement.id, monday=monday_of(day).isoformat()),
            **about,
        )


def _report(placement: Placement, day: date, status: Status, reason: str | None) -> bool:
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
        return True
    db.session.flush()
    return False
