"""Headers: HTTPS only once it is in use, no cached page that names a person, cookies that
stay on this site and on HTTPS, and no powers a page does not need."""

from datetime import timedelta

import pytest

from webapp.accounts.models import Role
from webapp.auth import services
from webapp.auth.models import TokenPurpose
from webapp.extensions import db

from .factories import PASSWORD, make_user


@pytest.fixture
def production(app, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)


def test_no_hsts_on_plain_http(client):
    assert "Strict-Transport-Security" not in client.get("/sign-in").headers


def test_hsts_once_cookies_are_https_only(client, production):
    assert client.get("/sign-in").headers["Strict-Transport-Security"] == "max-age=31536000"


def test_hsts_with_an_https_url_scheme(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "PREFERRED_URL_SCHEME", "https")
    assert "Strict-Transport-Security" in client.get("/sign-in").headers


def test_pages_that_name_a_person_are_never_cached_even_signed_out(client):
    person = make_user(Role.PARTICIPANT)
    invitation = services.issue_invitation(person)
    reset = services.issue_token(person, TokenPurpose.PASSWORD_RESET, timedelta(hours=1))
    db.session.commit()  # the requests read what is committed (on PostgreSQL, only that)
    for url in (f"/invitation/{invitation}", f"/password/reset/{reset}", "/sign-in", "/password/forgot"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store", url


def test_static_files_may_be_cached(client):
    response = client.get("/static/css/app.css")
    response.close()
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_every_page_refuses_powers_it_does_not_need(client):
    policy = client.get("/sign-in").headers["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def _set_cookies(response):
    return {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}


def test_every_cookie_is_secure_and_same_site_in_production(client, production):
    coach = make_user(Role.COACH)
    language = _set_cookies(client.post("/language", data={"language": "ar", "next": "/sign-in"}))["lang"]
    signed_in = _set_cookies(
        client.post("/sign-in", data={"sign_in_name": coach.email, "password": PASSWORD, "remember": "y"})
    )
    assert set(signed_in) == {"session"}, "no separate remember cookie"
    for cookie in (language, signed_in["session"]):
        assert "Secure" in cookie and "SameSite=Lax" in cookie and "HttpOnly" in cookie


def test_each_protective_header_is_sent_once_and_vary_names_both_reasons(client):
    """A page differs by HX-Request (page or fragment) and by Accept-Encoding: caches are told
    both, each once, next to the page's own protective headers."""
    for headers in ({}, {"Accept-Encoding": "br"}, {"HX-Request": "true"}):
        response = client.get("/sign-in", headers=headers)
        for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"):
            assert len(response.headers.getlist(name)) == 1, name
        vary = [part.strip().lower() for part in ",".join(response.headers.getlist("Vary")).split(",")]
        assert vary.count("accept-encoding") == 1 and vary.count("hx-request") == 1, vary
