"""The notifications page and the header count: every role has them, each person sees only
their own (across organisations and programmes), opening one reads it and goes to the thing."""

import re

import pytest

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.notifications.services import record

from ..conftest import HX
from ..factories import make_organisation, make_programme, make_user
from .helpers import notes_of


def _tell(user, kind="message-sent", url="/plan", **params):
    [note] = record(kind, None, [user], url, **params)
    db.session.commit()
    return note


def _count(html: str) -> str | None:
    found = re.search(r'class="notifications-link"[^>]*aria-label="([^"]*)"', html, re.S)
    return found and found.group(1)


@pytest.mark.parametrize("role", list(Role))
def test_every_role_sees_the_unread_count_in_the_header(client, sign_in, role):
    user = make_user(role, preferred_language="en")
    _tell(user)
    _tell(user)
    sign_in(user)
    page = client.get("/notifications/").get_data(as_text=True)
    assert _count(page) == "Notifications: 2 unread"
    assert '<span class="count" aria-hidden="true">2</span>' in page


def test_the_count_is_in_the_readers_language(client, sign_in):
    user = make_user(Role.PARTICIPANT)  # Swedish
    _tell(user)
    sign_in(user)
    assert _count(client.get("/notifications/").get_data(as_text=True)) == "Notiser: 1 oläst"


def test_opening_one_reads_it_and_goes_to_the_thing(client, sign_in):
    user = make_user(Role.PARTICIPANT, preferred_language="en")
    note = _tell(user, url="/attendance/mine")
    other = _tell(user)
    sign_in(user)
    page = client.get("/notifications/").get_data(as_text=True)
    assert page.count(">New<") == 2 and "You have a new message." in page
    answer = client.get(f"/notifications/{note.id}")
    assert answer.status_code == 303 and answer.headers["Location"] == "/attendance/mine"
    db.session.expire_all()
    assert db.session.get(type(note), note.id).read_at is not None
    assert db.session.get(type(other), other.id).read_at is None
    assert _count(client.get("/notifications/").get_data(as_text=True)) == "Notifications: 1 unread"


def test_mark_all_read(client, sign_in):
    user = make_user(Role.COACH, preferred_language="en")
    _tell(user)
    _tell(user)
    sign_in(user)
    assert client.post("/notifications/read").status_code == 303
    db.session.expire_all()
    assert all(n.read_at for n in notes_of(user))
    page = client.get("/notifications/").get_data(as_text=True)
    assert _count(page) == "Notifications: 0 unread" and "Mark all as read" not in page


def test_nobody_opens_another_persons_notification_across_programmes(client, sign_in):
    here, there = make_programme(), make_programme()
    mine = make_user(Role.COACH, make_organisation(here), preferred_language="en")
    theirs = make_user(Role.COACH, make_organisation(there), preferred_language="en")
    colleague = make_user(Role.COACH, mine.memberships[0].organisation, preferred_language="en")
    secret = _tell(theirs, url="/participants/1")
    near = _tell(colleague)
    sign_in(mine)
    for note in (secret, near):
        assert client.get(f"/notifications/{note.id}").status_code == 404
    page = client.get("/notifications/").get_data(as_text=True)
    assert "You have no notifications." in page and _count(page) == "Notifications: 0 unread"
    client.post("/notifications/read")
    db.session.expire_all()
    assert all(n.read_at is None for n in notes_of(theirs) + notes_of(colleague))


def test_signed_out_people_get_no_page_and_no_count(client):
    assert client.get("/notifications/").status_code == 302
    assert "notifications-link" not in client.get("/").get_data(as_text=True)


def test_the_list_is_a_fragment_for_htmx_and_pages(client, sign_in):
    user = make_user(Role.PARTICIPANT, preferred_language="en")
    for _ in range(35):
        _tell(user)
    sign_in(user)
    fragment = client.get("/notifications/?page=2", headers=HX).get_data(as_text=True)
    assert fragment.lstrip().startswith("<section") or 'id="notifications-list"' in fragment
    assert "<html" not in fragment and fragment.count("notification unread") == 5


def test_only_paths_inside_vagen_are_followed(client, sign_in):
    user = make_user(Role.PARTICIPANT)
    note = _tell(user, url="//evil.example/")
    sign_in(user)
    assert client.get(f"/notifications/{note.id}").headers["Location"] == "/notifications/"
