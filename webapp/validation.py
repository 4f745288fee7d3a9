"""Validators with messages in plain words, translated in all four languages.

WTForms' own messages are English only for Tigrinya, so every form uses these.
"""
from flask_babel import lazy_gettext as _l
from wtforms import ValidationError
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length

from .i18n import LANGUAGES


def required():
    return DataRequired(message=_l("Please fill in this field."))


def chosen():
    return InputRequired(message=_l("Please choose one."))


def max_length(limit: int):
    return Length(max=limit, message=_l("Please write at most %(max)d characters."))


def password_rules():
    return [required(), Length(min=8, max=256, message=_l("The password needs at least %(min)d characters."))]


def same_as(other: str):
    return EqualTo(other, message=_l("The two passwords are not the same."))


def email_address():
    return Email(message=_l("Please write a whole email address, like name@example.se."), check_deliverability=False)


def supported_language(form, field):
    if field.data not in LANGUAGES:
        raise ValidationError(_l("Please choose one of the languages in the list."))
