"""A self-rating: four numbers from 1 to 10, as the participant feels it is going."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow

# (column, short name, the one question asked)
QUESTIONS = (
    ("work", _l("Work or studies"), _l("How close do you feel to work or studies?")),
    # NOTE: short label in models.py
    ("health", _l("Health"), _l("How is your health?")),
    # NOTE: short label in models.py
    ("confidence", _l("Confidence"), _l("How much do you believe in yourself?")),
    # NOTE: short label in models.py
    ("swedish", _l("Swedish"), _l("How well do you speak Swedish?")),
)
LOWEST, HIGHEST = 1, 10


class SelfRating(db.Model):
    __table_args__ = (
        Index("ix_self_rating_participant_at", "participant_id", "rated_at"),
        *(CheckConstraint(f"{name} BETWEEN {LOWEST} AND {HIGHEST}", name=f"{name}_range") for name, _, _ in QUESTIONS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    rated_at: Mapped[datetime] = mapped_column(default=utcnow)
    work: Mapped[int] = mapped_column(SmallInteger)
    health: Mapped[int] = mapped_column(SmallInteger)
    confidence: Mapped[int] = mapped_column(SmallInteger)
    swedish: Mapped[int] = mapped_column(SmallInteger)

    def value(self, name: str) -> int:
        return getattr(self, name)

    @property
    def average(self) -> float:
        return sum(self.value(name) for name, _, _ in QUESTIONS) / len(QUESTIONS)
