"""The weekly reminder: each supervisor with a past week not yet confirmed gets one mail,
in their language, with a link straight to each such week, and a notification per week;
never twice for the same week. And the coach hears of a day the supervisor wrote down as
away that the participant had not reported."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import events
from ..accounts.models import User
from ..auth.services import absolute_url
from ..database import insert_once
from ..extensions import db
from ..outbox.services import mail_user
from ..placements.models import Placement
from ..reminders import remind
from ..week import monday_of
from ..wording import localized
from .models import AttendanceDay, AttendanceReminder, Status
from .reading import confirmed_mondays, open_mondays

SUPERVISORS_AT_ONCE = 500


def _due(today: date) -> Iterator[tuple[User, dict]]:
    """(supervisor, {monday: [placement, ...]}) for past weeks not confirmed and not yet
    reminded, read a few hundred supervisors at a time: memory stays the same at national
    scale instead of holding every placement and every reminder ever sent."""
    this_monday = monday_of(today)
    started = (Placement.supervisor_id.is_not(None), Placement.starts_on < this_monday)
    after = 0
    while True:
        batch = list(
            db.session.scalars(
                select(Placement.supervisor_id)
                .where(*started, Placement.supervisor_id > after)
                .distinct()
                .order_by(Placement.supervisor_id)
                .limit(SUPERVISORS_AT_ONCE)
            )
        )
        if not batch:
            return
        after = batch[-1]
        yield from _due_for(batch, today, this_monday)


def _due_for(supervisor_ids: list[int], today: date, this_monday: date) -> Iterator[tuple[User, dict]]:
    placements = list(
        db.session.scalars(
            select(Placement)
            # The supervisors' memberships: each mail is kept under their programme (mail_user).
            .options(joinedload(Placement.supervisor).selectinload(User.memberships), joinedload(Placement.participant))
            .where(Placement.supervisor_id.in_(supervisor_ids), Placement.starts_on < this_monday)
            .order_by(Placement.supervisor_id, Placement.id)
        ).unique()
    )
    confirmed = confirmed_mondays([p.id for p in placements])
    reminded = select(AttendanceReminder.supervisor_id, AttendanceReminder.monday).where(
        AttendanceReminder.supervisor_id.in_(supervisor_ids)
    )
    sent = set(db.session.execute(reminded).all())
    due = defaultdict(lambda: defaultdict(list))
    for placement in placements:
        supervisor = placement.supervisor
        if not supervisor.email or not supervisor.is_active:
            continue
        for monday in open_mondays(placement, confirmed[placement.id], today):
            if monday < this_monday and (supervisor.id, monday) not in sent:
                due[supervisor][monday].append(placement)
    yield from due.items()


def unconfirmed_attendance_weeks(today: date) -> int:
    """Send what is due; return how many mails went out."""
    count = 0
    for supervisor, weeks in _due(today):
        if not insert_once(*(AttendanceReminder(supervisor_id=supervisor.id, monday=m) for m in weeks)):
            continue  # another run got there first
        with force_locale(supervisor.preferred_language or "sv"):
            weeks_listed = [
                {
                    "number": monday.isocalendar().week,
                    "date": localized(monday, "MMMMd"),
                    "name": placement.participant.called,
                    "link": absolute_url("attendance.week", placement_id=placement.id, monday=monday.isoformat()),
                }
                for monday, placements in sorted(weeks.items())
                for placement in sorted(placements, key=lambda p: p.participant.called.casefold())
            ]
        mail_user(supervisor, "attendance_reminder", _l("Vägen: please confirm attendance"), weeks=weeks_listed)
        _tell_unconfirmed(supervisor, weeks, today)
        count += 1
    return count


def _tell_unconfirmed(supervisor, weeks: dict, today: date) -> None:
    """A notification per week and placement, in the same run as the mail."""
    for monday, placements in sorted(weeks.items()):
        for placement in placements:
            remind(
                events.week_unconfirmed,
                placement,
                to=supervisor,
                url=events.path_to("attendance.week", placement_id=placement.id, monday=monday.isoformat()),
                once=f"{placement.id}:{monday}",
                **events.about_participant(placement.participant),
                monday=monday,
                days=(today - (monday + timedelta(days=6))).days,
            )


ABSENCE_WINDOW = timedelta(days=7)


def absences_recorded(today: date) -> int:
    """Days of the last week the supervisor wrote down as away (or sick) that the participant
    had not told of: the responsible coach hears of each once."""
    from ..enrolment.models import Enrolment

    query = (
        select(AttendanceDay, Placement, Enrolment)
        .join(Placement, Placement.id == AttendanceDay.placement_id)
        .join(Enrolment, Enrolment.participant_id == Placement.participant_id)
        .options(joinedload(Placement.participant), joinedload(Enrolment.responsible_coach))
        .where(
            AttendanceDay.status.in_((Status.ABSENT, Status.SICK)),
            AttendanceDay.reported_status.is_(None),
            AttendanceDay.day >= today - ABSENCE_WINDOW,
            AttendanceDay.day < today,
        )
        .order_by(AttendanceDay.id)
    )
    count = 0
    for record, placement, enrolment in db.session.execute(query).unique():
        count += remind(
            events.absence_recorded,
            record,
            to=enrolment.responsible_coach,
            url=events.path_to("attendance.calendar", participant_id=placement.participant_id),
            once=record.id,
            **events.about_participant(placement.participant),
            day=record.day,
        )
    return count
