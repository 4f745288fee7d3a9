"""Forms of the team: adding a professional, writing and correcting a case note."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectField, TextAreaField

from ..fields import NOT_OFFERED
from ..validation import enum_choice, max_length, required
from .models import NoteVisibility, TeamRole
from .notes import NOTE_LENGTH


class AddMemberForm(FlaskForm):
    email = EmailField(_l("Their work e-mail address"), validators=[required(), max_length(254)])
    role = SelectField(
        _l("Their role in the team"),
        default=TeamRole.SOCIAL_SERVICES.value,
        **enum_choice(TeamRole, blank=False, message=NOT_OFFERED),
    )


class NoteForm(FlaskForm):
    text = TextAreaField(_l("Note"), validators=[required(), max_length(NOTE_LENGTH)])
    visibility = RadioField(
        _l("Who can read it"),
        default=NoteVisibility.TEAM.value,
        **enum_choice(NoteVisibility, blank=False, message=NOT_OFFERED),
    )
