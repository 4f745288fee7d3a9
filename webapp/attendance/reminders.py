"""The weekly reminder: each supervisor with a past week not yet confirmed gets one mail,
in their language, with a link straight to each such week; never twice for the same week."""
from collections import defaultdict
from datetime import date

from flask_babel import force_locale, format_date, gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from .. import reminders
from ..auth.services import absolute_url
from ..extensions import db
from ..outbox.services import send_mail
from ..placements.models import Placement
from .days import monday_of
from .models import AttendanceReminder
from .reading import _confirmed_mondays, open_mondays


def _due(today: date) -> dict:
    """{supervisor: {monday: [placement, ...]}} for past weeks not confirmed and not yet reminded."""
    this_monday = monday_of(today)
    placements = list(db.session.scalars(
        select(Placement).options(joinedload(Placement.supervisor), joinedload(Placement.participant))
        .where(Placement.supervisor_id.is_not(None), Placement.starts_on < this_monday)).unique())
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


@reminders.reminder
def unconfirmed_attendance_weeks(today: date) -> int:
    """Send what is due; return how many mails went out."""
    count = 0
    for supervisor, weeks in _due(today).items():
        try:
            for monday in weeks:
                db.session.add(AttendanceReminder(supervisor_id=supervisor.id, monday=monday))
            db.session.flush()
        except IntegrityError:
            db.session.rollback()  # another run got there first
            continue
        with force_locale(supervisor.preferred_language or "sv"):
            lines = [_("Hello %(name)s,", name=supervisor.called), "",
                     _("These weeks are not confirmed yet. One tap confirms a week as scheduled."), ""]
            for monday, placements in sorted(weeks.items()):
                for placement in sorted(placements, key=lambda p: p.participant.called.casefold()):
                    lines.append(_("Week %(num)d (%(date)s), %(name)s:", num=monday.isocalendar().week,
                                   date=format_date(monday, "d MMMM"), name=placement.participant.called))
                    lines.append(absolute_url("attendance.week", placement_id=placement.id, monday=monday.isoformat()))
            send_mail(supervisor.email, _("Vägen: please confirm attendance"), "\n".join(lines))
        db.session.commit()
        count += 1
    return count
