"""Forms of enrolment, the way, contact, exit, sharing and the caseload filter.
Every message is ours (WTForms' own are not translated into Tigrinya)."""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.validators import Optional

from ..fields import ChoiceField, DateField, filled
from ..i18n import LANGUAGES
from ..timeutil import local_today
from ..validation import email_address, enum_choice, language_choice, max_length, options, required
from .models import PHASES, Education, ExitOutcome, Gender, LabourStatus, Phase

EARLIEST = date(2000, 1, 1)


def within(first=lambda: EARLIEST, last=lambda: local_today()):
    """The day lies between two days (functions, so "today" is today when the form is used)."""

    def check(form, field):
        if field.data and not first() <= field.data <= last():
            raise ValidationError(
                _("Choose a day between %(first)s and %(last)s.", first=first().isoformat(), last=last().isoformat())
            )

    return check


def next_year_end() -> date:
    return date(local_today().year + 1, 12, 31)


def birth_year(form, field):
    text = (field.data or "").strip()
    this_year = local_today().year
    if not text.isdigit() or not 1900 <= int(text) <= this_year:
        raise ValidationError(_("Write a year between 1900 and %(year)s, like 1985.", year=this_year))


def phone_number(form, field):
    text = (field.data or "").strip()
    if text and not all(c.isdigit() or c in "+-() " for c in text):
        raise ValidationError(_("Write only digits, spaces and +, like +46 70 123 45 67."))


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class EnrolmentForm(FlaskForm):
    # NOTE: label of the form field 'full_name' (StringField) in EnrolmentForm
    full_name = StringField(_l("Full name"), validators=[required(), max_length(200)])
    short_name = StringField(_l("What they want to be called (optional)"), validators=[max_length(100)])
    language = language_choice(_l("Language they read best"))
    # NOTE: label of the form field 'phone' (StringField) in EnrolmentForm
    phone = StringField(_l("Phone (optional)"), validators=[max_length(40), phone_number])
    # NOTE: label of the form field 'email' (StringField) in EnrolmentForm
    email = StringField(_l("Email (optional)"), validators=[Optional(), max_length(254), email_address()])
    municipality = ChoiceField(
        # NOTE: label of the form field 'municipality' (SelectField) in EnrolmentForm
        _l("Municipality"),
        message=_l("Please choose one of the municipalities in the list."),
        optional=False,
        coerce=_int_or_none,
    )
    gender = SelectField(
        # NOTE: label of the form field 'gender' (SelectField) in EnrolmentForm
        _l("Gender"),
        **enum_choice(Gender),
    )
    birth_year = StringField(_l("Year of birth"), validators=[birth_year])
    education = SelectField(
        # NOTE: label of the form field 'education' (SelectField) in EnrolmentForm
        _l("Education"),
        **enum_choice(Education),
    )
    labour_status = SelectField(
        _l("Situation on the labour market at the start"),
        **enum_choice(LabourStatus),
    )
    newly_arrived = BooleanField(_l("Newly arrived in Sweden"))
    # NOTE: label of the form field 'starts_on' (DateField) in EnrolmentForm
    starts_on = DateField(_l("Start date"), validators=[filled, within(last=next_year_end)])
    consent = BooleanField(_l("The person agrees that we keep and use these details"), validators=[required()])
    consent_on = DateField(_l("Date of consent"), validators=[filled, within()])
    consent_purpose = TextAreaField(_l("Purpose the person agreed to"), validators=[required(), max_length(500)])

    def __init__(self, municipalities, default_municipality=None, **kwargs):
        super().__init__(**kwargs)
        # NOTE: the empty first choice of a drop-down list: the user has not chosen yet
        self.municipality.choices = options([("", _("Choose"))] + [(m.id, m.name) for m in municipalities])
        if not self.is_submitted() and "data" not in kwargs:
            self.municipality.data = default_municipality
            self.starts_on.data = self.consent_on.data = local_today()
            self.consent_purpose.data = _(
                "To plan and follow up the way to work or studies together, and to report to the "
                "European Social Fund (ESF) without names."
            )


def entry_of(form: EnrolmentForm):
    """The form's values as the services want them."""
    from .services import EntryData

    named_alike = {name: form[name].data for name in _NAMED_ALIKE}
    return EntryData(**named_alike, municipality_id=form.municipality.data, birth_year=int(form.birth_year.data))


def data_of(enrolment) -> dict:
    """An enrolment as the form's data, to correct it."""
    from .services import EntryData

    entry = EntryData.of(enrolment)
    return {
        **{name: getattr(entry, name) for name in _NAMED_ALIKE},
        "municipality": entry.municipality_id,
        "birth_year": str(entry.birth_year),
        "consent": True,
    }


