"""Send mail through one outbox: SMTP when configured, otherwise the table and the log."""
import smtplib
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..timeutil import utcnow
from .models import OutboxMessage


def send_mail(to_address: str, subject: str, body: str) -> OutboxMessage:
    """Queue a message and try to deliver it at once; a failure is recorded, not raised."""
    message = OutboxMessage(to_address=to_address, subject=subject, body=body)
    db.session.add(message)
    db.session.flush()
    deliver(message)
    return message


def deliver(message: OutboxMessage) -> None:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        current_app.logger.info(
            "No SMTP server configured; message %s to %s kept in the outbox: %s\n%s",
            message.id, message.to_address, message.subject, message.body,
        )
        return
    mail = EmailMessage()
    mail["From"] = config["MAIL_FROM"]
    mail["To"] = message.to_address
    mail["Subject"] = message.subject
    mail.set_content(message.body)
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(mail)
    except (OSError, smtplib.SMTPException) as error:
        message.error = str(error)[:500]
        current_app.logger.warning("Mail %s to %s failed: %s", message.id, message.to_address, error)
        return
    message.sent_at = utcnow()
    message.error = None


def recent_messages(limit: int = 100) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)))
