"""Composition you can read: each home page's view calls the features' plain functions
(`<feature>/home.py`), and the templates only show what they are given: no Jinja global, no
context processor and no template runs a query while a page is rendered."""

import inspect
import re

import pytest
from sqlalchemy import select

from webapp.accounts.models import User
from webapp.demo.seed import seed_demo
from webapp.extensions import db

from ..conftest import sign_in_client, watching_rendering
from ..test_every_route import PEOPLE

HOMES = {
    "participant": (
        "/home/participant",
        {
            "accounts.organisations_of",
            "plans.for_participant",
            "placements.for_participant",
            "enrolment.for_participant",
            "catalogue.for_participant",
            "attendance.for_participant",
            "results.for_participant",
            "team.for_participant",
        },
    ),
    "coach": ("/home/coach", {"feedback.for_coach"}),
    "supervisor": (
        "/home/supervisor",
        {
            "accounts.organisations_of",
            "attendance.for_supervisor",
            "feedback.for_supervisor",
            "placements.for_supervisor",
            "results.for_supervisor",
        },
    ),
    "organisation_admin": (
        "/home/organisation",
        {"accounts.organisations_of", "placements.for_organisation_admin"},
    ),
    "programme_admin": (
        "/home/programme",
        {"accounts.organisations_visible_to", "placements.for_programme_admin"},
    ),
}
# What the home views ask of the accounts feature besides the features' home parts.
ACCOUNT_PARTS = ("organisations_of", "organisations_visible_to")


def home_parts() -> dict[str, tuple[object, str]]:
    """Every part a home view can call, found rather than listed, so a new call cannot slip by:
    each `for_*` function of every `<feature>.home` module the home views import, and the
    account lookups. By "feature.function", the module and the function's name in it."""
    import webapp.home.routes as home

    parts = {f"accounts.{name}": (home.accounts, name) for name in ACCOUNT_PARTS}
    for alias, module in vars(home).items():
        if inspect.ismodule(module) and re.fullmatch(r"webapp\.\w+\.home", module.__name__):
            feature = module.__name__.split(".")[1]
            assert alias == feature, f"{module.__name__} is imported as {alias}: name it after its feature"
            for name, function in vars(module).items():
                if name.startswith("for_") and inspect.isfunction(function) and function.__module__ == module.__name__:
                    parts[f"{feature}.{name}"] = (module, name)
    return parts


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setattr("webapp.demo.seed.hash_password", lambda password: "not-a-hash")  # argon2 is slow
    seed_demo()
    db.session.commit()


def _as(client, role):
    user = db.session.scalar(select(User).where(User.sign_in_name == PEOPLE[role]))
    sign_in_client(client, user)


def test_every_part_a_home_view_can_call_is_found_and_listed():
    """The spies below cover every home part there is, and each is on some home page."""
    found = home_parts()
    assert {"results.for_participant", "results.for_supervisor", "accounts.organisations_of"} <= set(found)
    listed = {name for _, names in HOMES.values() for name in names}
    assert set(found) == listed


@pytest.mark.parametrize("role", list(HOMES))
def test_each_home_page_calls_the_features_parts_it_shows(client, demo, monkeypatch, role):
    called = []
    for name, (module, function) in home_parts().items():
        real = getattr(module, function)

        def spy(*args, _real=real, _name=name, **kwargs):
            called.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, function, spy)
    url, expected = HOMES[role]
    _as(client, role)
    assert client.get(url).status_code == 200
    assert sorted(called) == sorted(expected)


@pytest.fixture
def queries_while_rendering(app):
    """Every statement sent to the database while a template (with its context processors and
    globals) is being rendered. A home page must send none."""
    with watching_rendering(app) as watch:
        yield watch.found


@pytest.mark.parametrize("role", list(HOMES))
def test_a_home_page_queries_nothing_while_it_is_rendered(client, demo, queries_while_rendering, role):
    url, _ = HOMES[role]
    _as(client, role)
    assert client.get(url).status_code == 200
    assert queries_while_rendering == []


def test_the_guard_sees_a_query_from_a_template(app, queries_while_rendering):
    """The test above would notice a template that asks the database for something."""
    with app.test_request_context("/"):
        app.jinja_env.from_string("{{ count() }}").render(count=lambda: db.session.scalar(select(User.id)))
        assert queries_while_rendering == []  # rendered outside render_template: not watched
        from flask import render_template_string

        render_template_string("{{ count() }}", count=lambda: db.session.scalar(select(User.id)))
    assert len(queries_while_rendering) == 1


def test_the_guard_keeps_watching_after_a_template_rendered_inside_the_page(app, queries_while_rendering):
    """A page that renders a partial (render_template inside the page's template) is still
    being rendered once the partial is done: a query after it counts."""
    from flask import render_template_string

    def partial_then_query():
        render_template_string("partial")
        return db.session.scalar(select(User.id))

    with app.test_request_context("/"):
        render_template_string("{{ partial_then_query() }}", partial_then_query=partial_then_query)
    assert len(queries_while_rendering) == 1
