"""The signed-out home and the sign-in form are rendered once per language and address
(webapp/same_page.py): each visitor still gets their own CSRF token, their own language,
their messages and, signed in, their own pages."""

import re

import pytest
from flask import template_rendered

from webapp import same_page
from webapp.accounts.models import Role
from webapp.extensions import db

from .factories import PASSWORD, make_activity, make_user

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def _rendered(app, client, url, **headers) -> tuple[str, list[str]]:
    names = []

    def note(_sender, template, **_extra):
        names.append(template.name)

    with template_rendered.connected_to(note, app):
        page = client.get(url, headers=headers)
    assert page.status_code == 200
    return page.text, names


def _without_token(page: str) -> str:
    """The page with its CSRF token (in the forms and htmx's headers) left out: a token carries
    the second it was made, so two requests a second apart differ there and nowhere else."""
    (token,) = set(TOKEN.findall(page))
    return page.replace(token, "TOKEN")


def test_each_visitor_gets_their_own_token_and_signs_in_with_it(app, csrf_on):
    user = make_user(Role.COACH)
    first, second = app.test_client(), app.test_client()
    first_page, second_page = first.get("/sign-in").text, second.get("/sign-in").text
    first_token, second_token = set(TOKEN.findall(first_page)), set(TOKEN.findall(second_page))
    assert len(first_token) == len(second_token) == 1 and first_token != second_token
    # The pages differ in nothing else.
    assert _without_token(first_page) == _without_token(second_page)
    (token,) = TOKEN.findall(first_page)[:1]
    answer = second.post(
        "/sign-in", data={"sign_in_name": user.sign_in_name, "password": PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 400  # another visitor's token
    answer = first.post("/sign-in", data={"sign_in_name": user.sign_in_name, "password": PASSWORD, "csrf_token": token})
    assert answer.status_code == 303


def test_the_page_is_rendered_once_per_language_and_address(app, client):
    sv, rendered = _rendered(app, client, "/sign-in", **{"Accept-Language": "sv"})
    assert "auth/sign_in.html" in rendered and 'lang="sv"' in sv
    again, rendered = _rendered(app, client, "/sign-in", **{"Accept-Language": "sv"})
    assert rendered == [] and _without_token(again) == _without_token(sv)
    ar, rendered = _rendered(app, app.test_client(), "/sign-in", **{"Accept-Language": "ar"})
    assert "auth/sign_in.html" in rendered and 'lang="ar" dir="rtl"' in ar
    with_next, _ = _rendered(app, app.test_client(), "/sign-in?next=/plan", **{"Accept-Language": "sv"})
    # The language switcher brings the visitor back to the address they came to.
    assert 'name="next" value="/sign-in?next=/plan"' in with_next
    assert 'name="next" value="/sign-in?"' in _rendered(app, app.test_client(), "/sign-in")[0]


def test_a_message_waiting_for_the_visitor_is_shown_once(app, client, sign_in):
    client.get("/", headers={"Accept-Language": "en"})  # the page is kept without any message
    sign_in(make_user(Role.COACH))
    answer = client.post("/sign-out", headers={"Accept-Language": "en"}, follow_redirects=True)
    assert "You are signed out." in answer.text
    assert "You are signed out." not in client.get("/", headers={"Accept-Language": "en"}).text


def test_a_signed_in_person_gets_their_own_home(app, client, sign_in):
    client.get("/")
    sign_in(make_user(Role.COACH))
    answer = client.get("/")
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/home/coach")


def test_odd_addresses_do_not_fill_the_memory(app, client, monkeypatch):
    monkeypatch.setattr(same_page, "KEPT_AT_MOST", 2)
    for n in range(4):
        page, rendered = _rendered(app, client, f"/?n={n}")
        assert f'name="next" value="/?n={n}"' in page
    # The two asked for last are kept; an older one is rendered again.
    assert _rendered(app, client, "/?n=3")[1] == []
    assert _rendered(app, client, "/?n=0")[1] != []


def test_the_public_catalogue_shows_a_change_at_once(app, client):
    first = make_activity(title="Simning för nybörjare")
    assert "Simning för nybörjare" in _rendered(app, client, "/activities/?q=simning")[0]
    assert _rendered(app, client, "/activities/?q=simning")[1] == []  # kept
    first.title = "Simning för alla"
    db.session.commit()
    make_activity(title="Simning på kvällen")
    page, rendered = _rendered(app, client, "/activities/?q=simning")
    assert rendered and "Simning för alla" in page and "Simning på kvällen" in page
    assert "Simning för nybörjare" not in page


def test_a_renamed_municipality_is_shown_by_its_new_name(app, client):
    activity = make_activity(title="Stavgång")
    assert activity.municipality.name in _rendered(app, client, "/activities/")[0]
    activity.municipality.name = "Hässleholms kommun"
    db.session.commit()
    assert "Hässleholms kommun" in _rendered(app, client, "/activities/")[0]


def test_an_activitys_own_page_shows_a_change_at_once(app, client):
    activity = make_activity(title="Stavgång i parken")
    url = f"/activities/{activity.id}"
    assert "Stavgång i parken" in _rendered(app, client, url)[0]
    assert _rendered(app, client, url)[1] == []  # kept
    activity.title = "Stavgång vid sjön"
    db.session.commit()
    page, rendered = _rendered(app, client, url)
    assert rendered and "Stavgång vid sjön" in page
    activity.is_public = False
    db.session.commit()
    assert client.get(url).status_code == 404


def test_staff_see_the_catalogue_as_it_is_for_them(app, client, sign_in):
    coach = make_user(Role.COACH)
    make_activity(coach.memberships[0].organisation, title="Intern träning", is_public=False)
    assert "Intern träning" not in _rendered(app, client, "/activities/")[0]
    public = make_activity(coach.memberships[0].organisation, title="Öppen träning")
    _rendered(app, client, f"/activities/{public.id}")  # kept for visitors
    sign_in(coach)
    assert "Intern träning" in client.get("/activities/").text
    # A coach who may refer finds the referral form, which no visitor's page has.
    assert f'action="/activities/{public.id}/referrals"' in client.get(f"/activities/{public.id}").text
