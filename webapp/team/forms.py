"""Forms of the team: adding a professional, writing and correcting a case note."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectField, TextAreaField, ValidationError

from ..validation import max_length, options, required
from .models import NoteVisibility, TeamRole
from .notes import NOTE_LENGTH


def _one_of(field, enum_class):
    if field.data not in {m.value for m in enum_class}:
        raise ValidationError(_l("Please choose one of the options in the list."))


class AddMemberForm(FlaskForm):
    email = EmailField(_l("Their work e-mail address"), validators=[required(), max_length(254)])
    role = SelectField(
        _l("Their role in the team"),
        choices=options((r.value, r.label) for r in TeamRole),
        default=TeamRole.SOCIAL_SERVICES.value,
        validate_choice=False,
    )

    def validate_role(self, field):
        _one_of(field, TeamRole)


class NoteForm(FlaskForm):
    text = TextAreaField(_l("Note"), validators=[required(), max_length(NOTE_LENGTH)])
    visibility = RadioField(
        _l("Who can read it"),
        choices=options((v.value, v.label) for v in NoteVisibility),
        default=NoteVisibility.TEAM.value,
        validate_choice=False,
    )

    def validate_visibility(self, field):
        _one_of(field, NoteVisibility)
