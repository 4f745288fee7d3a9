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


def test_labels_and_words_follow_each_reader(app):
    """Status labels, the week's words and date patterns (wording's pattern cache) follow the
    reader's language, whichever language asked before."""
    from datetime import date

    from webapp.attendance.models import Status
    from webapp.attendance.routes import day_text, words

    seen = {}
    for language in ("sv", "ar", "sv", "ti", "ar"):
        with app.test_request_context(), force_locale(language):
            seen.setdefault(language, set()).add((str(Status.SICK.label), day_text(date(2026, 11, 30)), words()["why"]))
    assert all(len(values) == 1 for values in seen.values())
    (sv,), (ar,), (ti,) = seen["sv"], seen["ar"], seen["ti"]
    assert sv[0] == "Sjuk" and "måndag" in sv[1]
    assert "الاثنين" in ar[1] and ar[0] != sv[0]
    assert "ሰኑይ" in ti[1] and ti[0] not in (sv[0], ar[0])
    assert len({sv[2], ar[2], ti[2]}) == 3


def test_python_strings_keep_the_requests_catalogue_and_follow_a_forced_language(app):
    """Flask-Babel's gettext finds the request's catalogue once (babel_domain); a sentence
    forced into a reader's language (a notification to an Arabic reader during a Swedish
    request) is in that language, and the request's own language comes back after it."""
    from flask_babel import gettext, lazy_gettext

    later = lazy_gettext("Sign in")
    with app.test_request_context(headers={"Accept-Language": "sv"}):
        assert gettext("Sign in") == "Logga in" == str(later)
        with force_locale("ar"):
            assert gettext("Sign in") == "تسجيل الدخول" == str(later)
            with force_locale("ti"):
                assert gettext("Sign in") == "ምእታው"
            assert gettext("Sign in") == "تسجيل الدخول"
        assert gettext("Sign in") == "Logga in"
    with app.app_context(), force_locale("en"):  # a command: no request, a language chosen
        assert gettext("Sign in") == "Sign in"
