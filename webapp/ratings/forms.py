from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField

from ..fields import in_the_list
from ..validation import options
from .models import HIGHEST, LOWEST, QUESTIONS

SCALE = [str(n) for n in range(LOWEST, HIGHEST + 1)]


on_the_scale = in_the_list(_l("Choose a number from 1 to 10."))


class RatingForm(FlaskForm):
    # validate_choice off: our own message, in every language, for 0, 11 or nothing.
    work = RadioField(
        QUESTIONS[0][2], choices=options((n, n) for n in SCALE), validate_choice=False, validators=[on_the_scale]
    )
    health = RadioField(
        QUESTIONS[1][2], choices=options((n, n) for n in SCALE), validate_choice=False, validators=[on_the_scale]
    )
    confidence = RadioField(
        QUESTIONS[2][2], choices=options((n, n) for n in SCALE), validate_choice=False, validators=[on_the_scale]
    )
    swedish = RadioField(
        QUESTIONS[3][2], choices=options((n, n) for n in SCALE), validate_choice=False, validators=[on_the_scale]
    )

    def values(self) -> dict[str, int]:
        return {name: int(getattr(self, name).data) for name, _, _ in QUESTIONS}
