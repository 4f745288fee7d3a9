"""A notification: one per person told, written in the same transaction as the change.

What is kept is the event's kind, what it was about (`object_type`, `object_id`) and the few
plain values its sentence needs (`params`); the sentence itself is made when it is read, in
the reader's language (texts.py), so a person who changes language reads the old ones anew."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class Notification(db.Model):
    __table_args__ = (
        # A reminder carries a key: running `flask send-reminders` twice tells the person once.
        UniqueConstraint("recipient_id", "dedupe_key"),
        Index("ix_notification_unread", "recipient_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(Integer)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    url: Mapped[str] = mapped_column(String(500))
    dedupe_key: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[datetime | None]
