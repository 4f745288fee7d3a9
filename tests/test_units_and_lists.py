"""Hours and lists in the reader's language come from CLDR (babel.units, babel.lists), not from
hand-made plurals and separators."""

from flask import render_template_string
from flask_babel import force_locale

from webapp.attendance.routes import hours_text
from webapp.wording import spoken_list


def test_hours_follow_each_languages_number_and_plural(app):
    with app.test_request_context(), force_locale("sv"):
        assert [hours_text(m) for m in (60, 450, 135, 0)] == ["1 timme", "7,5 timmar", "2,25 timmar", "0 timmar"]
    with app.test_request_context(), force_locale("en"):
        assert hours_text(450) == "7.5 hours"
    with app.test_request_context(), force_locale("ti"):
        assert hours_text(450) == "7.5 ሰዓታት"


def test_lists_are_joined_as_the_language_joins_them_and_stay_escaped(app):
    with app.test_request_context():
        with force_locale("sv"):
            assert spoken_list(["tigrinja", "arabiska", "svenska"]) == "tigrinja, arabiska och svenska"
            assert spoken_list(["<b>", "x"]) == "&lt;b&gt; och x"
        with force_locale("ar"):
            assert spoken_list(["أ", "ب"]) == "أ وب"  # CLDR: the conjunction joins the next word
        with force_locale("sv"):
            html = render_template_string(
                '{% from "catalogue/_macros.html" import language_list %}{{ language_list(["ti", "sv"]) }}'
            )
            assert html == "tigrinja och svenska"
