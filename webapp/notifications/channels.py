"""Which channels tell a person beyond the app, and when: their settings, else sensible
defaults; quiet hours hold back texts and pushes until the morning. Deliveries are queued in
the same transaction as the notification (queue_deliveries) and sent by delivery.py."""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from ..accounts.models import Role, User
from ..accounts.services import with_memberships
from ..extensions import db
from ..timeutil import STOCKHOLM, utcnow
from .models import Delivery, Notification, NotificationSetting, PushSubscription
from .push import push_enabled

CHANNELS = ("sms", "push", "email")
# Nobody is woken by Vägen: without their own, everyone has these quiet hours.
QUIET_FROM, QUIET_UNTIL = time(21, 0), time(8, 0)
QUIET_CHANNELS = ("sms", "push")


def setting_of(user: User) -> NotificationSetting:
    """The person's setting (not saved until changed)."""
    return db.session.get(NotificationSetting, user.id) or NotificationSetting(user_id=user.id)


def chosen_channels(user: User, setting: NotificationSetting, has_push: bool) -> list[str]:
    """The person's own choice where they made one; else participants by SMS when they gave a
    number and by push otherwise, staff by e-mail."""
    participant = Role.PARTICIPANT in user.roles and not user.has_any_role(
        Role.COACH, Role.SUPERVISOR, Role.ORGANISATION_ADMIN, Role.PROGRAMME_ADMIN
    )
    defaults = {
        "sms": participant and bool(setting.phone),
        "push": participant and not setting.phone,
        "email": not participant and bool(user.email),
    }
    wanted = {c: defaults[c] if getattr(setting, c) is None else getattr(setting, c) for c in CHANNELS}
    possible = {"sms": bool(setting.phone), "push": has_push and push_enabled(), "email": bool(user.email)}
    return [c for c in CHANNELS if wanted[c] and possible[c]]


def quiet_until(setting: NotificationSetting, channel: str, now: datetime) -> datetime | None:
    """When the quiet hours around `now` end (None: not quiet now, or a channel they do not hold back)."""
    if channel not in QUIET_CHANNELS:
        return None
    start = setting.quiet_from if setting.quiet_from is not None else QUIET_FROM
    end = setting.quiet_until if setting.quiet_until is not None else QUIET_UNTIL
    if start == end:
        return None
    local = now.astimezone(STOCKHOLM)
    at = local.time()
    quiet = (start <= at < end) if start < end else (at >= start or at < end)
    if not quiet:
        return None
    ends = datetime.combine(local.date(), end, tzinfo=STOCKHOLM)
    if ends <= local:
        ends += timedelta(days=1)
    return ends


def queue_deliveries(notifications: list[Notification]) -> None:
    """A delivery per channel the person is reached by, in the notification's transaction."""
    if not notifications:
        return
    ids = {n.recipient_id for n in notifications}
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))}
    with_memberships(people.values())  # their roles decide the default channels
    chosen = select(NotificationSetting).where(NotificationSetting.user_id.in_(ids))
    settings = {s.user_id: s for s in db.session.scalars(chosen)}
    with_push = set(db.session.scalars(select(PushSubscription.user_id).where(PushSubscription.user_id.in_(ids))))
    now = utcnow()
    for notification in notifications:
        person = people[notification.recipient_id]
        setting = settings.get(person.id) or NotificationSetting(user_id=person.id)
        for channel in chosen_channels(person, setting, person.id in with_push):
            db.session.add(
                Delivery(
                    notification_id=notification.id,
                    recipient_id=person.id,
                    channel=channel,
                    next_attempt_at=quiet_until(setting, channel, now) or now,
                )
            )
    db.session.flush()
