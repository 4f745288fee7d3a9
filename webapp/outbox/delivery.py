"""`flask send-mail` (cron or a worker loop): deliver what the outbox holds.

Each message is claimed with a guarded update before it is sent, so two workers running
at once never send the same message twice; a failure is retried with exponential
backoff until MAIL_MAX_ATTEMPTS. A claim is a lease: a worker that dies mid-send leaves
the message to be retried once the lease has run out."""

import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage

import click
from flask import current_app
from sqlalchemy import select

from ..database import claim_due, due_in_queue, record_failure, record_sent
from ..extensions import db
from ..timeutil import utcnow
from ..transaction import unit_of_work
from .models import OutboxMessage

LEASE = timedelta(minutes=10)


def _due(now: datetime):
    return due_in_queue(OutboxMessage, now, current_app.config["MAIL_MAX_ATTEMPTS"])


def claim(now: datetime, limit: int = 50) -> list[int]:
    """Take up to `limit` due messages for this worker: each only if nobody took it first."""
    return claim_due(OutboxMessage, now, current_app.config["MAIL_MAX_ATTEMPTS"], LEASE, limit)


def deliver(message_id: int, now: datetime) -> bool:
    """Send one claimed message; on success forget its live link, on failure plan the retry."""
    message = db.session.get(OutboxMessage, message_id)
    delivery = message.delivery or {"text": message.body, "html": message.html_body}
    mail = EmailMessage()
    mail["From"] = current_app.config["MAIL_FROM"]
    mail["To"] = message.to_address
    mail["Subject"] = message.subject
    mail.set_content(delivery["text"])
    if delivery.get("html"):
        mail.add_alternative(delivery["html"], subtype="html")
    try:
        sender()(mail)
    except (OSError, smtplib.SMTPException) as error:
        record_failure(message, error, now, f"Mail {message.id} to {message.to_address}")
        return False
    message.delivery = None
    record_sent(message, utcnow())
    return True


def sender():
    """MAIL_SENDER (a callable taking an EmailMessage; tests collect into a list), else SMTP."""
    return current_app.config.get("MAIL_SENDER") or smtp_send


def smtp_send(mail: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(mail)


def send_pending(limit: int = 50) -> tuple[int, int]:
    """Claim and deliver what is due, each step its own unit of work: (sent, failed)."""
    sent = failed = 0
    while True:
        now = utcnow()
        claimed = unit_of_work(claim)(now, limit)
        for message_id in claimed:
            if unit_of_work(deliver)(message_id, now):
                sent += 1
            else:
                failed += 1
        if len(claimed) < limit:
            return sent, failed


@click.command("send-mail")
def send_mail_command():
    """Deliver the queued mail that is due (retries with backoff)."""
    if not current_app.config.get("MAIL_SERVER") and not current_app.config.get("MAIL_SENDER"):
        waiting = db.session.scalar(select(db.func.count(OutboxMessage.id)).where(*_due(utcnow())))
        click.echo(f"No MAIL_SERVER configured: {waiting} messages wait in the outbox.")
        return
    sent, failed = send_pending()
    click.echo(f"sent\t{sent}\nfailed\t{failed}")
