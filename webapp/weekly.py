"""One weekly time, as a placement's schedule and an activity's times both keep it: a weekday
(0 = Monday, as ISO weeks and Swedes count) and when it starts and ends that day."""

from datetime import time

from sqlalchemy import CheckConstraint, SmallInteger, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column


class WeeklyTime:
    """The columns of one weekly time; the model adds its owner's key and `weekly_time_rules`."""

    weekday: Mapped[int] = mapped_column(SmallInteger)
    starts_at: Mapped[time]
    ends_at: Mapped[time]

    @property
    def hours(self) -> float:
        minutes = (self.ends_at.hour * 60 + self.ends_at.minute) - (self.starts_at.hour * 60 + self.starts_at.minute)
        return minutes / 60


def weekly_time_rules(owner_key: str) -> tuple:
    """One time a weekday per owner, a real weekday, and an end after the start."""
    return (
        UniqueConstraint(owner_key, "weekday"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )
