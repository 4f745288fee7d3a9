"""Page or fragment, error pages in every language, and CSRF."""

import pytest

from webapp import create_app
from webapp.access import public
from webapp.accounts.models import Role
from webapp.config import TestConfig

from ..conftest import HX
from ..factories import make_user


def test_a_boosted_request_gets_the_whole_page(client, sign_in):
    sign_in(make_user(Role.COACH))
    page = client.get("/participants/new", headers={**HX, "HX-Boosted": "true"})
    assert page.text.startswith("<!doctype html>")
    fragment = client.get("/participants/new", headers=HX)
    assert fragment.text.lstrip().startswith("<form")


@pytest.mark.parametrize(
    "lang, words",
    [
        ("sv", "Vi hittar inte"),
        ("en", "We cannot find this page"),
        ("ar", 'dir="rtl"'),
        ("ti", 'lang="ti"'),
    ],
)
def test_not_found_page_in_every_language(client, lang, words):
    response = client.get("/no-such-page", headers={"Accept-Language": lang})
    assert response.status_code == 404
    assert words in response.text


def test_htmx_errors_come_as_a_small_message_for_the_message_region(client):
    response = client.get("/no-such-page", headers={**HX, "Accept-Language": "en"})
    assert response.status_code == 404
    assert response.text.lstrip().startswith('<div class="message error"')
    assert response.headers["HX-Retarget"] == "#messages"


class CsrfConfig(TestConfig):
    WTF_CSRF_ENABLED = True


class ErrorConfig(TestConfig):
    PROPAGATE_EXCEPTIONS = False


def test_a_forged_csrf_token_gets_a_clear_message(app):
    csrf_app = create_app(CsrfConfig)
    response = csrf_app.test_client().post(
        "/sign-in",
        data={"sign_in_name": "a", "password": "b", "csrf_token": "forged"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert "The page had become too old" in response.text


def test_a_server_error_is_a_translated_page_not_a_stack_trace():
    broken = create_app(ErrorConfig)

    @broken.get("/_boom")
    @public
    def boom():
        raise RuntimeError("boom")

    response = broken.test_client().get("/_boom", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    assert "RuntimeError" not in response.text


@pytest.mark.parametrize("lang", ["sv", "ar", "ti"])
@pytest.mark.parametrize("status", [400, 403, 404, 422, 500])
def test_every_error_page_is_translated(app, lang, status):
    from flask_babel import force_locale

    from webapp.errors import MESSAGES, render_error

    with app.test_request_context(headers={"Accept-Language": lang}):
        with force_locale("en"):
            english = str(MESSAGES[status][0])
        body, code = render_error(status)
    assert code == status
    assert f'<html lang="{lang}"' in body
    assert english not in body
