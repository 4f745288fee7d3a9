"""Validators with messages in plain words, translated in all four languages.

WTForms' own messages are English only for Tigrinya, so every form uses these.
"""

import enum

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired

from .fields import CHOOSE_ONE, ChoiceField, in_the_list
from .i18n import LANGUAGES


def required():
    return DataRequired(message=_l("Please fill in this field."))


def chosen():
    return InputRequired(message=_l("Please choose one."))


class TextLength:
    """Length with a message whose number is declined right (Arabic has six plural forms)."""

    def __init__(self, maximum: int, minimum: int = 0):
        self.maximum, self.minimum = maximum, minimum

    def __call__(self, form, field):
        length = len(field.data or "")
        if length > self.maximum:
            raise ValidationError(
                ngettext(
                    "Please write at most %(num)d character.", "Please write at most %(num)d characters.", self.maximum
                )
            )
        if length < self.minimum:
            raise ValidationError(
                ngettext(
                    "This needs at least %(num)d character.", "This needs at least %(num)d characters.", self.minimum
                )
            )


def max_length(limit: int):
    return TextLength(limit)


def password_rules():
    return [required(), TextLength(256, minimum=8)]


def same_as(other: str):
    return EqualTo(other, message=_l("The two passwords are not the same."))


def email_address():
    return Email(message=_l("Please write a whole email address, like name@example.se."), check_deliverability=False)


def language_choice(label) -> ChoiceField:
    """A list of Vägen's four languages, each named in itself; one must be chosen."""
    return ChoiceField(
        label,
        message=_l("Please choose one of the languages in the list."),
        optional=False,
        choices=options((code, language.own_name) for code, language in LANGUAGES.items()),
    )


def options(pairs) -> list:
    """Choices for SelectField and RadioField, as WTForms 3.3 wants them."""
    return [SelectChoice(value, label) for value, label in pairs]


def as_member(enum_class: type[enum.Enum]):
    """Coerce a choice to the enum's member, or leave it as typed (so in_the_list can say so and
    the form shows the choice again on a re-render)."""

    def coerce(value):
        if isinstance(value, enum_class):
            return value
        try:
            return enum_class(value)
        except ValueError:
            return value

    return coerce


def choice_list(members, blank=True):
    """The members as choices (members may map each to the label this form gives it), after an
    empty \"Choose\" unless blank=False, or after an empty choice labelled blank (a filter's "All")."""
    pairs = [(m.value, members[m] if isinstance(members, dict) else m.label) for m in members]
    if blank is True:
        # NOTE: the empty first choice of a drop-down list: the user has not chosen yet
        blank = _l("Choose")
    return options(([] if blank is False else [("", blank)]) + pairs)


def enum_choice(
    enum_class: type[enum.Enum], members=None, blank=True, message=CHOOSE_ONE, validators=(), every=None
) -> dict:
    """What a SelectField or RadioField needs to offer an enum's members (or some of them) and
    hand back the member: SelectField(_l("Gender"), **enum_choice(Gender)). A member not offered
    is refused like any other answer not in the list.

    members may map each member to the label this form gives it; validators run first (required(),
    chosen(): the field is marked required and an empty answer keeps their message); every is the
    label of an empty first choice that means "no filter" (a search form's "All"), so an empty
    answer is accepted and left empty."""
    offered = members if isinstance(members, dict) else list(enum_class if members is None else members)
    return dict(
        validate_choice=False,
        coerce=as_member(enum_class),
        choices=choice_list(offered, blank=blank if every is None else every),
        validators=[*validators, in_the_list(message, optional=every is not None)],
    )
