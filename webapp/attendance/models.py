"""Attendance at a placement: each day's status and hours, the week's confirmation,
corrections after it, the participant's own reports, and the reminders sent."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..enumtype import LabelledEnum, enum_column_type, labels
from ..extensions import db
from ..timeutil import utcnow


class Status(LabelledEnum):
    PRESENT = "present"
    ABSENT = "absent"
    SICK = "sick"
    EXCUSED = "excused"
    NOT_SCHEDULED = "not_scheduled"

    @property
    def is_absence(self) -> bool:
        return self in (Status.ABSENT, Status.SICK)


STATUS_LABELS = labels(
    {
        Status.PRESENT: lazy_pgettext("attendance status of a day", "Present"),
        # NOTE: status: the label of Status.ABSENT
        Status.ABSENT: _l("Absent"),
        # NOTE: status: the label of Status.SICK
        Status.SICK: _l("Sick"),
        # NOTE: status: the label of Status.EXCUSED
        Status.EXCUSED: _l("Excused absence"),
        # NOTE: status: the label of Status.NOT_SCHEDULED
        Status.NOT_SCHEDULED: _l("Not scheduled"),
    }
)


class AttendanceWeek(db.Model):
    """One placement's week (by its Monday). The row is also the lock every change to the
    week's days takes first, so concurrent taps queue up instead of overwriting each other."""

    __table_args__ = (UniqueConstraint("placement_id", "monday"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"), index=True)
    monday: Mapped[date]
    version: Mapped[int] = mapped_column(Integer, default=0)
    confirmed_at: Mapped[datetime | None]
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    confirmed_by: Mapped[User | None] = relationship()


class AttendanceDay(db.Model):
    """What happened on one day: the supervisor's word (status, minutes) and, before it,
    the participant's own report (a proposal the supervisor confirms)."""

    __table_args__ = (
        UniqueConstraint("placement_id", "day"),
        CheckConstraint("minutes IS NULL OR (minutes >= 0 AND minutes <= 1440)", name="minutes_in_a_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]
    status: Mapped[Status | None] = mapped_column(enum_column_type(Status, "attendance_status"))
    # Minutes, not fractional hours: sums are exact, so reports equal what was confirmed.
    minutes: Mapped[int | None]
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    set_at: Mapped[datetime | None]
    reported_status: Mapped[Status | None] = mapped_column(enum_column_type(Status, "attendance_reported_status"))
    reported_reason: Mapped[str | None] = mapped_column(String(500))
    reported_at: Mapped[datetime | None]


class AttendanceCorrection(db.Model):
    """A change to a confirmed day: old and new value, why, who and when. Never edited."""

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]
    old_status: Mapped[Status] = mapped_column(enum_column_type(Status, "correction_old_status"))
    old_minutes: Mapped[int]
    new_status: Mapped[Status] = mapped_column(enum_column_type(Status, "correction_new_status"))
    new_minutes: Mapped[int]
    reason: Mapped[str] = mapped_column(String(500))
    corrected_by_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    corrected_at: Mapped[datetime] = mapped_column(default=utcnow)

    corrected_by: Mapped[User] = relationship()


class AttendanceReminder(db.Model):
    """One reminder per supervisor and unconfirmed week: `flask send-reminders` twice sends it once."""

    __table_args__ = (UniqueConstraint("supervisor_id", "monday"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    monday: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
