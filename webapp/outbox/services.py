"""Queue mail in the outbox (a request never talks to SMTP) and show it to the right admins.

A mail is a pair of templates, templates/mail/<name>.txt and .html, rendered in the
recipient's language. A live link (a password reset, an invitation) is passed as
`secret_link`: the kept body says "[link sent]" instead, and the real text waits in
`delivery` until `flask send-mail` has sent it."""

from contextlib import nullcontext

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import Role, User
from ..accounts.services import programme_id_of
from ..extensions import db
from .models import OutboxMessage


def queue_mail(
    to_address: str,
    template: str,
    subject,
    *,
    language: str = "sv",
    programme_id: int | None = None,
    secret_link: str | None = None,
    **context,
) -> OutboxMessage:
    """Render the mail in `language` and queue it; `subject` may be a lazy string."""
    # Templates (and their context processors) expect a request; a CLI command has none.
    outside = (
        nullcontext()
        if has_request_context()
        else current_app.test_request_context("/", base_url=current_app.config["PUBLIC_BASE_URL"])
    )
    with outside, force_locale(language):

        def rendered(link):
            return (
                render_template(f"mail/{template}.txt", link=link, **context),
                render_template(f"mail/{template}.html", link=link, **context),
            )

        # NOTE: short label from queue_mail() in services.py
        text, html = rendered(_("[link sent]") if secret_link else None)
        delivery = None
        if secret_link:
            real_text, real_html = rendered(secret_link)
            delivery = {"text": real_text, "html": real_html}
        message = OutboxMessage(
            to_address=to_address,
            subject=str(subject),
            body=text,
            html_body=html,
            delivery=delivery,
            language=language,
            programme_id=programme_id,
        )
    db.session.add(message)
    db.session.flush()
    return message


def mail_user(user: User, template: str, subject, secret_link: str | None = None, **context) -> OutboxMessage:
    """Queue a mail to a person, in their language, for their programme's admins to see."""
    return queue_mail(
        user.email,
        template,
        subject,
        language=user.preferred_language or "sv",
        programme_id=programme_id_of(user),
        secret_link=secret_link,
        user=user,
        **context,
    )


def recent_messages(admin: User, limit: int = 100) -> list[OutboxMessage]:
    """The latest messages of the programmes the admin runs, newest first."""
    programme_ids = {o.programme_id for o in admin.organisations_where(Role.PROGRAMME_ADMIN)}
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.programme_id.in_(programme_ids))
            .order_by(OutboxMessage.id.desc())
            .limit(limit)
        )
    )
