"""Invitations and password resets: links that work once, for a while, and say why not."""

from datetime import timedelta

import pytest
from flask import before_render_template
from sqlalchemy import inspect, select

from webapp.accounts.models import Role
from webapp.auth import services
from webapp.auth.models import AccessToken, TokenPurpose
from webapp.extensions import db
from webapp.outbox.models import OutboxMessage

from ..factories import make_user

NEW = {"password": "a long new password", "confirm": "a long new password"}


def test_invitation_lets_the_participant_choose_a_password_and_signs_them_in(client):
    participant = make_user(Role.PARTICIPANT, password_hash=None, preferred_language="ti")
    token = services.issue_invitation(participant)
    db.session.commit()
    page = client.get(f"/invitation/{token}")
    assert page.status_code == 200
    assert participant.sign_in_name in page.text
    assert 'lang="ti"' in page.text, "the page speaks the language the coach noted"
    response = client.post(f"/invitation/{token}", data=NEW)
    assert response.status_code == 303
    assert client.get("/home/participant").status_code == 200
    client.post("/sign-out")
    signed_in = client.post("/sign-in", data={"sign_in_name": participant.sign_in_name, "password": NEW["password"]})
    assert signed_in.status_code == 303


def test_an_invitation_works_only_once(client):
    token = services.issue_invitation(make_user(Role.PARTICIPANT))
    db.session.commit()
    client.post(f"/invitation/{token}", data=NEW)
    client.post("/sign-out")
    again = client.get(f"/invitation/{token}", headers={"Accept-Language": "en"})
    assert again.status_code == 410
    assert "This link has already been used." in again.text
    assert client.post(f"/invitation/{token}", data=NEW).status_code == 410


def test_an_expired_invitation_says_it_is_too_old(client):
    token = services.issue_invitation(make_user(Role.PARTICIPANT))
    access = db.session.scalar(select(AccessToken))
    access.expires_at = access.expires_at - timedelta(days=8)
    db.session.commit()
    response = client.get(f"/invitation/{token}", headers={"Accept-Language": "en"})
    assert response.status_code == 410
    assert "This link is too old." in response.text


def test_invitation_expires_after_seven_days(app):
    services.issue_invitation(make_user(Role.PARTICIPANT))
    access = db.session.scalar(select(AccessToken))
    assert access.expires_at - access.created_at == timedelta(days=7)


def test_an_unknown_link_is_a_clear_404(client):
    response = client.get("/invitation/not-a-real-token", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "This link is not right." in response.text


def test_mismatched_or_short_passwords_are_explained_and_the_link_still_works(client):
    token = services.issue_invitation(make_user(Role.PARTICIPANT, preferred_language="en"))
    db.session.commit()
    response = client.post(
        f"/invitation/{token}", data={"password": "short", "confirm": "other"}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert "This needs at least 8 characters." in response.text
    assert "The two passwords are not the same." in response.text
    assert client.post(f"/invitation/{token}", data=NEW).status_code == 303


def test_a_new_invitation_stops_the_old_one(client):
    participant = make_user(Role.PARTICIPANT)
    old = services.issue_invitation(participant)
    new = services.issue_invitation(participant)
    db.session.commit()
    assert client.get(f"/invitation/{old}").status_code == 410
    assert client.get(f"/invitation/{new}").status_code == 200


def test_redeeming_twice_at_once_spends_the_link_once(app):
    participant = make_user(Role.PARTICIPANT)
    token = services.issue_invitation(participant)
    services.redeem_token(token, TokenPurpose.INVITATION, "first password")
    with pytest.raises(services.TokenUnusable):
        services.redeem_token(token, TokenPurpose.INVITATION, "second password")


def test_password_reset_mails_a_link_in_the_users_language(client):
    coach = make_user(Role.COACH, preferred_language="en")
    response = client.post(
        "/password/forgot", data={"email": coach.email}, follow_redirects=True, headers={"Accept-Language": "en"}
    )
    assert "If the address is in Vägen, we have sent a link to it." in response.text
    mail = db.session.scalar(select(OutboxMessage))
    assert mail.to_address == coach.email
    assert mail.subject == "Choose a new password for Vägen"
    link = next(line for line in mail.delivery["text"].splitlines() if "/password/reset/" in line)
    path = link[link.index("/password/reset/") :]
    assert client.post(path, data=NEW).status_code == 303
    assert client.post(path, data=NEW).status_code == 410


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post(
        "/password/forgot",
        data={"email": "nobody@example.org"},
        follow_redirects=True,
        headers={"Accept-Language": "en"},
    )
    assert "If the address is in Vägen, we have sent a link to it." in response.text
    assert db.session.scalar(select(OutboxMessage)) is None


def test_a_malformed_email_gets_a_message(client):
    response = client.post("/password/forgot", data={"email": "not an email"}, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "Please write a whole email address" in response.text


def test_the_invitation_page_gets_the_person_with_their_memberships_loaded(app, client):
    """Its privacy notice links to the person's programme, read from their memberships: they
    come with the link's lookup, so the template asks the database nothing."""
    participant = make_user(Role.PARTICIPANT, password_hash=None)
    token = services.issue_invitation(participant)
    db.session.commit()
    loaded = []  # when the page's template starts: are the person's memberships loaded?

    def keep(_app, template, context, **_extra):
        if template.name == "auth/accept_invitation.html":
            loaded.append("memberships" not in inspect(context["person"]).unloaded)

    with before_render_template.connected_to(keep, app):
        page = client.get(f"/invitation/{token}")
    programme_id = participant.memberships[0].organisation.programme_id
    assert page.status_code == 200 and f"/privacy/notice?programme={programme_id}" in page.text
    assert loaded == [True]
