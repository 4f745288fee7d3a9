"""Dates as each community writes them: the one place that formats a date, a time or both.

Templates reach it through the usual Flask-Babel filters (dateformat, datetimeformat,
timeformat), which init_i18n points here; Python code imports format_date and
format_datetime from this module, never from flask_babel or babel.dates.

CLDR is right for Swedish and English. Two communities write dates otherwise:
- Tigrinya (Eritrean usage): day first, the month written out: "23 ጥቅምቲ 2026". CLDR's
  medium and long are month first ("ጥቅምቲ 23, 2026") and abbreviate the month.
- Arabic: CLDR's generic month names (ديسمبر) are Egyptian and Gulf usage; Syrian and Iraqi
  readers use the Levantine names (كانون الأول). Both are shown, the Levantine first:
  "1 كانون الأول (ديسمبر) 2026". The Levantine names are CLDR's own (ar_SY).
Digits stay Western (0-9) in every language, as Babel writes them for "ar".
"""

from datetime import date, datetime, time
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import get_day_names, get_month_names, tokenize_pattern, untokenize_pattern
from flask_babel import format_date as _babel_date
from flask_babel import format_datetime as _babel_datetime
from flask_babel import format_time as _babel_time
from flask_babel import get_locale, to_user_timezone

NAMED = ("short", "medium", "long", "full")

# Named date formats a language writes otherwise than CLDR; the rest come from CLDR.
DATE_PATTERNS = {
    "ti": {"short": "d/M/y", "medium": "d MMMM y", "long": "d MMMM y"},
}

# The comma between a date and a time, as each script writes it (patterns in templates
# are written with a Latin comma).
COMMAS = {"ar": "،", "ti": "፣"}


def _language() -> str:
    return str(get_locale() or "sv").split("_")[0]


@cache
def _levantine_months() -> dict[int, str]:
    return dict(get_month_names("wide", locale="ar_SY"))


@cache
def _generic_months() -> dict[int, str]:
    return dict(get_month_names("wide", locale="ar"))


def arabic_month(month: int) -> str:
    """A month as Syrian, Iraqi and other Arab readers all recognise it: the Levantine name
    with the generic one in brackets."""
    return f"{_levantine_months()[month]} ({_generic_months()[month]})"


@cache
def localised_pattern(pattern: str, language: str, month: int | None = None) -> str:
    """A Babel pattern rewritten for a language: Tigrinya months written out, Arabic months
    with both names, the comma of the language's script."""
    tokens = []
    for kind, value in tokenize_pattern(pattern):
        if kind == "field" and value[0] in "ML" and value[1] >= 3:
            if language == "ti":
                value = (value[0], 4)
            elif language == "ar" and month is not None:
                kind, value = "chars", arabic_month(month)
        elif kind == "chars" and language in COMMAS:
            value = value.replace(",", COMMAS[language])
        tokens.append((kind, value))
    return untokenize_pattern(tokens)


def _date_pattern(format: str, language: str) -> str:
    if format in NAMED:
        own = DATE_PATTERNS.get(language, {}).get(format)
        return own or Locale.parse(language).date_formats[format].pattern
    return format


def format_date(value: date | datetime | None = None, format: str = "medium") -> str:
    """A date in the reader's language, as their community writes it."""
    value = value if value is not None else date.today()
    if type(value) is date:
        return _written_day(value, format, str(get_locale() or "sv"))
    language = _language()
    return _babel_date(value, localised_pattern(_date_pattern(format, language), language, value.month))


@lru_cache(maxsize=4096)
def _written_day(day: date, format: str, locale: str) -> str:
    """A day as a locale writes it, kept: a supervisor's home writes the same days for every
    participant (85 dates a page, each a CLDR pattern rewritten and filled)."""
    language = locale.split("_")[0]
    return babel_format_date(day, localised_pattern(_date_pattern(format, language), language, day.month), locale)


def format_datetime(value: datetime | None = None, format: str = "medium") -> str:
    """A moment (in the reader's time zone) in the reader's language. Named formats are
    CLDR's; a pattern is rewritten like a date's."""
    language = _language()
    value = value if value is not None else datetime.now()
    if format in NAMED:
        if format not in DATE_PATTERNS.get(language, {}):
            return _babel_datetime(value, format)
        # The language's own date pattern inside CLDR's way of joining a date and a time.
        locale = Locale.parse(language)
        format = (
            str(locale.datetime_formats[format])
            .replace("{1}", _date_pattern(format, language))
            .replace("{0}", locale.time_formats[format].pattern)
        )
    # The month as the reader sees it, not as stored (UTC near midnight on the 1st).
    shown = to_user_timezone(value)
    return _babel_datetime(value, localised_pattern(format, language, shown.month))


def format_time(value: time | datetime | None = None, format: str = "short") -> str:
    """A time of day in the reader's language (no months, so CLDR as it is)."""
    return _babel_time(value, format)


def stored_day(text: str | None) -> date | None:
    """A day Vägen itself stored as ISO text (a notification's or a change's params), or None.
    What users type goes through fields.parse_day instead."""
    return date.fromisoformat(text) if text else None


def stored_moment(text: str | None) -> datetime | None:
    """A moment Vägen itself stored as ISO text, with its offset, or None."""
    return datetime.fromisoformat(text) if text else None


def init_dates(app) -> None:
    """Point the Flask-Babel date filters here (after babel.init_app registered its own)."""
    app.jinja_env.filters.update(dateformat=format_date, datetimeformat=format_datetime, timeformat=format_time)


def weekday_name(weekday: int) -> str:
    """A weekday's name in the reader's language (0 = Monday), as CLDR writes it."""
    return get_day_names("wide", locale=get_locale())[weekday]


def weekday_names() -> list[str]:
    """Monday to Sunday in the reader's language."""
    return [weekday_name(d) for d in range(7)]
