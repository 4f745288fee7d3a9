"""Taps sent again: a phone that lost its connection queues a POST and sends it when it is
back, perhaps twice (the reply was lost, two tabs replayed at once). The key it sent with
the tap is kept here with the answer, so the second arrival gets the first one's answer
instead of doing the work again."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow

KEY_LENGTH = 64


class ReplayKey(db.Model):
    """One idempotency key a person sent, and what the server answered (status, where to go)."""

    # Keys are unique per person: another person's phone may well pick the same one.
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    status: Mapped[int] = mapped_column(Integer)
    location: Mapped[str] = mapped_column(String(500), default="")
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
