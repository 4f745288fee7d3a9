"""The small forms of attendance; every message is ours, so Tigrinya readers get it too."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField, ValidationError

from ..fields import DayChoiceField, filled
from ..validation import chosen, enum_choice, max_length
from ..wording import localized
from .days import MAX_HOURS, parse_hours
from .models import Status

REASON_LENGTH = 500


def valid_hours(form, field):
    if not (field.data or "").strip():
        return
    minutes = parse_hours(field.data)
    if minutes is None or minutes < 0 or minutes > MAX_HOURS * 60:
        raise ValidationError(_l("Write a number of hours from 0 to 24, like 7.5."))


class DayForm(FlaskForm):
    """One day: a status (one tap), hours where they differ, and a reason after confirmation."""

    # NOTE: label of the form field 'status' (SelectField) in DayForm
    status = SelectField(_l("Status"), **enum_choice(Status, blank=False))
    hours = StringField(_l("Hours, if not as scheduled"), validators=[valid_hours])
    reason = TextAreaField(_l("Why the change"), validators=[max_length(REASON_LENGTH)])

    @property
    def minutes(self) -> int | None:
        return parse_hours(self.hours.data or "")


class ConfirmForm(FlaskForm):
    version = HiddenField()

    @property
    def seen_version(self) -> int | None:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return None


class CheckInForm(FlaskForm):
    pass


class ReportForm(FlaskForm):
    """The participant tells their supervisor in advance: sick or away, which day, why."""

    # NOTE: label of the form field 'day' (DateField) in ReportForm
    day = DayChoiceField(_l("Which day"), validators=[filled])
    status = RadioField(
        _l("What is it?"),
        **enum_choice(
            Status,
            {Status.SICK: _l("I am sick"), Status.ABSENT: _l("I cannot come")},
            blank=False,
            validators=[chosen()],
        ),
    )
    # Optional: writing is hard for some, and health details are not the workplace's business.
    reason = TextAreaField(
        _l("Anything your coach should know? You can leave this empty."), validators=[max_length(REASON_LENGTH)]
    )

    def offer(self, days) -> "ReportForm":
        """The days the participant can still report (reading.coming_days), in this order. Only
        the page needs them: the day sent is checked by the service, which says why it is refused."""
        self.day.choices = [(day, localized(day, "MMMMEEEEd")) for day in days]
        return self
