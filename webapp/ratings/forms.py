from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from ..fields import RadioChoiceField
from ..validation import options
from .models import HIGHEST, LOWEST, QUESTIONS

SCALE = [str(n) for n in range(LOWEST, HIGHEST + 1)]


def _on_the_scale(question) -> RadioChoiceField:
    return RadioChoiceField(
        question, message=_l("Choose a number from 1 to 10."), choices=options((n, n) for n in SCALE)
    )


class RatingForm(FlaskForm):
    # Our own message, in every language, for 0, 11 or nothing.
    work = _on_the_scale(QUESTIONS[0][2])
    health = _on_the_scale(QUESTIONS[1][2])
    confidence = _on_the_scale(QUESTIONS[2][2])
    swedish = _on_the_scale(QUESTIONS[3][2])

    def values(self) -> dict[str, int]:
        return {name: int(getattr(self, name).data) for name, _, _ in QUESTIONS}
