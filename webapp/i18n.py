"""The four languages, how a request's language is chosen, and which way text runs."""
from dataclasses import dataclass

from babel import Locale
from flask import Flask, g, request
from flask_login import current_user

from .extensions import babel

LANGUAGE_COOKIE = "lang"
DEFAULT_LANGUAGE = "sv"


@dataclass(frozen=True)
class Language:
    code: str
    own_name: str  # the language's name in its own script, as the switcher shows it

    @property
    def direction(self) -> str:
        return Locale.parse(self.code).text_direction


SWEDISH = Language("sv", "Svenska")
ENGLISH = Language("en", "English")
ARABIC = Language("ar", "العربية")
TIGRINYA = Language("ti", "ትግርኛ")

LANGUAGES = {lang.code: lang for lang in (SWEDISH, ENGLISH, ARABIC, TIGRINYA)}


# Languages a workplace or an activity may use, beyond the four the app speaks; their names
# come from Babel in the reader's language (language_name).
SPOKEN_LANGUAGES = ("sv", "en", "ar", "ti", "so", "fa", "ku", "am", "uk", "pl", "bs", "tr", "es", "fr", "de", "ru")


def language_name(code: str) -> str:
    """A language's name in the reader's language (CLDR: "tigrinja" in Swedish), falling
    back to English, then to the code."""
    from flask_babel import get_locale

    reader = Locale.parse(str(get_locale()))
    return reader.languages.get(code) or Locale("en").languages.get(code) or code


def is_supported(code: str | None) -> bool:
    return code in LANGUAGES


def select_locale() -> str:
    """The signed-in user's choice, then the cookie, then a hint from the page, then
    Accept-Language, then Swedish."""
    if current_user and current_user.is_authenticated and is_supported(current_user.preferred_language):
        return current_user.preferred_language
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if is_supported(cookie):
        return cookie
    # A page may know the reader's language before they choose one (an invitation link).
    hint = g.get("language_hint")
    if is_supported(hint):
        return hint
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


def current_language() -> Language:
    from flask_babel import get_locale

    return LANGUAGES.get(str(get_locale()), SWEDISH)


def init_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.add_template_global(language_name)

    @app.context_processor
    def language_context():
        lang = current_language()
        return {"current_language": lang, "languages": LANGUAGES.values(), "languages_by_code": LANGUAGES}
