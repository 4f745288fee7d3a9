"""A notification: one per person told, written in the same transaction as the change.

What is kept is the event's kind, what it was about (`object_type`, `object_id`) and the few
plain values its sentence needs (`params`); the sentence itself is made when it is read, in
the reader's language (texts.py), so a person who changes language reads the old ones anew."""

from datetime import datetime, time

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


class NotificationSetting(db.Model):
    """How a person wants to be reached beyond the app (which always shows everything). None
    means "the default" (channels.py): participants by SMS when they gave a number, else by
    push; staff by e-mail."""

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    sms: Mapped[bool | None]
    push: Mapped[bool | None]
    email: Mapped[bool | None]
    # Local (Stockholm) times; no text or push between them (e-mail waits in the inbox anyway).
    quiet_from: Mapped[time | None]
    quiet_until: Mapped[time | None]


class PushSubscription(db.Model):
    """One installed app (a phone's browser) that may be sent Web Push messages."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(String(1000), unique=True)
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Delivery(db.Model):
    """A notification sent by one channel: queued in the same transaction as the notification,
    claimed by `flask send-notifications`, retried with backoff, sent once, and kept as the
    record of what went out (never the text: it is the same for everyone)."""

    __table_args__ = (UniqueConstraint("notification_id", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(ForeignKey("notification.id", ondelete="CASCADE"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(8))  # "sms", "push" or "email"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
