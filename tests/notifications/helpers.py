"""Reading what was written: each person's notifications, and their sentences in a language."""

from flask_babel import force_locale
from sqlalchemy import select

from webapp.extensions import db
from webapp.notifications.models import Notification
from webapp.notifications.texts import sentence


def notes_of(user) -> list[Notification]:
    return list(
        db.session.scalars(select(Notification).where(Notification.recipient_id == user.id).order_by(Notification.id))
    )


def all_notes() -> list[Notification]:
    return list(db.session.scalars(select(Notification).order_by(Notification.id)))


def text_in(app, notification: Notification, language: str) -> str:
    with app.test_request_context(), force_locale(language):
        return sentence(notification)
