"""Forms of the results: the targets, and the period the figures are for."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField, ValidationError

from ..enrolment.forms import within
from ..fields import DateField, RadioChoiceField, filled, whole_number
from ..validation import chosen, max_length, options
from .identity import normalise_personal_number
from .models import Answer, Closer, Support, TargetCode
from .survey import TEXT_LENGTH

MAX_TARGET = 1_000_000


TARGET_NUMBER = whole_number(
    0,
    MAX_TARGET,
    optional=True,
    message=_l("Write a whole number from 0, like 75, or leave it empty."),
    out_of_range=_l("Write a whole number from 0, like 75, or leave it empty."),
)


class TargetsForm(FlaskForm):
    """One field per target code, named by the code."""

    def values(self) -> dict[TargetCode, int | None]:
        return {code: self[code.value].number for code in TargetCode}


for _code in TargetCode:
    setattr(TargetsForm, _code.value, StringField(_code.label, validators=[TARGET_NUMBER]))


class PeriodForm(FlaskForm):
    """From and to (both optional: from the beginning, to today)."""

    class Meta:
        csrf = False  # a GET filter in the address

    # NOTE: label of the form field 'start' (DateField) in PeriodForm
    start = DateField(_l("From"))
    # NOTE: label of the form field 'end' (DateField) in PeriodForm
    end = DateField(_l("To"))

    def validate_end(self, field):
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_("The end of the period is before its start. Choose an end on or after the start."))


def _answer_field(label):
    return RadioChoiceField(
        label,
        choices=options((a.value, a.label) for a in Answer),
        default=Answer.PREFER_NOT_TO_SAY.value,
        validators=[chosen()],
    )


class SensitiveForm(FlaskForm):
    """ESF's sensitive questions: each the participant's own choice, "prefer not to say" by default."""

    disability = _answer_field(_l("Do you have a disability?"))
    third_country = _answer_field(_l("Are you a citizen of a country outside the EU?"))
    foreign_background = _answer_field(_l("Were you, or both your parents, born outside Sweden?"))
    minority = _answer_field(_l("Do you belong to a national minority (for example Sami, Roma or Sweden Finns)?"))
    homeless = _answer_field(_l("Are you homeless or without a home of your own?"))
    consent = BooleanField(
        _l("I agree that my answers are used only for the programme's reports to the EU fund (ESF), without my name.")
    )

    QUESTIONS = ("disability", "third_country", "foreign_background", "minority", "homeless")

    def answers(self) -> dict[str, Answer]:
        return {key: Answer(self[key].data) for key in self.QUESTIONS}

    def validate_consent(self, field):
        if any(self[key].errors for key in self.QUESTIONS):
            return  # an answer that is not one of the choices says so itself
        if not field.data and any(a is not Answer.PREFER_NOT_TO_SAY for a in self.answers().values()):
            raise ValidationError(_('Tick the box to agree, or choose "I prefer not to say" everywhere.'))


class ExitResultForm(FlaskForm):
    job_searching = BooleanField(_l("Looking for work"))
    in_education = BooleanField(_l("In education or training"))
    qualification = BooleanField(_l("Gained a qualification (a certificate, a grade, a licence)"))
    employed = BooleanField(_l("In employment, also self-employed"))


class FollowUpForm(FlaskForm):
    employed = BooleanField(_l("In employment, also self-employed"))
    improved = BooleanField(
        _l("The situation on the labour market has improved (for example a longer contract, more hours, a better job)")
    )
    recorded_on = DateField(_l("Day of the follow-up"), validators=[filled, within()])


class IdentityForm(FlaskForm):
    """How the participant file names the person: a personal identity number, or (protected
    identity) birth date and the agreed reserve code, or nothing yet."""

    personal_number = StringField(_l("Personal identity number (optional)"), validators=[max_length(13)])
    birth_date = DateField(_l("Birth date (protected identity)"))
    reserve_code = StringField(_l("Reserve code (protected identity)"), validators=[max_length(20)])

    def validate_personal_number(self, field):
        text = (field.data or "").strip()
        field.number = None
        if text:
            field.number = normalise_personal_number(text)
            if field.number is None:
                raise ValidationError(
                    _("This is not a valid personal identity number. Check the digits, like 19811218-9876.")
                )

    def validate_reserve_code(self, field):
        if (field.data or "").strip() and self.birth_date.data is None:
            raise ValidationError(_("Write the birth date too, with the reserve code."))
        if self.birth_date.data is not None and not (field.data or "").strip():
            raise ValidationError(_("Write the reserve code too, with the birth date."))


class SurveyForm(FlaskForm):
    """The participant's own voice: two choices and, if they wish, their own words."""

    closer = RadioChoiceField(
        _l("Do you feel closer to work or studies?"), choices=options((c.value, c.label) for c in Closer)
    )
    support = RadioChoiceField(
        _l("How does the support from the programme work for you?"),
        choices=options((s.value, s.label) for s in Support),
    )
    text = TextAreaField(
        _l("Anything else you want to say? (you may leave it empty)"), validators=[max_length(TEXT_LENGTH)]
    )
