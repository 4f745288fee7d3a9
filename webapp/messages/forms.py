"""The one form of a thread: a message, and the hidden token that makes it count once."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired

from ..validation import max_length
from .services import MAX_LENGTH


class MessageForm(FlaskForm):
    body = TextAreaField(
        # NOTE: label of the text field where a message is written
        _l("Your message"),
        validators=[DataRequired(message=_l("Write a message before you send it.")), max_length(MAX_LENGTH)],
        render_kw={"rows": 3, "dir": "auto"},
    )
    token = HiddenField()
