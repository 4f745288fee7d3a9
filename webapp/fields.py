"""The form kit: one date field (and a list of days to pick from), one time field, one
whole-number check, one choice check (in_the_list) for every list, radio group and set of
checkboxes, and saved() to show a saved object in a form. Each keeps what was typed, so a
mistake is shown in place with the text still there, and answers in plain words in all four
languages."""

import re
from datetime import date, time

from flask import request
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import StopValidation
from wtforms.widgets import CheckboxInput, DateInput, ListWidget, TimeInput

from .input import LARGEST

FIRST_YEAR, LAST_YEAR = 2000, 2100
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})")
NOT_OFFERED = _l("Please choose one of the options in the list.")


def parse_day(raw: str | None) -> date | None:
    """A day written as 2026-11-23 (what a phone's date picker sends), or None."""
    raw = (raw or "").strip()
    if not ISO_DAY.fullmatch(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def parse_time(raw: str | None) -> time | None:
    """A time of day written as 09:30, 9:30 or 9.30, or None."""
    match = CLOCK.fullmatch((raw or "").strip())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    return time(hours, minutes) if hours <= 23 and minutes <= 59 else None


class _TypedField(StringField):
    """A text field whose data is parsed; what was typed is shown again when it is wrong."""

    raw = ""

    def parse(self, raw: str):
        raise NotImplementedError

    def show(self, value) -> str:
        raise NotImplementedError

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = self.parse(self.raw) if self.raw else None

    def _value(self):
        if self.raw:
            return self.raw
        return self.show(self.data) if self.data else ""


def _check_day(field) -> None:
    """A day written wrong, or too far off, in the words of the date fields."""
    if field.raw and field.data is None:
        raise StopValidation(_l("Write a date like 2026-11-23, with a four-digit year."))
    if field.data and not FIRST_YEAR <= field.data.year <= LAST_YEAR:
        raise StopValidation(_l("Choose a date between the years 2000 and 2100."))


class DateField(_TypedField):
    """A day, typed or picked as 2026-11-23, between the years 2000 and 2100."""

    widget = DateInput()

    def parse(self, raw):
        return parse_day(raw)

    def show(self, value):
        return value.isoformat()

    def pre_validate(self, form):
        _check_day(self)


def _as_day(value):
    return value if isinstance(value, date) else parse_day(value)


class DayChoiceField(SelectField):
    """A day picked from a list the view sets: field.choices = [(day, label), ...]; its data is a
    date, and the day sent stays selected when the form comes back with a message.

    A day written wrong gets the date field's message. Whether a well-written day may be chosen
    is left to the service, which can say why not (it has passed, nobody expects you then): a
    form queued on a phone while offline may arrive after its day has left the list."""

    raw = ""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=_as_day, choices=[], validate_choice=False, **kwargs)

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = parse_day(self.raw)

    def pre_validate(self, form):
        _check_day(self)


class TimeField(_TypedField):
    """A time of day, typed as 09:30 (9.30 is understood too)."""

    widget = TimeInput()

    def parse(self, raw):
        return parse_time(raw)

    def show(self, value):
        return value.strftime("%H:%M")

    def pre_validate(self, form):
        if self.raw and self.data is None:
            raise StopValidation(_l("Write a time like 09:30."))


def filled(form, field):
    """Required, for a date or time field: a value typed wrong keeps its own message."""
    if not field.raw and field.data is None:
        raise StopValidation(_l("Please fill in this field."))


def whole_number(low: int, high: int = LARGEST, *, optional: bool = False, message=None, out_of_range=None):
    """A whole number from low to high, kept on field.number (None when optional and left empty).

    The one number check of the forms; a view that reads a number straight from the query
    string uses webapp.input.whole_number."""

    def check(form, field):
        raw = field.data.strip() if isinstance(field.data, str) else field.data
        field.number = None
        if optional and not raw:
            return
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise StopValidation(message or _l("Write a whole number, like 3.")) from None
        if value < low or value > high:
            raise StopValidation(out_of_range or _l("Write a number from %(low)d to %(high)d.", low=low, high=high))
        field.number = value

    return check


CHOOSE_ONE = _l("Please choose one.")


def offered_values(field) -> list:
    """The answers a choice field offers, as its coerce makes them (an enum member, an id);
    the empty first choice ("Choose", "All") is not an answer."""
    values = []
    for choice in field.iter_choices():
        if choice[0] in (None, ""):
            continue
        try:
            values.append(field.coerce(choice[0]))
        except (TypeError, ValueError):
            continue
    return values


def in_the_list(message=NOT_OFFERED, *, optional=False):
    """The one choice check of the forms: the answer (each answer, for checkboxes) is one of the
    field's own choices. optional lets an empty answer through (a filter's "All", a list that may
    be left empty). Fields that use it are built with validate_choice=False, so its message is
    the only one (WTForms' own is English for Tigrinya readers)."""

    def check(form, field):
        if field.process_errors:  # what was sent could not be read at all: that message says so
            return
        answers = field.data if isinstance(field.data, list | tuple) else [field.data]
        answers = [answer for answer in answers if answer not in (None, "")]
        if not answers:
            if optional:
                return
            raise StopValidation(message)
        allowed = offered_values(field)
        if any(answer not in allowed for answer in answers):
            raise StopValidation(message)

    return check


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes (fieldset and labels in the template), any number of them
    (none too); anything not offered gets our message (or the form's own invalid_choice_message)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args, invalid_choice_message=NOT_OFFERED, **kwargs):
        super().__init__(*args, validate_choice=False, **kwargs)
        self._check = in_the_list(invalid_choice_message, optional=True)

    def pre_validate(self, form):
        self._check(form, self)


class ChoiceField(SelectField):
    """A select that refuses anything not offered, in `message`; `optional` (the default) lets
    it be left empty (a filter's "All"; a `chosen()` validator says when it must not be)."""

    def __init__(self, *args, message=NOT_OFFERED, optional=True, **kwargs):
        super().__init__(*args, validate_choice=False, **kwargs)
        self._check = in_the_list(message, optional=optional)

    def pre_validate(self, form):
        self._check(form, self)


class RadioChoiceField(RadioField):
    """Radio buttons: one must be chosen, among those offered (`message` otherwise)."""

    def __init__(self, *args, message=CHOOSE_ONE, **kwargs):
        super().__init__(*args, validate_choice=False, **kwargs)
        self._check = in_the_list(message)

    def pre_validate(self, form):
        self._check(form, self)


class _Saved:
    """A saved object as a form's obj= reads it, with some attributes given instead."""

    def __init__(self, obj, instead: dict):
        self._obj, self._instead = obj, instead

    def __getattr__(self, name):
        return self._instead[name] if name in self._instead else getattr(self._obj, name)


def saved(obj, **instead):
    """What a form shows before it is sent, for Form(obj=saved(...)): the object's attributes
    by the fields' names, and `instead` for a field the model names or stores otherwise (a
    form's `municipality` is the model's municipality_id; `municipality` there is the
    relationship). Once the form is sent it is None, so the form holds only what was sent: a
    field left out of a POST is empty, as on any form (WTForms would keep the saved value)."""
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        return None
    return _Saved(obj, instead)
