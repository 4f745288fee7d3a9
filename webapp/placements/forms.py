"""Forms for employers, openings and the match. Every message is ours (translated in four
languages): dates, times, numbers and choices are parsed by small validators here."""

from datetime import time

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import ValidationError

from ..dates import weekday_names
from ..fields import NOT_OFFERED, CheckboxesField, ChoiceField, DateField, filled, parse_time, whole_number
from ..i18n import LANGUAGES, SPOKEN_LANGUAGES, language_name
from ..validation import enum_choice, max_length, options, required
from .models import ADAPTATIONS, Collaboration, OpeningStatus, PlacementKind, Sector

WEEKDAYS = range(7)


class ProfileForm(FlaskForm):
    # NOTE: label of the form field 'sector' (RadioField) in ProfileForm
    sector = RadioField(_l("Sector"), **enum_choice(Sector, blank=False))
    kind = StringField(_l("What kind of workplace (optional)"), validators=[max_length(100)])
    # NOTE: label of the form field 'municipality' (ChoiceField) in ProfileForm
    municipality = ChoiceField(_l("Municipality"))
    # NOTE: label of the form field 'address' (StringField) in ProfileForm
    address = StringField(_l("Address (optional)"), validators=[max_length(300)])
    contact_person = StringField(_l("Contact person (optional)"), validators=[max_length(200)])
    collaboration = RadioField(_l("Collaboration with the programme"), **enum_choice(Collaboration, blank=False))
    agreement_signed_on = DateField(_l("Date the agreement was signed"))

    def validate_agreement_signed_on(self, field):
        if self.collaboration.data is Collaboration.AGREEMENT_SIGNED and field.data is None:
            raise ValidationError(_("Write the date the agreement was signed."))


class OpeningForm(FlaskForm):
    # NOTE: label of the form field 'title' (StringField) in OpeningForm
    title = StringField(_l("Title"), validators=[required(), max_length(200)])
    # NOTE: label of the form field 'kind' (SelectField) in OpeningForm
    kind = SelectField(_l("Type"), **enum_choice(PlacementKind, blank=False, message=NOT_OFFERED))
    # NOTE: label of the form field 'tasks' (TextAreaField) in OpeningForm
    tasks = TextAreaField(_l("Tasks"), validators=[required(), max_length(4000)])
    hours_per_week = StringField(
        _l("Hours per week"), validators=[whole_number(1, 60)], render_kw={"inputmode": "numeric"}
    )
    # NOTE: label of the form field 'usual_days' (CheckboxesField) in OpeningForm
    usual_days = CheckboxesField(_l("Usual days"), coerce=int)
    # NOTE: label of the form field 'place' (StringField) in OpeningForm
    place = StringField(_l("Place (address)"), validators=[max_length(300)])
    # NOTE: label of the form field 'municipality' (ChoiceField) in OpeningForm
    municipality = ChoiceField(_l("Municipality"))
    # NOTE: label of the form field 'starts_on' (DateField) in OpeningForm
    starts_on = DateField(_l("Start date"), validators=[filled])
    places = StringField(_l("Number of places"), validators=[whole_number(1, 100)], render_kw={"inputmode": "numeric"})
    languages = CheckboxesField(_l("Languages spoken at the workplace"))
    adaptations = CheckboxesField(_l("Adaptations on offer"))
    # NOTE: label of the form field 'supervisor' (ChoiceField) in OpeningForm
    supervisor = ChoiceField(_l("Supervisor"))
    # NOTE: label of the form field 'status' (SelectField) in OpeningForm
    status = SelectField(_l("Status"), **enum_choice(OpeningStatus, blank=False, message=NOT_OFFERED))
    written_in = ChoiceField(_l("This text is written in"))

    def fill_choices(self, municipalities, supervisors):
        self.usual_days.choices = options(zip(WEEKDAYS, weekday_names(), strict=True))
        # NOTE: the empty first choice of a drop-down list: the user has not chosen yet
        self.municipality.choices = options([("", _("Choose"))] + [(str(m.id), m.name) for m in municipalities])
        self.languages.choices = options((c, language_name(c)) for c in SPOKEN_LANGUAGES)
        self.adaptations.choices = options(ADAPTATIONS.items())
        self.supervisor.choices = options(
            [("", _("Not decided yet"))] + [(str(u.id), u.full_name) for u in supervisors]
        )
        self.written_in.choices = options((code, lang.own_name) for code, lang in LANGUAGES.items())
        return self


class ProposeForm(FlaskForm):
    # NOTE: label of the form field 'participant' (ChoiceField) in ProposeForm
    participant = ChoiceField(_l("Participant"))
    note = TextAreaField(_l("A short note (optional)"), validators=[max_length(500)])

    def validate_participant(self, field):
        if not field.data:
            raise ValidationError(_("Please choose one."))


class AcceptForm(FlaskForm):
    # NOTE: label of the form field 'starts_on' (DateField) in AcceptForm
    starts_on = DateField(_l("Start date"), validators=[filled])
    ends_on = DateField(_l("End date (optional)"))

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_("The end date must be on or after the start date."))


def schedule_from(formdata) -> tuple[list[tuple[int, time, time]], dict[int, str], dict[int, tuple[str, str]]]:
    """The weekly schedule typed in the accept form: (days, errors by weekday, what was typed)."""
    days, errors, typed = [], {}, {}
    for weekday in WEEKDAYS:
        raw_from = (formdata.get(f"day{weekday}_from") or "").strip()
        raw_to = (formdata.get(f"day{weekday}_to") or "").strip()
        typed[weekday] = (raw_from, raw_to)
        if not raw_from and not raw_to:
            continue
        starts_at, ends_at = parse_time(raw_from), parse_time(raw_to)
        if starts_at is None or ends_at is None:
            errors[weekday] = _("Write the times like 08:00 and 16:30 (a day has 24 hours).")
        elif ends_at <= starts_at:
            errors[weekday] = _("The day must end after it starts.")
        else:
            days.append((weekday, starts_at, ends_at))
    if not days and not errors:
        errors[-1] = _("Write the hours of at least one day.")
    return days, errors, typed


class SharingForm(FlaskForm):
    adaptations = CheckboxesField(_l("What employers may know that you need"), choices=options(ADAPTATIONS.items()))


class SettingForm(FlaskForm):
    participants_may_browse = BooleanField(_l("Participants may look at openings themselves"))


class EmptyForm(FlaskForm):
    """Only the CSRF token: for buttons that answer a proposal."""
