"""A participant's placement at a workplace, and the days and hours they are expected there."""
import enum
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import Organisation, User
from ..enumtype import enum_column_type
from ..extensions import db
from ..timeutil import utcnow


class PlacementKind(enum.Enum):
    WORK_TRIAL = "work_trial"
    WORK_TRAINING = "work_training"
    INTERNSHIP = "internship"
    EMPLOYMENT = "employment"
    OTHER = "other"

    @property
    def label(self):
        return PLACEMENT_KIND_LABELS[self]


PLACEMENT_KIND_LABELS = {
    PlacementKind.WORK_TRIAL: _l("Work trial"),
    PlacementKind.WORK_TRAINING: _l("Work training"),
    PlacementKind.INTERNSHIP: _l("Internship"),
    PlacementKind.EMPLOYMENT: _l("Employment"),
    PlacementKind.OTHER: _l("Other"),
}


class Placement(db.Model):
    __table_args__ = (CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    # The workplace: a public employer, a company, a social enterprise or an association.
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    kind: Mapped[PlacementKind] = mapped_column(enum_column_type(PlacementKind, "placement_kind"))
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str | None] = mapped_column(String(300))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    participant: Mapped[User] = relationship(foreign_keys=[participant_id])
    supervisor: Mapped[User | None] = relationship(foreign_keys=[supervisor_id])
    organisation: Mapped[Organisation] = relationship()
    schedule: Mapped[list["PlacementDay"]] = relationship(
        back_populates="placement", cascade="all, delete-orphan", order_by="PlacementDay.weekday", lazy="selectin"
    )

    def is_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class PlacementDay(db.Model):
    """One weekday of the weekly schedule (0 = Monday, as ISO weeks and Swedes count)."""

    __table_args__ = (
        UniqueConstraint("placement_id", "weekday"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(SmallInteger)
    starts_at: Mapped[time]
    ends_at: Mapped[time]

    placement: Mapped[Placement] = relationship(back_populates="schedule")

    @property
    def hours(self) -> float:
        minutes = (self.ends_at.hour * 60 + self.ends_at.minute) - (self.starts_at.hour * 60 + self.starts_at.minute)
        return minutes / 60
