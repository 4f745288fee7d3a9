"""The weekly reminder: each supervisor with a past week not yet confirmed gets one mail,
in their language, with a link straight to each such week; never twice for the same week."""

from collections import defaultdict
from datetime import date

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..auth.services import absolute_url
from ..database import insert_once
from ..extensions import db
from ..outbox.services import mail_user
from ..placements.models import Placement
from ..week import monday_of
from ..wording import localized
from .models import AttendanceReminder
from .reading import _confirmed_mondays, open_mondays


def _due(today: date) -> dict:
    """{supervisor: {monday: [placement, ...]}} for past weeks not confirmed and not yet reminded."""
    this_monday = monday_of(today)
    placements = list(
        db.session.scalars(
            select(Placement)
            .options(joinedload(Placement.supervisor), joinedload(Placement.participant))
            .where(Placement.supervisor_id.is_not(None), Placement.starts_on < this_monday)
        ).unique()
    )
    confirmed = _confirmed_mondays([p.id for p in placements])
    sent = set(db.session.execute(select(AttendanceReminder.supervisor_id, AttendanceReminder.monday)).all())
    due = defaultdict(lambda: defaultdict(list))
    for placement in placements:
        supervisor = placement.supervisor
        if not supervisor.email or not supervisor.is_active:
            continue
        for monday in open_mondays(placement, confirmed[placement.id], today):
            if monday < this_monday and (supervisor.id, monday) not in sent:
                due[supervisor][monday].append(placement)
    return due


def unconfirmed_attendance_weeks(today: date) -> int:
    """Send what is due; return how many mails went out."""
    count = 0
    for supervisor, weeks in _due(today).items():
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
        count += 1
    return count
