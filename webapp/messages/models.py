"""A participant's thread: its messages, and who read each one when."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..timeutil import UTCDateTime, utcnow


class Message(db.Model):
    """One message in the participant's thread (participant_id names the thread, whoever wrote it)."""

    __table_args__ = (
        Index("ix_message_participant_sent_at", "participant_id", "sent_at"),
        # One message per form shown: a second tap or a resent POST with the same token adds nothing.
        UniqueConstraint("author_id", "token"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), index=True)
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The hidden token of the form it was sent from (None once retention has passed).
    token: Mapped[str | None] = mapped_column(String(64))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    reads: Mapped[list["MessageRead"]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="MessageRead.read_at"
    )


class MessageRead(db.Model):
    """Someone other than the author opened the thread with this message in it."""

    __table_args__ = (UniqueConstraint("message_id", "reader_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("message.id", ondelete="CASCADE"), index=True)
    reader_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    message: Mapped[Message] = relationship(back_populates="reads")
    reader: Mapped[User] = relationship()
