"""Whole sentences with isolated values, lists and dates as each language writes them.

A translated sentence is one msgid with named placeholders, so a translator can move the
pieces; what people or data wrote (names, titles, organisations, dates) goes into it
isolated in `<bdi>`, so a Swedish name inside an Arabic sentence keeps its own direction
and does not drag the punctuation around it.
"""

import re
from datetime import datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_interval, match_skeleton
from babel.lists import format_list
from flask import Flask
from flask_babel import get_locale, to_user_timezone
from markupsafe import Markup, escape

from . import dates


def bdi(value, direction: str | None = None) -> Markup:
    """`value` escaped and isolated; `direction="ltr"` for numbers with signs, e-mail
    addresses and times, which must read left to right inside right-to-left text."""
    if direction:
        return Markup('<bdi dir="{}">{}</bdi>').format(direction, value)
    return Markup("<bdi>{}</bdi>").format(value)


def isolated(value) -> str:
    """`value` between Unicode's first-strong-isolate and pop-directional-isolate marks: the
    `<bdi>` of places that hold text only (`<title>`, `<option>`, an attribute)."""
    return f"\u2068{value}\u2069"


def sentence(translated, /, **values) -> Markup:
    """A translated sentence (`_l(...)` or `_(...)` without values) filled with values:
    plain values are escaped and isolated in `<bdi>`, Markup is trusted as built."""
    filled = {name: value if isinstance(value, Markup) else bdi(value) for name, value in values.items()}
    return Markup(escape(str(translated))) % filled


def spoken_list(items) -> Markup:
    """Items joined as the reader's language joins a list ("a, b och c", "a، b و c"), by CLDR;
    each item is escaped unless it is already markup (pass `bdi(name)` for names)."""
    return Markup(format_list([escape(item) for item in items], locale=str(get_locale())))


def localized(value, skeleton: str = "yMMMd") -> str:
    """A date or a moment from a CLDR skeleton, in the reader's locale: the locale decides
    the order, the words and the punctuation ("2 dec. 2026", "Dec 2, 2026"). A skeleton
    with a space is a date and a time ("MMMMd Hm"), joined as the locale joins them."""
    locale = get_locale()
    if isinstance(value, datetime):
        value = to_user_timezone(value)
    date_part, _, time_part = skeleton.partition(" ")
    day = _community(value, _pattern(date_part, locale)) if date_part else ""
    if not time_part:
        return day
    time = dates.format_datetime(value, _pattern(time_part, locale))
    return locale.datetime_formats["medium"].format(time, day) if day else time


def _community(value, pattern: str) -> str:
    """The pattern as the reader's community writes it (webapp/dates.py: Tigrinya months in
    full, Arabic months with both names)."""
    if isinstance(value, datetime):
        return dates.format_datetime(value, pattern)
    return dates.format_date(value, pattern)


@lru_cache(maxsize=256)
def _pattern(skeleton: str, locale: Locale) -> str:
    """The locale's pattern for a skeleton, its words as long as the skeleton asks
    ("EEEE": "onsdag", not "ons"), as ICU's pattern generator does. Kept per skeleton and
    locale: CLDR's best match is costly, and a supervisor's weeks ask it for every day."""
    key = match_skeleton(skeleton, locale.datetime_skeletons) or skeleton
    pattern = locale.datetime_skeletons[key].pattern if key in locale.datetime_skeletons else skeleton
    parts = pattern.split("'")
    # A weekday is always a word; a month is a word from three letters on (fewer: a number).
    for field, count in (("E+", skeleton.count("E")), ("[ML]{3,}", skeleton.count("M"))):
        if count >= 4:
            for i in range(0, len(parts), 2):  # outside 'quoted literals'
                parts[i] = re.sub(field, lambda m, n=count: m.group(0)[0] * n, parts[i])
    return "'".join(parts)


def interval(start, end, skeleton: str = "Hm") -> str:
    """From one time or date to another as the locale writes it ("07:30–08:45",
    "1–7 dec. 2026" with "yMMMd")."""
    if isinstance(start, datetime):
        start, end = to_user_timezone(start), to_user_timezone(end)
    return format_interval(start, end, skeleton, locale=str(get_locale()))


def register_wording(app: Flask) -> None:
    app.add_template_filter(bdi)
    app.add_template_filter(isolated)
    app.add_template_filter(localized)
    app.add_template_global(sentence)
    app.add_template_global(spoken_list)
    app.add_template_global(interval)
