"""Forms with our own messages. The feedback form itself is built from template data
(services parse it), so only the comment and the template editor are WTForms here."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import ValidationError

from ..validation import max_length, required
from .definition import KEY
from .services import MAX_TEXT

MAX_DEFINITION = 100_000


class CommentForm(FlaskForm):
    # NOTE: label of the form field 'comment' (TextAreaField) in CommentForm
    comment = TextAreaField(_l("Your answer"), validators=[required(), max_length(MAX_TEXT)])


def template_key(form, field):
    if not KEY.match(field.data or ""):
        raise ValidationError(_l('Write the key with small letters a-z, digits and _, like "first_week".'))


class TemplateForm(FlaskForm):
    definition = TextAreaField(
        _l("The template (JSON)"),
        validators=[required(), max_length(MAX_DEFINITION)],
        render_kw={"rows": 24, "dir": "ltr", "spellcheck": "false", "class": "json-editor"},
    )


class NewTemplateForm(TemplateForm):
    # NOTE: label of the form field 'key' (StringField) in NewTemplateForm
    key = StringField(_l("Key"), validators=[required(), template_key])
