"""The four languages, how a request's language is chosen, and which way text runs."""

from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale
from flask import Flask, g, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from jinja2 import pass_eval_context
from markupsafe import Markup, escape
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from .babel_domain import request_translations
from .dates import init_dates
from .extensions import babel
from .timeutil import machine_time
from .wording import register_wording

LANGUAGE_COOKIE = "lang"
DEFAULT_LANGUAGE = "sv"


@dataclass(frozen=True)
class Language:
    code: str
    own_name: str  # the language's name in its own script, as the switcher shows it
    # "ltr" or "rtl", from CLDR once: every page asks five times (html and the switcher).
    direction: str = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "direction", Locale.parse(self.code).text_direction)


SWEDISH = Language("sv", "Svenska")
ENGLISH = Language("en", "English")
ARABIC = Language("ar", "العربية")
TIGRINYA = Language("ti", "ትግርኛ")

LANGUAGES = {lang.code: lang for lang in (SWEDISH, ENGLISH, ARABIC, TIGRINYA)}
LANGUAGE_LIST = tuple(LANGUAGES.values())


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


def select_locale() -> Locale:
    """The signed-in user's choice, then the cookie, then a hint from the page, then
    Accept-Language, then Swedish."""
    if current_user and current_user.is_authenticated and is_supported(current_user.preferred_language):
        return _LOCALES[current_user.preferred_language]
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if is_supported(cookie):
        return _LOCALES[cookie]
    # A page may know the reader's language before they choose one (an invitation link).
    hint = g.get("language_hint")
    if is_supported(hint):
        return _LOCALES[hint]
    accept_language = request.headers.get("Accept-Language", "")
    # (Only ordinary headers are kept: a long made-up one is matched, not stored.)
    match = _best_match(accept_language) if len(accept_language) <= 200 else _match(accept_language)
    return _LOCALES[match]


# Parsed once: Flask-Babel would parse the chosen code into a Locale on every request.
_LOCALES = {code: Locale.parse(code) for code in LANGUAGES}


def _match(accept_language: str) -> str:
    """The best of our languages for an Accept-Language header."""
    return parse_accept_header(accept_language, LanguageAccept).best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


# Phones send a handful of different headers, and matching one cost a first visit a third
# as much as rendering its language switcher.
_best_match = lru_cache(maxsize=512)(_match)


def current_language() -> Language:
    from flask_babel import get_locale

    return LANGUAGES.get(str(get_locale()), SWEDISH)


# The template side of gettext, with Jinja's "newstyle" meaning (named placeholders, the
# result is always %-formatted and escaped in HTML), one call each. Jinja's own wrappers go
# through three context calls per string (`_` -> `gettext` -> the catalogue function); the
# base template alone says a dozen strings.
@pass_eval_context
def template_gettext(eval_ctx, string, **variables):
    text = request_translations().ugettext(string)
    return (Markup(text) if eval_ctx.autoescape else text) % variables


@pass_eval_context
def template_ngettext(eval_ctx, singular, plural, num, **variables):
    variables.setdefault("num", num)
    text = request_translations().ungettext(singular, plural, num)
    return (Markup(text) if eval_ctx.autoescape else text) % variables


@pass_eval_context
def template_pgettext(eval_ctx, context, string, **variables):
    variables.setdefault("context", context)
    text = request_translations().upgettext(context, string)
    return (Markup(text) if eval_ctx.autoescape else text) % variables


@pass_eval_context
def template_npgettext(eval_ctx, context, singular, plural, num, **variables):
    variables.setdefault("context", context)
    variables.setdefault("num", num)
    text = request_translations().unpgettext(context, singular, plural, num)
    return (Markup(text) if eval_ctx.autoescape else text) % variables


def install_template_gettext(app: Flask) -> None:
    """`_`, gettext, ngettext, pgettext and npgettext in templates and {% trans %} blocks."""
    app.jinja_env.newstyle_gettext = True
    app.jinja_env.globals.update(
        _=template_gettext,
        gettext=template_gettext,
        ngettext=template_ngettext,
        pgettext=template_pgettext,
        npgettext=template_npgettext,
    )


# The language switcher is the same form on every page in a language, but for the CSRF token
# and the page to come back to: it is rendered once per language (and script root) with these
# stand-ins, and each page fills in its own. Rendering it afresh cost an eighth of a page.
_TOKEN_SLOT = "vagen-switcher-csrf-token"
_NEXT_SLOT = "vagen-switcher-next"


def init_language_switcher(app: Flask) -> None:
    kept: dict[tuple[str, str], tuple[Markup, Markup, Markup]] = {}

    def language_switcher() -> Markup:
        key = (current_language().code, request.script_root)
        parts = kept.get(key)
        if parts is None:
            html = render_template("_language_switcher.html", csrf_token=lambda: _TOKEN_SLOT, next_url=_NEXT_SLOT)
            before, rest = html.split(_TOKEN_SLOT)
            middle, after = rest.split(_NEXT_SLOT)
            parts = kept[key] = (Markup(before), Markup(middle), Markup(after))
        back = request.full_path if request.method == "GET" else url_for("home.index")
        return parts[0] + escape(generate_csrf()) + parts[1] + escape(back) + parts[2]

    app.add_template_global(language_switcher)


def init_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    init_dates(app)
    app.add_template_global(language_name)
    app.add_template_filter(machine_time)
    register_wording(app)
    install_template_gettext(app)
    init_language_switcher(app)

    @app.context_processor
    def language_context():
        lang = current_language()
        return {"current_language": lang, "languages": LANGUAGE_LIST, "languages_by_code": LANGUAGES}
