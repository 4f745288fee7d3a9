"""Events become notifications: one listener for every event in webapp/events.py (connected in
create_app's register_hooks) writes one row per person told, in the request's transaction
(flush, never commit). Reading them: the unread count for the header, the list, opening one."""

from datetime import date, datetime
from functools import cache

from flask import current_app
from sqlalchemy import func, select, update
from werkzeug.exceptions import NotFound

from ..accounts.models import User
from ..database import insert_once
from ..events import all_events
from ..extensions import db
from ..pagination import paginate
from ..timeutil import utcnow
from .models import Notification

PAGE_SIZE = 30


def _plain(value):
    """What JSON keeps: dates as ISO text (texts.py formats them in the reader's language)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value"):  # an enum
        return value.value
    return value


def record(kind: str, subject, recipients, url: str, dedupe_key: str | None = None, **params) -> list[Notification]:
    """One notification per person told (each once; nobody inactive). With a `dedupe_key`, a
    person already told under that key is not told again (a reminder run twice)."""
    made, seen = [], set()
    values = {name: _plain(value) for name, value in params.items()}
    for person in recipients:
        if person is None or person.id in seen or not person.is_active:
            continue
        seen.add(person.id)
        notification = Notification(
            recipient_id=person.id,
            kind=kind,
            object_type=type(subject).__name__ if subject is not None else None,
            object_id=getattr(subject, "id", None),
            params=values,
            url=url,
            dedupe_key=dedupe_key,
        )
        if dedupe_key is None:
            db.session.add(notification)
        elif not insert_once(notification):
            continue
        made.append(notification)
    db.session.flush()
    for listener in current_app.extensions.get(AFTER_RECORD, ()):
        listener(made)
    return made


AFTER_RECORD = "vagen.notifications.after_record"


def after_record(app, *listeners) -> None:
    """Called from register_hooks: what runs with the notifications just written, in the same
    transaction (the channels queue their deliveries there)."""
    registered = app.extensions.setdefault(AFTER_RECORD, [])
    registered.extend(listener for listener in listeners if listener not in registered)


@cache
def listener_for(kind: str):
    """The receiver for one event: the same function each time, so connecting twice (a second
    app in the same process) does not tell anyone twice."""

    def receive(subject, *, recipients, url, dedupe_key=None, **params):
        return record(kind, subject, recipients, url, dedupe_key=dedupe_key, **params)

    receive.__name__ = f"notify_{kind.replace('-', '_')}"
    return receive


def connect_events() -> None:
    """Called from register_hooks: every event in events.py makes notifications."""
    for kind, signal in all_events().items():
        signal.connect(listener_for(kind), weak=False)


# --- Reading -------------------------------------------------------------------------------


def unread_count(user: User) -> int:
    """How many of the person's notifications are unread: one query, for the header."""
    return db.session.scalar(
        select(func.count(Notification.id)).where(Notification.recipient_id == user.id, Notification.read_at.is_(None))
    )


def notifications_of(user: User, page: int = 1):
    """The person's notifications, newest first, a page at a time."""
    query = (
        select(Notification)
        .where(Notification.recipient_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return paginate(query, page, PAGE_SIZE)


def notification_for(user: User, notification_id: int) -> Notification:
    """The person's own notification; anyone else's is not found."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.recipient_id != user.id:
        raise NotFound()
    return notification


def open_notification(user: User, notification_id: int) -> str:
    """Mark it read (once) and say where the thing is."""
    notification = notification_for(user, notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()
    return notification.url


def mark_all_read(user: User) -> int:
    """Every unread notification of the person is read now; how many were."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.recipient_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


# --- Settings and installed apps ---------------------------------------------------------


def save_settings(user: User, phone, sms: bool, push: bool, email: bool, quiet_from, quiet_until):
    """The person's own choices (in-app notifications are always on)."""
    from .models import NotificationSetting

    setting = db.session.get(NotificationSetting, user.id) or NotificationSetting(user_id=user.id)
    setting.phone, setting.sms, setting.push, setting.email = phone, sms, push, email
    setting.quiet_from, setting.quiet_until = quiet_from, quiet_until
    db.session.add(setting)
    db.session.flush()
    return setting


def add_push_subscription(user: User, endpoint: str, p256dh: str, auth: str) -> None:
    """This phone's installed app may be sent pushes; the same app again replaces its keys."""
    from .models import PushSubscription

    if not endpoint.startswith("https://") or len(endpoint) > 1000 or not p256dh or not auth:
        raise ValueError("not a push subscription")
    existing = db.session.scalar(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    if existing is None:
        existing = PushSubscription(endpoint=endpoint)
        db.session.add(existing)
    existing.user_id, existing.p256dh, existing.auth = user.id, p256dh[:200], auth[:100]
    db.session.flush()
