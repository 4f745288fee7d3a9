"""The catalogue's forms. Every message is ours (translated), never WTForms' own."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.validators import Optional

from ..fields import CheckboxesField, ChoiceField, DateField, TimeField, filled
from ..i18n import SPOKEN_LANGUAGES
from ..validation import chosen, enum_choice, max_length, options, required
from .models import Category, Phase, ReferralStatus, Referrers

# Languages an activity can be given in: the region's most common, named by CLDR in the reader's language.
WEEKDAYS = range(7)
NOT_IN_LIST = _l("Please choose from the list.")
# NOTE: choice in a filter: no filter, show all
ALL = _l("All")


def a_count(form, field):
    text = (field.data or "").strip()
    if not text.lstrip("-").isdigit():
        raise ValidationError(_l("Write a whole number, like 12."))
    if int(text) < 0:
        raise ValidationError(_l("Write a number that is 0 or more."))
    if int(text) > 10000:
        raise ValidationError(_l("Write a number of at most 10000."))
    field.parsed = int(text)


class ActivityForm(FlaskForm):
    # NOTE: label of the form field 'organisation' (SelectField) in ActivityForm
    organisation = ChoiceField(_l("Provider"), message=NOT_IN_LIST, coerce=int, validators=[chosen()])
    # NOTE: label of the form field 'title' (StringField) in ActivityForm
    title = StringField(_l("Title"), validators=[required(), max_length(200)])
    category = SelectField(
        _l("Kind of activity"), **enum_choice(Category, blank=False, message=NOT_IN_LIST, validators=[required()])
    )
    phase = SelectField(
        _l("Phase of the way it serves"),
        **enum_choice(Phase, blank=False, message=NOT_IN_LIST, validators=[required()]),
    )
    # NOTE: label of the form field 'description' (TextAreaField) in ActivityForm
    description = TextAreaField(_l("Description"), validators=[max_length(5000)])
    # NOTE: label of the form field 'municipality' (SelectField) in ActivityForm
    municipality = ChoiceField(_l("Municipality"), message=NOT_IN_LIST, coerce=int, validators=[chosen()])
    # NOTE: label of the form field 'place' (StringField) in ActivityForm
    place = StringField(_l("Place"), validators=[required(), max_length(300)])
    continuous_intake = BooleanField(_l("Continuous intake (start any time)"))
    # NOTE: label of the form field 'starts_on' (DateField) in ActivityForm
    starts_on = DateField(_l("First day"))
    ends_on = DateField(_l("Last day (optional)"))
    weekdays = CheckboxesField(_l("Days of the week"), invalid_choice_message=NOT_IN_LIST, coerce=int)
    # NOTE: label of the form field 'starts_at' (TimeField) in ActivityForm
    starts_at = TimeField(_l("Starts at"))
    # NOTE: label of the form field 'ends_at' (TimeField) in ActivityForm
    ends_at = TimeField(_l("Ends at"))
    languages = CheckboxesField(_l("Languages it is given in"), invalid_choice_message=NOT_IN_LIST)
    written_in = ChoiceField(_l("Language this text is written in"), message=NOT_IN_LIST, validators=[required()])
    adaptations = TextAreaField(_l("Adaptations on offer (optional)"), validators=[max_length(2000)])
    # NOTE: label of the form field 'places' (StringField) in ActivityForm
    places = StringField(_l("Places"), validators=[a_count])
    # NOTE: label of the form field 'places_free' (StringField) in ActivityForm
    places_free = StringField(_l("Free places"), validators=[a_count])
    # NOTE: label of the form field 'contact' (StringField) in ActivityForm
    contact = StringField(_l("Contact"), validators=[required(), max_length(300)])
    referrers = RadioField(
        _l("Who may refer"), **enum_choice(Referrers, blank=False, message=NOT_IN_LIST, validators=[chosen()])
    )
    is_public = BooleanField(_l("Show on the public page (no sign-in needed)"))

    def set_choices(self, organisations, municipalities, language_name, weekday_name):
        self.organisation.choices = options((o.id, o.name) for o in organisations)
        self.municipality.choices = options((m.id, m.name) for m in municipalities)
        language_choices = [(code, language_name(code)) for code in SPOKEN_LANGUAGES]
        self.languages.choices = options(language_choices)
        self.written_in.choices = options(language_choices)
        self.weekdays.choices = options((d, weekday_name(d)) for d in WEEKDAYS)

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        ok = True
        starts, ends = self.starts_on.data, self.ends_on.data
        if not self.continuous_intake.data and starts is None:
            self.starts_on.errors.append(_l("Write the first day, or choose continuous intake."))
            ok = False
        if starts and ends and ends < starts:
            self.ends_on.errors.append(_l("The activity cannot end before it starts."))
            ok = False
        if self.places.parsed < self.places_free.parsed:
            self.places_free.errors.append(_l("There cannot be more free places than places."))
            ok = False
        starts_at, ends_at = self.starts_at.data, self.ends_at.data
        if self.weekdays.data and (starts_at is None or ends_at is None):
            self.starts_at.errors.append(_l("Write the times for the chosen days."))
            ok = False
        elif starts_at and ends_at and ends_at <= starts_at:
            self.ends_at.errors.append(_l("The end time must be after the start time."))
            ok = False
        if not self.languages.data:
            self.languages.errors.append(_l("Choose at least one language."))
            ok = False
        return ok


class ReferForm(FlaskForm):
    # NOTE: label of the form field 'participant' (SelectField) in ReferForm
    participant = ChoiceField(_l("Participant"), message=NOT_IN_LIST, coerce=int, validators=[chosen()])
    note = TextAreaField(_l("Note to the provider"), validators=[max_length(1000)])
    contact_agreed = BooleanField(_l("The participant agrees that the provider may contact them"))
    contact = StringField(_l("Participant's phone or email (optional)"), validators=[Optional(), max_length(200)])
    waiting_list = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if (self.contact.data or "").strip() and not self.contact_agreed.data:
            self.contact.errors.append(_l("Share contact details only when the participant agrees: tick the box."))
            return False
        return True


class CompletionForm(FlaskForm):
    outcome = RadioField(
        _l("How did it end?"),
        **enum_choice(
            ReferralStatus,
            [ReferralStatus.DONE, ReferralStatus.DROPPED_OUT],
            blank=False,
            message=NOT_IN_LIST,
            validators=[chosen()],
        ),
    )
    # NOTE: label of the form field 'on' (DateField) in CompletionForm
    on = DateField(_l("Date"), validators=[filled])


class SearchForm(FlaskForm):
    """The filters: a GET form, so every search has an address that can be shared."""

    class Meta:
        csrf = False

    # NOTE: label of the form field 'q' (StringField) in SearchForm
    q = StringField(_l("Search"), validators=[max_length(100)])
    category = SelectField(_l("Kind of activity"), default="", **enum_choice(Category, message=NOT_IN_LIST, every=ALL))
    # NOTE: label of the form field 'municipality' (SelectField) in SearchForm
    municipality = ChoiceField(_l("Municipality"), message=NOT_IN_LIST, default="")
    # NOTE: label of the form field 'language' (SelectField) in SearchForm
    language = ChoiceField(_l("Language"), message=NOT_IN_LIST, default="")
    phase = SelectField(_l("Phase of the way"), default="", **enum_choice(Phase, message=NOT_IN_LIST, every=ALL))
    on = DateField(_l("Running on (date)"))
    free = BooleanField(_l("Only with free places"))

    def set_choices(self, municipalities, language_name):
        anything = ("", ALL)
        self.municipality.choices = options([anything] + [(str(m.id), m.name) for m in municipalities])
        self.language.choices = options([anything] + [(code, language_name(code)) for code in SPOKEN_LANGUAGES])
