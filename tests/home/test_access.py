"""Every view declares who may reach it, and each role reaches only its own pages."""

import pytest
from flask import Flask

from webapp import create_app
from webapp.access import declared_access
from webapp.accounts.models import Role
from webapp.config import TestConfig

from ..conftest import HX
from ..factories import make_user

HOMES = {
    Role.PARTICIPANT: "/home/participant",
    Role.COACH: "/home/coach",
    Role.SUPERVISOR: "/home/supervisor",
    Role.ORGANISATION_ADMIN: "/home/organisation",
    Role.PROGRAMME_ADMIN: "/home/programme",
}


def test_every_view_declares_who_may_reach_it(app: Flask):
    undeclared = [e for e in app.view_functions if e != "static" and declared_access(app, e) is None]
    assert undeclared == []


def test_a_view_without_a_declaration_is_refused():
    fresh = create_app(TestConfig)
    fresh.add_url_rule("/_undeclared", "undeclared", lambda: "secret")
    assert fresh.test_client().get("/_undeclared").status_code == 403


@pytest.mark.parametrize("role", list(Role))
def test_each_role_reaches_its_home_and_no_other(client, sign_in, role):
    sign_in(make_user(role))
    assert client.get("/").headers["Location"] == HOMES[role]
    for other, url in HOMES.items():
        assert client.get(url).status_code == (200 if other is role else 403), url


@pytest.mark.parametrize("url", list(HOMES.values()) + ["/outbox/", "/participants/new"])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")


def test_expired_session_on_an_htmx_request_redirects_the_whole_page(client):
    response = client.post("/participants/1/invitation", headers=HX)
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/sign-in")


def test_personal_pages_are_not_cached(client, sign_in):
    sign_in(make_user(Role.PARTICIPANT))
    response = client.get("/home/participant")
    assert response.headers["Cache-Control"] == "no-store"
    assert "HX-Request" in response.headers["Vary"]
