from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField

from ..i18n import LANGUAGES
from ..validation import options, max_length, required, supported_language


class NewParticipantForm(FlaskForm):
    full_name = StringField(_l("Full name"), validators=[required(), max_length(200)])
    short_name = StringField(_l("What they want to be called (optional)"), validators=[max_length(100)])
    language = SelectField(
        _l("Language they read best"),
        choices=options((code, lang.own_name) for code, lang in LANGUAGES.items()),
        validators=[supported_language],
    )
