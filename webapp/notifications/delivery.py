"""`flask send-notifications` (cron or a worker loop): send the queued texts, pushes and
e-mails. The outbox's pattern (outbox/delivery.py): each delivery is claimed with a guarded
update (a lease) before it is sent, so two workers never send one twice; a failure is retried
with the send queues' backoff (database.record_failure) until NOTIFY_MAX_ATTEMPTS; a sent
delivery is never sent again. The message says only that there is news, with a link: no
personal detail leaves Vägen."""

from datetime import datetime, timedelta

import click
from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from ..accounts.models import User
from ..auth.services import absolute_url
from ..database import claim_due, record_failure, record_sent
from ..extensions import db
from ..outbox.services import mail_user
from ..outbox.sms import SmsError, send_sms
from ..timeutil import utcnow
from ..transaction import unit_of_work
from .channels import quiet_until, setting_of
from .models import Delivery, Notification, PushSubscription
from .push import PushError, PushGone, push_sender
from .texts import message_for_channel

LEASE = timedelta(minutes=10)


def claim(now: datetime, limit: int = 50) -> list[int]:
    """Take up to `limit` due deliveries for this worker: each only if nobody took it first."""
    return claim_due(Delivery, now, current_app.config["NOTIFY_MAX_ATTEMPTS"], LEASE, limit)


class NothingToSend(Exception):
    """No device or number any more: recorded, not retried."""


def _send(delivery: Delivery, person: User, link: str) -> None:
    setting = setting_of(person)
    with force_locale(person.preferred_language or "sv"):
        text = message_for_channel()
        if delivery.channel == "sms":
            if not setting.phone:
                raise NothingToSend("no phone number")
            send_sms(setting.phone, f"{text} {link}")
        elif delivery.channel == "push":
            subscriptions = list(
                db.session.scalars(select(PushSubscription).where(PushSubscription.user_id == person.id))
            )
            if not subscriptions:
                raise NothingToSend("no device")
            for subscription in subscriptions:
                keys = {"p256dh": subscription.p256dh, "auth": subscription.auth}
                info = {"endpoint": subscription.endpoint, "keys": keys}
                try:
                    push_sender().send(info, {"title": "Vägen", "body": text, "url": link})
                except PushGone:
                    db.session.execute(delete(PushSubscription).where(PushSubscription.id == subscription.id))
        elif delivery.channel == "email" and person.email:
            mail_user(person, "notification", _l("You have a new message in Vägen."), notification_link=link)


def deliver(delivery_id: int, now: datetime) -> bool | None:
    """Send one claimed delivery: True sent, False failed (retried later), None held back by
    quiet hours (the attempt is given back)."""
    delivery = db.session.get(Delivery, delivery_id)
    person = db.session.get(User, delivery.recipient_id)
    later = quiet_until(setting_of(person), delivery.channel, now)
    if later is not None:
        delivery.attempts -= 1
        delivery.next_attempt_at = later
        db.session.flush()
        return None
    notification = db.session.get(Notification, delivery.notification_id)
    link = absolute_url("notifications.open", notification_id=notification.id)
    try:
        _send(delivery, person, link)
    except NothingToSend as error:
        delivery.last_error = str(error)
        delivery.attempts = current_app.config["NOTIFY_MAX_ATTEMPTS"]
        db.session.flush()
        return False
    except (SmsError, PushError, OSError) as error:
        record_failure(delivery, error, now, f"Notification {notification.id} by {delivery.channel}")
        return False
    record_sent(delivery, utcnow())
    return True


def send_pending(limit: int = 50) -> tuple[int, int]:
    """Claim and send what is due, each step its own unit of work: (sent, not sent)."""
    sent = failed = 0
    while True:
        now = utcnow()
        claimed = unit_of_work(claim)(now, limit)
        for delivery_id in claimed:
            outcome = _in_request(delivery_id, now)
            if outcome:
                sent += 1
            elif outcome is False:
                failed += 1
        if len(claimed) < limit:
            return sent, failed


def _in_request(delivery_id: int, now: datetime):
    """Links and the reader's language need a request context; cron has none."""
    from ..auth.services import public_base_url

    with current_app.test_request_context("/", base_url=public_base_url()):
        return unit_of_work(deliver)(delivery_id, now)


@click.command("send-notifications")
def send_notifications_command():
    """Send the texts, pushes and e-mails of new notifications (retries with backoff)."""
    sent, failed = send_pending()
    click.echo(f"sent\t{sent}\nfailed\t{failed}")
