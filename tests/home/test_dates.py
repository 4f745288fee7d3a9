"""Dates as each community writes them (webapp/dates.py): Tigrinya day first with the month
written out, Arabic with the Levantine month beside the generic one, Western digits in all."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask import render_template_string
from flask_babel import force_locale

from webapp.dates import format_date, format_datetime

DAY = date(2026, 10, 23)
FIRST_OF_DECEMBER = date(2026, 12, 1)
WEBAPP = Path(__file__).resolve().parent.parent.parent / "webapp"


def formatted(app, language, value, format="medium", formatter=format_date):
    with app.test_request_context(), force_locale(language):
        return formatter(value, format)


@pytest.mark.parametrize(
    ("language", "medium", "long"),
    [
        ("sv", "23 okt. 2026", "23 oktober 2026"),
        ("en", "Oct 23, 2026", "October 23, 2026"),
        ("ti", "23 ጥቅምቲ 2026", "23 ጥቅምቲ 2026"),
        ("ar", "23\u200f/10\u200f/2026", "23 تشرين الأول (أكتوبر) 2026"),
    ],
)
def test_named_formats_per_language(app, language, medium, long):
    assert formatted(app, language, DAY, "medium") == medium
    assert formatted(app, language, DAY, "long") == long


def test_a_day_written_once_is_written_again_in_each_readers_language(app):
    """Days are kept as written (a supervisor's home writes the same days for every
    participant): a day kept in one language is not shown to a reader of another."""
    first = [formatted(app, language, DAY, "long") for language in ("sv", "ar", "ti", "en")]
    assert first == ["23 oktober 2026", "23 تشرين الأول (أكتوبر) 2026", "23 ጥቅምቲ 2026", "October 23, 2026"]
    assert [formatted(app, language, DAY, "long") for language in ("en", "ti", "ar", "sv")] == first[::-1]


def test_tigrinya_is_day_first_with_full_month_names_even_when_a_pattern_abbreviates(app):
    assert formatted(app, "ti", DAY, "d MMMM yyyy") == "23 ጥቅምቲ 2026"
    assert formatted(app, "ti", DAY, "EEE d MMM") == "ዓር 23 ጥቅምቲ"
    assert formatted(app, "ti", DAY, "LLLL yyyy") == "ጥቅምቲ 2026"
    assert "ጥቅ " not in formatted(app, "ti", DAY, "d MMM yyyy")


def test_tigrinya_short_dates_are_day_first_too(app):
    assert formatted(app, "ti", DAY, "short") == "23/10/2026"
    moment = datetime(2026, 10, 23, 6, 30, tzinfo=UTC)
    assert formatted(app, "ti", moment, "short", format_datetime).startswith("23/10/2026 ")
    assert formatted(app, "ti", moment, "long", format_datetime).startswith("23 ጥቅምቲ 2026")


def test_arabic_shows_the_levantine_month_beside_the_generic_one(app):
    assert formatted(app, "ar", FIRST_OF_DECEMBER, "d MMMM yyyy") == "1 كانون الأول (ديسمبر) 2026"
    assert formatted(app, "ar", date(2026, 2, 5), "d MMM yyyy") == "5 شباط (فبراير) 2026"
    assert formatted(app, "ar", FIRST_OF_DECEMBER, "LLLL yyyy") == "كانون الأول (ديسمبر) 2026"


def test_a_moment_is_shown_in_stockholm_with_the_month_of_that_day_and_the_scripts_comma(app):
    # 23:30 UTC on 30 November is 00:30 on 1 December in Stockholm: December's names.
    moment = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    assert formatted(app, "ar", moment, "d MMMM, HH:mm", format_datetime) == "1 كانون الأول (ديسمبر)، 00:30"
    assert formatted(app, "ti", moment, "d MMMM, HH:mm", format_datetime) == "1 ታሕሳስ፣ 00:30"
    assert formatted(app, "sv", moment, "d MMMM, HH:mm", format_datetime) == "1 december, 00:30"


@pytest.mark.parametrize("language", ["sv", "en", "ar", "ti"])
def test_digits_stay_western(app, language):
    for format in ("short", "medium", "long", "full", "d MMMM yyyy"):
        text = formatted(app, language, FIRST_OF_DECEMBER, format)
        assert re.search(r"[0-9]", text) and not re.search(r"[\u0660-\u0669\u06f0-\u06f9\u1369-\u137c]", text), text


def test_templates_format_through_the_same_place(app):
    with app.test_request_context(), force_locale("ti"):
        assert render_template_string('{{ d|dateformat("long") }}', d=DAY) == "23 ጥቅምቲ 2026"
    with app.test_request_context(), force_locale("ar"):
        assert render_template_string('{{ d|dateformat("d MMMM yyyy") }}', d=FIRST_OF_DECEMBER) == (
            "1 كانون الأول (ديسمبر) 2026"
        )


def test_the_language_switcher_names_each_language_in_its_own_name(client):
    page = client.get("/sign-in", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    for own in ('lang="sv" dir="ltr"', ">Svenska<", ">English<", ">العربية<", ">ትግርኛ<"):
        assert own in page


def test_no_code_formats_dates_around_the_one_place():
    """Only webapp/dates.py imports Flask-Babel's or Babel's date formatting."""
    pattern = re.compile(r"from (flask_babel|babel\.dates) import [^\n]*\bformat_(date|datetime|time)\b")
    offenders = [
        str(path.relative_to(WEBAPP))
        for path in WEBAPP.rglob("*.py")
        if path.name != "dates.py" and pattern.search(path.read_text())
    ]
    assert offenders == []


@pytest.mark.parametrize(("language", "monday", "sunday"), [("sv", "måndag", "söndag"), ("ar", "الاثنين", "الأحد")])
def test_one_weekday_name_for_every_page(app, language, monday, sunday):
    """The catalogue's times, the placement forms and "my data" name a weekday with the one helper."""
    from webapp.dates import weekday_names

    with app.test_request_context(), force_locale(language):
        assert weekday_names()[0] == monday and weekday_names()[6] == sunday
        assert render_template_string("{{ weekday_name(6) }}") == sunday
