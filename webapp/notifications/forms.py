"""How a person wants to be told: a number for texts, the channels, quiet hours."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, ValidationError

from ..fields import TimeField


def phone_number(form, field):
    """A Swedish mobile number (07x...) or an international one (+...); stored as +46..."""
    raw = re.sub(r"[\s-]", "", field.data or "")
    if not raw:
        field.data = None
        return
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    elif raw.startswith("0"):
        raw = "+46" + raw[1:]
    if not re.fullmatch(r"\+\d{8,15}", raw):
        raise ValidationError(_l("Write a mobile number like 070 123 45 67."))
    field.data = raw


class SettingsForm(FlaskForm):
    phone = StringField(_l("Mobile number for text messages"), validators=[phone_number])
    sms = BooleanField(_l("Text message (SMS)"))
    push = BooleanField(_l("Message on this phone (the installed app)"))
    # NOTE: a channel to be told through, a checkbox on the notification settings page
    email = BooleanField(_l("E-mail"))
    # NOTE: time of day when quiet hours begin (no texts or push), on the notification settings page
    quiet_from = TimeField(_l("Quiet from"))
    # NOTE: time of day when quiet hours end, on the notification settings page
    quiet_until = TimeField(_l("Quiet until"))
