"""Sending a participant's invitation link by e-mail (through the outbox) or by SMS."""

import re

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import lazy_gettext as _l

from ..accounts.models import User
from ..accounts.services import programme_id_of
from ..auth.services import absolute_url, issue_invitation
from ..outbox.services import queue_mail
from ..outbox.sms import send_sms

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ContactError(ValueError):
    message = _l("Write an e-mail address or a mobile number, like 070-123 45 67.")


def parse_contact(text: str) -> tuple[str, str]:
    """("email", address) or ("sms", "+46701234567"); ContactError for anything else."""
    text = (text or "").strip()
    if EMAIL.match(text):
        return "email", text
    digits = re.sub(r"[\s\-()]", "", text)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+46" + digits[1:]  # a Swedish number written the Swedish way
    if re.fullmatch(r"\+\d{8,15}", digits):
        return "sms", digits
    raise ContactError()


def send_invitation(participant: User, coach: User, contact: str) -> tuple[str, str]:
    """Make a new invitation (the one before stops working) and send its link; returns the
    raw token, so the page shows the same link and code, and how it went ("email" or "sms")."""
    kind, address = parse_contact(contact)
    raw = issue_invitation(participant, coach)
    link = absolute_url("auth.accept_invitation", token=raw)
    days = current_app.config["INVITATION_DAYS"]
    language = participant.preferred_language or "sv"
    if kind == "email":
        # Queued like every mail: the kept copy says "[link sent]", the link waits in the queue.
        queue_mail(
            address,
            "participant_invitation",
            _l("You are invited to Vägen"),
            language=language,
            programme_id=programme_id_of(participant),
            secret_link=link,
            participant=participant,
            coach=coach,
            days=days,
        )
        return raw, kind
    with force_locale(language):
        text = ngettext(
            "Hello %(name)s! %(coach)s invites you to Vägen. Open the link to choose a password. "
            "It works once, for %(num)d day: %(link)s",
            "Hello %(name)s! %(coach)s invites you to Vägen. Open the link to choose a password. "
            "It works once, for %(num)d days: %(link)s",
            days,
            name=participant.called,
            coach=coach.called,
            link=link,
        )
        send_sms(address, text)
    return raw, kind
