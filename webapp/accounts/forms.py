from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, StringField

from ..fields import RadioChoiceField
from ..validation import chosen, email_address, language_choice, max_length, options, required
from .models import Role


class StaffMemberForm(FlaskForm):
    # NOTE: label of the form field 'full_name' (StringField) in StaffMemberForm
    full_name = StringField(_l("Name"), validators=[required(), max_length(200)])
    # NOTE: label of the form field 'email' (EmailField) in StaffMemberForm
    email = EmailField(_l("Email"), validators=[required(), max_length(254), email_address()])
    role = RadioChoiceField(
        # NOTE: label of the form field 'role' (RadioField) in StaffMemberForm
        _l("Role"),
        choices=options((r.value, r.label) for r in (Role.COACH, Role.SUPERVISOR, Role.ORGANISATION_ADMIN)),
        validators=[chosen()],
    )
    language = language_choice(_l("Language for messages"))
