"""Feedback forms as data (templates, versioned) and the feedback a supervisor gives on them."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..enumtype import LabelledEnum, enum_column_type, labels
from ..extensions import db
from ..placements.models import Placement
from ..timeutil import utcnow


class FeedbackTemplate(db.Model):
    """One version of a feedback form. `definition` holds the groups, items, scale and
    questions with their texts in all four languages (see definition.py). A version that
    has feedback on it is never changed: editing it makes the next version. Each programme
    keeps its own templates."""

    __table_args__ = (UniqueConstraint("programme_id", "key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    key: Mapped[str] = mapped_column(String(60), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    definition: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class FeedbackPoint(LabelledEnum):
    TWO_WEEKS = "two_weeks"
    HALF_WAY = "half_way"
    END = "end"
    ASKED = "asked"


FEEDBACK_POINT_LABELS = labels(
    {
        FeedbackPoint.TWO_WEEKS: _l("After two weeks"),
        # NOTE: point in time when feedback is given: the label of FeedbackPoint.HALF_WAY
        FeedbackPoint.HALF_WAY: _l("Half-way"),
        FeedbackPoint.END: _l("At the end"),
        # NOTE: point in time when feedback is given: the label of FeedbackPoint.ASKED
        FeedbackPoint.ASKED: _l("Asked for"),
    }
)


class Feedback(db.Model):
    """Feedback at one point of a placement: due, then a draft, then submitted.

    The row is made when the point is reminded of, or when the supervisor starts it; its
    template version is fixed from then on, so later edits of the template never reach it."""

    __table_args__ = (UniqueConstraint("placement_id", "point", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"), index=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("feedback_template.id"), index=True)
    point: Mapped[FeedbackPoint] = mapped_column(enum_column_type(FeedbackPoint, "feedback_point"))
    due_on: Mapped[date]
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    # {item key: level value} and {question key: text}: only keys of the template version.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    texts: Mapped[dict] = mapped_column(JSON, default=dict)
    # The language the supervisor wrote the free text in (their language when they saved).
    text_language: Mapped[str | None] = mapped_column(String(8))
    given_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    participant_comment: Mapped[str | None] = mapped_column(Text)
    commented_at: Mapped[datetime | None]

    placement: Mapped[Placement] = relationship()
    # Loaded by id (the identity map shares it): a handful of versions serve every feedback.
    template: Mapped[FeedbackTemplate] = relationship()
    given_by: Mapped[User | None] = relationship(foreign_keys=[given_by_id])

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_started(self) -> bool:
        return bool(self.answers or self.texts)
