"""The upload form: what kind of document, and the file (checked by its content in services)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField

from ..fields import RadioChoiceField
from ..validation import chosen, options
from .models import DocumentKind


class UploadForm(FlaskForm):
    kind = RadioChoiceField(
        _l("What kind of document is it?"),
        choices=options((k.value, k.label) for k in DocumentKind),
        validators=[chosen()],
    )
    # NOTE: label of the file field on the upload form
    file = FileField(_l("The file"), render_kw={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"})
