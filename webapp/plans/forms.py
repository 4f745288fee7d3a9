"""Forms of the action plan. Every message is ours, so it is translated in all four languages."""
import re
from datetime import date, time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.validators import StopValidation
from wtforms.widgets import DateInput, TimeInput

from ..validation import max_length, options, required
from .models import Category, Doer, Status

FIRST_YEAR, LAST_YEAR = 2000, 2100
REFLECTION_LENGTH = 1000


class DayField(StringField):
    """A day typed as 2026-11-23 (what a date picker sends), checked with our own messages."""

    widget = DateInput()

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if self.raw:
            try:
                self.data = date.fromisoformat(self.raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.raw) else None
            except ValueError:
                self.data = None

    def _value(self):
        if getattr(self, "raw", None) is not None:
            return self.raw
        return self.data.isoformat() if self.data else ""

    def pre_validate(self, form):
        raw = getattr(self, "raw", "")
        if raw and self.data is None:
            raise StopValidation(_l("Write a date like 2026-11-23, with a four-digit year."))
        if self.data and not FIRST_YEAR <= self.data.year <= LAST_YEAR:
            raise StopValidation(_l("Choose a date between the years 2000 and 2100."))


class ClockField(StringField):
    """A time of day typed as 09:30."""

    widget = TimeInput()

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        try:
            self.data = time.fromisoformat(self.raw) if re.fullmatch(r"\d{2}:\d{2}", self.raw) else None
        except ValueError:
            self.data = None

    def _value(self):
        if getattr(self, "raw", None) is not None:
            return self.raw
        return self.data.strftime("%H:%M") if self.data else ""

    def pre_validate(self, form):
        if getattr(self, "raw", "") and self.data is None:
            raise StopValidation(_l("Write a time like 09:30."))


class GoalForm(FlaskForm):
    title = StringField(_l("Goal"), validators=[required(), max_length(200)])
    description = TextAreaField(_l("More about the goal (optional)"), validators=[max_length(2000)])
    version = HiddenField(default="0")


def _step_choices(enum_class):
    return options((member.value, member.label) for member in enum_class)


class StepForm(FlaskForm):
    title = StringField(_l("Step"), validators=[required(), max_length(200)])
    description = TextAreaField(_l("More about the step (optional)"), validators=[max_length(2000)])
    category = SelectField(_l("Kind of step"), choices=_step_choices(Category), default=Category.OTHER.value,
                           validate_choice=False)
    due_on = DayField(_l("Do it by (optional)"))
    status = SelectField(_l("Status"), choices=_step_choices(Status), default=Status.PLANNED.value,
                         validate_choice=False)
    doer = SelectField(_l("Who does it"), choices=_step_choices(Doer), default=Doer.PARTICIPANT.value,
                       validate_choice=False)
    doer_name = StringField(_l("Name of the other person"), validators=[max_length(200)])
    version = HiddenField(default="0")

    def validate_category(self, field):
        _one_of(field, Category)

    def validate_status(self, field):
        _one_of(field, Status)

    def validate_doer(self, field):
        _one_of(field, Doer)

    def validate_doer_name(self, field):
        if self.doer.data == Doer.OTHER.value and not (field.data or "").strip():
            raise ValidationError(_l("Write who does the step."))

    def values(self) -> dict:
        return {"title": self.title.data, "description": self.description.data,
                "category": Category(self.category.data), "due_on": self.due_on.data,
                "status": Status(self.status.data), "doer": Doer(self.doer.data), "doer_name": self.doer_name.data}


def _one_of(field, enum_class):
    if field.data not in {m.value for m in enum_class}:
        raise ValidationError(_l("Please choose one of the options in the list."))


class ReflectionForm(FlaskForm):
    reflection = TextAreaField(_l("How did it go? What did you learn?"),
                               validators=[max_length(REFLECTION_LENGTH)])


class DoneForm(FlaskForm):
    """The one big tap; `done` says which way, so a second tap does not undo the first."""

    done = HiddenField(default="1")


class AppointmentForm(FlaskForm):
    title = StringField(_l("What"), validators=[required(), max_length(200)])
    day = DayField(_l("Day"), validators=[required()])
    starts = ClockField(_l("Starts"), validators=[required()])
    ends = ClockField(_l("Ends"), validators=[required()])
    place = StringField(_l("Place (address)"), validators=[max_length(300)])

    def validate_ends(self, field):
        if field.data and self.starts.data and field.data <= self.starts.data:
            raise ValidationError(_l("The end must be after the start."))