# EntryData's fields that have a form field of the same name and type.
_NAMED_ALIKE = (
    "full_name",
    "short_name",
    "language",
    "phone",
    "email",
    "gender",
    "education",
    "labour_status",
    "newly_arrived",
    "starts_on",
    "consent_on",
    "consent_purpose",
)


class MoveForm(FlaskForm):
    phase = SelectField(
        _l("Move to phase"),
        **enum_choice(Phase, PHASES, blank=False, message=_l("Please choose one of the phases in the list.")),
    )


class ExitForm(FlaskForm):
    exited_on = DateField(_l("Last day in the programme"), validators=[filled, within()])
    outcome = SelectField(
        _l("Goes on to"),
        **enum_choice(ExitOutcome),
    )

    def __init__(self, enrolment, **kwargs):
        super().__init__(**kwargs)
        self.enrolment = enrolment
        if not self.is_submitted():
            self.exited_on.data = local_today()

    def validate_exited_on(self, field):
        if field.data and field.data < self.enrolment.starts_on:
            raise ValidationError(
                _("The last day cannot be before the start date, %(date)s.", date=self.enrolment.starts_on.isoformat())
            )


class ContactForm(FlaskForm):
    contacted_on = DateField(_l("Day you met or spoke"), validators=[filled, within()])

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if not self.is_submitted():
            self.contacted_on.data = local_today()


class ShareForm(FlaskForm):
    colleague = ChoiceField(
        # NOTE: label of the form field 'colleague' (SelectField) in ShareForm
        _l("Colleague"),
        message=_l("Please choose one of the colleagues in the list."),
        optional=False,
        coerce=_int_or_none,
    )

    def __init__(self, colleagues, **kwargs):
        super().__init__(**kwargs)
        self.colleague.choices = options([(c.id, c.full_name) for c in colleagues])


def _filter(label, optional=True, **kwargs) -> ChoiceField:
    """A filter of the caseload: empty means all (where the list has "All"); anything else must be in its list."""
    return ChoiceField(label, message=_l("Please choose one from the list."), optional=optional, **kwargs)


class CaseloadForm(FlaskForm):
    """The caseload's search and filters: a GET form, so every view of the list has a URL."""

    class Meta:
        csrf = False

    q = StringField(_l("Search by name"), validators=[max_length(100)])
    # NOTE: label of the form field 'phase' (SelectField) in CaseloadForm
    phase = _filter(_l("Phase"))
    # NOTE: label of the form field 'municipality' (SelectField) in CaseloadForm
    municipality = _filter(_l("Municipality"))
    # NOTE: label of the form field 'language' (SelectField) in CaseloadForm
    language = _filter(_l("Language"))
    # NOTE: label of the form field 'show' (SelectField) in CaseloadForm
    show = _filter(_l("Show"), optional=False, default="active")
    # NOTE: label of the form field 'sort' (SelectField) in CaseloadForm
    sort = _filter(_l("Sort by"), optional=False, default="name")

    def __init__(self, municipalities, **kwargs):
        super().__init__(**kwargs)
        # NOTE: choice in a filter: no filter, show all
        every = [("", _("All"))]
        self.phase.choices = options(every + [(p.value, p.numbered) for p in PHASES])
        self.municipality.choices = options(every + [(str(i), name) for i, name in municipalities])
        self.language.choices = options(every + [(c, lang.own_name) for c, lang in LANGUAGES.items()])
        # NOTE: short label from __init__() in forms.py
        self.show.choices = options(
            [
                ("active", _("In the programme")),
                ("exited", pgettext("caseload filter: participants who have left", "Have left")),
                ("all", _("All")),
            ]
        )
        self.sort.choices = options(
            [
                # NOTE: short label from __init__() in forms.py
                ("name", _("Name")),
                ("phase", _("Phase, furthest first")),
                ("contact", _("Longest since contact first")),
                # NOTE: short label from __init__() in forms.py
                ("start", _("Newest first")),
            ]
        )

    def filters(self):
        """The valid filters; a value that is not in a list is said in place and left out."""
        from .caseload import Filters

        self.validate()
        f = Filters()
        if not self.q.errors:
            f.q = self.q.data or ""
        if self.phase.data and not self.phase.errors:
            f.phase = Phase(self.phase.data)
        if self.municipality.data and not self.municipality.errors:
            f.municipality_id = int(self.municipality.data)
        if self.language.data and not self.language.errors:
            f.language = self.language.data
        if not self.show.errors:
            f.show = self.show.data
        if not self.sort.errors:
            f.sort = self.sort.data
        return f

    @property
    def has_errors(self):
        return any(field.errors for field in self)
