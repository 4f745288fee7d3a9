"""Four languages: how one is chosen, how it is switched, and that every catalogue is whole."""

import pytest

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.translate import LOCALES, catalogue_problems

from ..factories import make_user


@pytest.mark.parametrize("locale", LOCALES)
def test_every_catalogue_is_complete(locale):
    assert catalogue_problems(locale) == []


def test_swedish_is_the_default(client):
    response = client.get("/")
    assert '<html lang="sv" dir="ltr">' in response.text
    assert "Logga in" in response.text


@pytest.mark.parametrize(
    "header, lang, direction",
    [
        ("ar,en;q=0.5", "ar", "rtl"),
        ("ti-ER", "ti", "ltr"),
        ("en-GB", "en", "ltr"),
        ("de", "sv", "ltr"),
    ],
)
def test_accept_language_is_used_when_nothing_else_is_known(client, header, lang, direction):
    response = client.get("/", headers={"Accept-Language": header})
    assert f'<html lang="{lang}" dir="{direction}">' in response.text


def test_each_accept_language_header_gets_its_own_language(client):
    """Matches are kept per header: the same header again, another header, or a long one."""
    long_header = ", ".join(f"x-{n};q=0.1" for n in range(40)) + ", ti;q=0.9"
    for header, lang in (("ar", "ar"), ("en-GB,en;q=0.8", "en"), ("ar", "ar"), (long_header, "ti"), ("fr", "sv")):
        assert f'<html lang="{lang}"' in client.get("/", headers={"Accept-Language": header}).text, header


def test_cookie_beats_accept_language_and_user_choice_beats_cookie(client, sign_in):
    client.set_cookie("lang", "ti")
    assert 'lang="ti"' in client.get("/", headers={"Accept-Language": "ar"}).text
    sign_in(make_user(Role.COACH, preferred_language="ar"))
    assert 'lang="ar"' in client.get("/home/coach").text


def test_switching_language_sets_the_cookie_and_returns_to_the_page(client):
    response = client.post("/language", data={"language": "ar", "next": "/sign-in"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/sign-in"
    page = client.get("/sign-in")
    assert '<html lang="ar" dir="rtl">' in page.text


def test_switching_language_when_signed_in_is_remembered_on_the_account(client, sign_in):
    coach = make_user(Role.COACH)
    sign_in(coach)
    client.post("/language", data={"language": "ti", "next": "/home/coach"})
    db.session.refresh(coach)
    assert coach.preferred_language == "ti"


def test_an_unknown_language_is_refused_with_a_message(client):
    response = client.post(
        "/language", data={"language": "xx", "next": "/"}, follow_redirects=True, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 200
    assert "That language is not available." in response.text
    assert client.get_cookie("lang") is None


def test_switcher_shows_every_language_in_its_own_name(client):
    page = client.get("/").text
    for own_name in ("Svenska", "English", "العربية", "ትግርኛ"):
        assert own_name in page
    assert 'lang="ar" dir="rtl"' in page


SWITCHER_LABELS = {"sv": "Språk", "en": "Language", "ar": "اللغة", "ti": "ቋንቋ"}


def _switcher(page: str) -> str:
    start = page.index('<form method="post" action="/language"')
    return page[start : page.index("</form>", start)]


@pytest.mark.parametrize("lang", ["sv", "en", "ar", "ti"])
def test_switcher_comes_back_to_the_page_it_is_on_in_every_language(client, lang):
    """The switcher is kept per language; each page still gets its own address, token and language."""
    client.set_cookie("lang", lang)
    for path in ("/", "/sign-in?next=%2Fplans%3Fa%3D1%26b%3D2", "/privacy/notice"):
        page = client.get(path).text
        switcher = _switcher(page)
        expected_next = path if "?" in path else path + "?"
        assert f'name="next" value="{expected_next.replace("&", "&amp;")}"' in switcher
        assert f'aria-label="{SWITCHER_LABELS[lang]}"' in switcher
        pressed = [code for code in ("sv", "en", "ar", "ti") if f'value="{code}" lang="{code}"' in switcher]
        assert pressed == ["sv", "en", "ar", "ti"]
        assert switcher.count('aria-pressed="true"') == 1
        direction = "rtl" if lang == "ar" else "ltr"
        assert f'value="{lang}" lang="{lang}" dir="{direction}"\n          aria-pressed="true"' in switcher
        token = page.split('"X-CSRFToken": "')[1].split('"')[0]
        assert f'name="csrf_token" value="{token}"' in switcher


def test_a_switch_from_one_page_goes_back_to_that_page(client):
    client.get("/privacy/notice")
    response = client.post("/language", data={"language": "ar", "next": "/privacy/notice?"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/privacy/notice"
    assert '<html lang="ar" dir="rtl">' in client.get("/privacy/notice").text


def test_an_outside_next_address_is_not_followed(client):
    response = client.post("/language", data={"language": "en", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_dates_are_written_in_the_readers_language(app):
    from datetime import date

    from flask_babel import force_locale, format_date

    with app.test_request_context():
        with force_locale("sv"):
            assert format_date(date(2026, 11, 23), "long") == "23 november 2026"
        with force_locale("ar"):
            assert "نوفمبر" in format_date(date(2026, 11, 23), "long")


def test_strings_in_every_template_folder_reach_the_catalogue():
    """pybabel skips folders named with a leading "_": the macros' strings must still be
    extracted (the pager's "Page 3 of 3" stayed English in Swedish once)."""
    from babel.messages.pofile import read_po

    from webapp.translate import POT

    with open(POT, "rb") as f:
        template = read_po(f)
    for msgid in ("Page %(page)d of %(pages)d", "Previous page", "Next page"):
        assert template.get(msgid) is not None, msgid
