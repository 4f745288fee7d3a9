"""The action plan (goals and their steps), its history, the coach's appointments and
the participant's private calendar feed."""

import json
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..dates import format_date, stored_day
from ..enumtype import LabelledEnum, enum_column_type, labels
from ..extensions import db
from ..timeutil import utcnow


class Category(LabelledEnum):
    HEALTH = "health"
    LANGUAGE = "language"
    EDUCATION = "education"
    WORK_PRACTICE = "work_practice"
    EVERYDAY_LIFE = "everyday_life"
    OTHER = "other"


CATEGORY_LABELS = labels(
    {
        # NOTE: category: the label of Category.HEALTH
        Category.HEALTH: _l("Health"),
        # NOTE: category: the label of Category.LANGUAGE
        Category.LANGUAGE: _l("Language"),
        # NOTE: category: the label of Category.EDUCATION
        Category.EDUCATION: _l("Education"),
        # NOTE: category: the label of Category.WORK_PRACTICE
        Category.WORK_PRACTICE: _l("Work practice"),
        # NOTE: category: the label of Category.EVERYDAY_LIFE
        Category.EVERYDAY_LIFE: _l("Everyday life"),
        # NOTE: category: the label of Category.OTHER
        Category.OTHER: _l("Other"),
    }
)


class Status(LabelledEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    PAUSED = "paused"


STATUS_LABELS = labels(
    {
        # NOTE: status: the label of Status.PLANNED
        Status.PLANNED: _l("Planned"),
        # NOTE: status: the label of Status.IN_PROGRESS
        Status.IN_PROGRESS: _l("In progress"),
        Status.DONE: lazy_pgettext("status of a step in the plan", "Done"),
        # NOTE: status: the label of Status.PAUSED
        Status.PAUSED: _l("Paused"),
    }
)


class Doer(LabelledEnum):
    PARTICIPANT = "participant"
    COACH = "coach"
    OTHER = "other"  # a member of the team (Step.assignee); older steps name someone in Step.doer_name


DOER_LABELS = labels(
    {
        # NOTE: who does a step: the label of Doer.PARTICIPANT
        Doer.PARTICIPANT: _l("The participant"),
        # NOTE: who does a step: the label of Doer.COACH
        Doer.COACH: _l("The coach"),
        Doer.OTHER: _l("Someone in the team"),
    }
)


class Goal(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    # Optimistic concurrency: a save names the version it started from (see services.update_goal).
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    participant: Mapped[User] = relationship(foreign_keys=[participant_id])
    steps: Mapped[list["Step"]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="Step.id", lazy="selectin"
    )


class Step(db.Model):
    __table_args__ = (Index("ix_step_due", "status", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    # Kept on the step too, so caseload figures need no join through goals.
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    category: Mapped[Category] = mapped_column(enum_column_type(Category, "step_category"))
    due_on: Mapped[date | None]
    status: Mapped[Status] = mapped_column(enum_column_type(Status, "step_status"))
    doer: Mapped[Doer] = mapped_column(enum_column_type(Doer, "step_doer"))
    # Before teams (issue 18) "someone else" was free text; kept readable on older steps.
    doer_name: Mapped[str | None] = mapped_column(String(200))
    # The team member who does the step (Doer.OTHER); None when they are gone from the database.
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), index=True)
    reflection: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    goal: Mapped[Goal] = relationship(back_populates="steps")
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], lazy="joined")

    @property
    def done(self) -> bool:
        return self.status is Status.DONE

    def is_late(self, today: date) -> bool:
        """Not done and its day has passed."""
        return not self.done and self.due_on is not None and self.due_on < today


class ChangeKind(LabelledEnum):
    GOAL_ADDED = "goal_added"
    GOAL_CHANGED = "goal_changed"
    STEP_ADDED = "step_added"
    STEP_CHANGED = "step_changed"
    STEP_DONE = "step_done"
    STEP_REOPENED = "step_reopened"
    REFLECTION = "reflection"


