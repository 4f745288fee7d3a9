"""Forms of the results: the targets, and the period the figures are for."""
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, ValidationError

from ..enrolment.forms import DayField
from .models import TargetCode

MAX_TARGET = 1_000_000


def whole_number(form, field):
    """Empty (no number), or a whole number from 0."""
    text = (field.data or "").strip()
    if not text:
        field.number = None
        return
    if not text.isdigit() or int(text) > MAX_TARGET:
        raise ValidationError(_("Write a whole number from 0, like 75, or leave it empty."))
    field.number = int(text)


class TargetsForm(FlaskForm):
    """One field per target code, named by the code."""

    def values(self) -> dict[TargetCode, int | None]:
        return {code: self[code.value].number for code in TargetCode}


for _code in TargetCode:
    setattr(TargetsForm, _code.value, StringField(_code.label, validators=[whole_number]))


class PeriodForm(FlaskForm):
    """From and to (both optional: from the beginning, to today)."""

    class Meta:
        csrf = False  # a GET filter in the address

    start = DayField(_l("From"))
    end = DayField(_l("To"))

    def validate_end(self, field):
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_("The end of the period is before its start. Choose an end on or after the start."))
