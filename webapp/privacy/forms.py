"""Forms of the privacy pages: the log review's filters and the programme's privacy settings."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import Optional

from ..enrolment.forms import within
from ..fields import DateField, filled, whole_number
from ..validation import enum_choice, max_length, options
from .models import ConsentMethod, Purpose


class ReviewForm(FlaskForm):
    """A GET form: every review has a URL."""

    class Meta:
        csrf = False

    # NOTE: label of the form field 'mode' (SelectField) in ReviewForm
    mode = SelectField(_l("Show"), validate_choice=False, default="sample")
    # NOTE: label of the form field 'staff' (SelectField) in ReviewForm
    staff = SelectField(_l("Staff member"), validate_choice=False, validators=[Optional()])
    participant = StringField(_l("Participant's sign-in number"), validators=[max_length(20)])
    size = StringField(_l("How many at random"), default="50", validators=[max_length(4)])

    def __init__(self, staff, **kwargs):
        super().__init__(**kwargs)
        self.mode.choices = options(
            [
                ("sample", _("A random sample")),
                ("staff", _("One staff member's reads")),
                ("participant", _("Reads of one participant")),
                ("flagged", _("Reads without a relation to the participant")),
            ]
        )
        # NOTE: the empty first choice of a drop-down list: the user has not chosen yet
        self.staff.choices = options([("", _("Choose"))] + [(str(u.id), u.full_name) for u in staff])


class SettingsForm(FlaskForm):
    show_staff_names = BooleanField(_l("Show participants the names of the staff who read their information"))
    retention_months = StringField(
        _l("Keep a participant's information this many months after they leave"),
        validators=[
            whole_number(
                1,
                optional=True,
                message=_l("Please write a whole number of months."),
                out_of_range=_l("The period must be at least 1 month. Nothing was changed."),
            )
        ],
        description=_l("Then their names, contact details, free texts and notes are removed; the figures stay."),
    )
    controller = StringField(_l("Data controller (name and organisation number)"), validators=[max_length(300)])
    controller_contact = StringField(_l("How to contact the data controller"), validators=[max_length(300)])
    dpo_contact = StringField(_l("Data protection officer's contact details"), validators=[max_length(300)])
    recipients = TextAreaField(_l("Who else receives participants' information"), validators=[max_length(2000)])
    accessibility_contact = StringField(_l("Where to report an accessibility problem"), validators=[max_length(300)])
    accessibility_gaps = TextAreaField(_l("Known accessibility gaps"), validators=[max_length(4000)])
    accessibility_assessed_on = StringField(_l("When accessibility was last assessed"), validators=[max_length(40)])

    def values(self) -> dict:
        return {**self.data, "retention_months": self.retention_months.number}


class ConsentForm(FlaskForm):
    """The coach records a consent the participant gave (on paper, or said to them)."""

    purpose = SelectField(
        # NOTE: label of the form field 'purpose' (SelectField) in ConsentForm
        _l("Purpose"),
        **enum_choice(Purpose, blank=False, message=_l("Please choose one of the purposes in the list.")),
    )
    method = SelectField(
        _l("How it was given"),
        **enum_choice(
            ConsentMethod,
            [ConsentMethod.PAPER, ConsentMethod.SPOKEN],
            blank=False,
            message=_l("Please choose one of the ways in the list."),
        ),
    )
    given_on = DateField(_l("Date of consent"), validators=[filled, within()])


class ErasureForm(FlaskForm):
    participant = StringField(_l("Participant's sign-in number"), validators=[max_length(20)])
    confirm = BooleanField(_l("I have checked that the participant asked for this and that the law allows it"))

    def validate_confirm(self, field):
        if not field.data:
            raise ValidationError(_l("Please confirm before the information is erased."))