CHANGE_LABELS = labels(
    {
        ChangeKind.GOAL_ADDED: _l("Added the goal"),
        ChangeKind.GOAL_CHANGED: _l("Changed the goal"),
        ChangeKind.STEP_ADDED: _l("Added the step"),
        ChangeKind.STEP_CHANGED: _l("Changed the step"),
        ChangeKind.STEP_DONE: _l("Marked the step as done"),
        ChangeKind.STEP_REOPENED: _l("Marked the step as not done"),
        ChangeKind.REFLECTION: _l("Wrote a reflection on the step"),
    }
)
# One line of a plan's history, as one sentence a translator can reorder: when, who, what,
# and the goal's or step's title as it was written.
CHANGE_SENTENCES = {
    # NOTE: when = a date and a time; actor = a person's name; subject = the goal as written.
    ChangeKind.GOAL_ADDED: _l("On %(when)s, %(actor)s added the goal: %(subject)s"),
    ChangeKind.GOAL_CHANGED: _l("On %(when)s, %(actor)s changed the goal: %(subject)s"),
    # NOTE: when = a date and a time; actor = a person's name; subject = the step as written.
    ChangeKind.STEP_ADDED: _l("On %(when)s, %(actor)s added the step: %(subject)s"),
    ChangeKind.STEP_CHANGED: _l("On %(when)s, %(actor)s changed the step: %(subject)s"),
    ChangeKind.STEP_DONE: _l("On %(when)s, %(actor)s marked the step as done: %(subject)s"),
    ChangeKind.STEP_REOPENED: _l("On %(when)s, %(actor)s marked the step as not done: %(subject)s"),
    ChangeKind.REFLECTION: _l("On %(when)s, %(actor)s wrote a reflection on the step: %(subject)s"),
}


class PlanChange(db.Model):
    """Who changed what in a plan, and when: the plan's visible history."""

    __table_args__ = (Index("ix_plan_change_participant_at", "participant_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    kind: Mapped[ChangeKind] = mapped_column(enum_column_type(ChangeKind, "plan_change_kind"))
    # The goal's or step's title at the time, as written.
    subject: Mapped[str] = mapped_column(String(200))
    # What changed: JSON [[field, old, new], ...] with stored values; shown translated (see `changes`).
    detail: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="joined")

    @property
    def changes(self) -> list[tuple]:
        """(field label, old, new) in the reader's language; what people wrote stays as written."""
        shown = []
        for name, old, new in json.loads(self.detail or "[]"):
            shown.append((FIELD_LABELS.get(name, name), _shown(name, old), _shown(name, new)))
        return shown

    @property
    def sentence(self):
        """This change's sentence, not yet filled (see CHANGE_SENTENCES)."""
        return CHANGE_SENTENCES[self.kind]


FIELD_LABELS = {
    # NOTE: label of 'title'
    "title": _l("Title"),
    # NOTE: label of 'description'
    "description": _l("Description"),
    "category": _l("Kind of step"),
    "due_on": _l("Do it by"),
    # NOTE: label of 'status'
    "status": _l("Status"),
    "doer": _l("Who does it"),
    "doer_name": _l("Name of the other person"),
    # NOTE: a changed field in a step's history: the team member the step was given to
    "assignee_id": _l("Team member"),
}
_ENUMS = {"category": Category, "status": Status, "doer": Doer}


def _shown(name: str, value):
    if value is None:
        return "–"
    if name in _ENUMS:
        return _ENUMS[name](value).label
    if name == "due_on":
        return format_date(stored_day(value))
    return value


class Appointment(db.Model):
    """A meeting the coach books with the participant; shown in "this week" and the calendar feed."""

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    place: Mapped[str | None] = mapped_column(String(300))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_appointment_participant_starts", "participant_id", "starts_at"),)


class CalendarFeed(db.Model):
    """The participant's private calendar address. Only a hash of the secret is kept."""

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    participant: Mapped[User] = relationship()
