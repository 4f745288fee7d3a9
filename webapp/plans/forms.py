"""Forms of the action plan. Every message is ours, so it is translated in all four languages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField, ValidationError

from ..fields import NOT_OFFERED, ChoiceField, DateField, TimeField
from ..validation import enum_choice, max_length, options, required
from .models import Category, Doer, Status

REFLECTION_LENGTH = 1000


NOT_IN_TEAM = _l("This person is not in the participant's team. Choose someone from the list.")


class GoalForm(FlaskForm):
    # NOTE: label of the form field 'title' (StringField) in GoalForm
    title = StringField(_l("Goal"), validators=[required(), max_length(200)])
    description = TextAreaField(_l("More about the goal (optional)"), validators=[max_length(2000)])
    version = HiddenField(default="0")


class StepForm(FlaskForm):
    # NOTE: label of the form field 'title' (StringField) in StepForm
    title = StringField(_l("Step"), validators=[required(), max_length(200)])
    description = TextAreaField(_l("More about the step (optional)"), validators=[max_length(2000)])
    category = SelectField(
        _l("Kind of step"), default=Category.OTHER, **enum_choice(Category, blank=False, message=NOT_OFFERED)
    )
    due_on = DateField(_l("Do it by (optional)"))
    status = SelectField(
        # NOTE: label of the form field 'status' (SelectField) in StepForm
        _l("Status"),
        default=Status.PLANNED,
        **enum_choice(Status, blank=False, message=NOT_OFFERED),
    )
    doer = SelectField(
        _l("Who does it"), default=Doer.PARTICIPANT, **enum_choice(Doer, blank=False, message=NOT_OFFERED)
    )
    # "Someone in the team": a member of the participant's team (set_team gives the choices).
    # NOTE: label of the list of the participant's team members a step can be given to
    assignee = ChoiceField(_l("Team member"), message=NOT_IN_TEAM, choices=[])
    version = HiddenField(default="0")
    # An older step's free text naming "someone else": shown, kept, no longer typed.
    legacy_name: str | None = None

    def set_team(self, members, legacy_name: str | None = None) -> "StepForm":
        """The team members one may give the step to, as (user id, name) pairs."""
        self.assignee.choices = options([("", _l("Nobody in the team yet"))] + [(str(i), n) for i, n in members])
        self.legacy_name = legacy_name
        return self

    def validate_assignee(self, field):
        if self.doer.data is Doer.OTHER and not field.data and not self.legacy_name:
            raise ValidationError(_l("Choose who in the team does the step."))

    def values(self) -> dict:
        return {
            "title": self.title.data,
            "description": self.description.data,
            "category": self.category.data,
            "due_on": self.due_on.data,
            "status": self.status.data,
            "doer": self.doer.data,
            "assignee_id": int(self.assignee.data) if self.assignee.data else None,
            "doer_name": self.legacy_name,
        }


class ReflectionForm(FlaskForm):
    reflection = TextAreaField(_l("How did it go? What did you learn?"), validators=[max_length(REFLECTION_LENGTH)])


class DoneForm(FlaskForm):
    """The one big tap; `done` says which way, so a second tap does not undo the first."""

    done = HiddenField(default="1")


class AppointmentForm(FlaskForm):
    # NOTE: label of the form field 'title' (StringField) in AppointmentForm
    title = StringField(_l("What"), validators=[required(), max_length(200)])
    # NOTE: label of the form field 'day' (DateField) in AppointmentForm
    day = DateField(_l("Day"), validators=[required()])
    # NOTE: label of the form field 'starts' (TimeField) in AppointmentForm
    starts = TimeField(_l("Starts"), validators=[required()])
    # NOTE: label of the form field 'ends' (TimeField) in AppointmentForm
    ends = TimeField(_l("Ends"), validators=[required()])
    # NOTE: label of the form field 'place' (StringField) in AppointmentForm
    place = StringField(_l("Place (address)"), validators=[max_length(300)])

    def validate_ends(self, field):
        if field.data and self.starts.data and field.data <= self.starts.data:
            raise ValidationError(_l("The end must be after the start."))
