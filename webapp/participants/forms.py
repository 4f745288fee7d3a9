"""The coach sends the invitation link to the participant."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField

from ..validation import max_length, required


class SendInvitationForm(FlaskForm):
    to = StringField(_l("E-mail address or mobile number"), validators=[required(), max_length(254)])
