"""Sessions you can end: a copied cookie is worthless once its session has ended, and a
session left alone too long is over."""

from datetime import timedelta

from sqlalchemy import select, update

from webapp.accounts.models import Role
from webapp.auth import services
from webapp.auth.devices import SESSION_KEY
from webapp.auth.models import UserSession
from webapp.extensions import db
from webapp.timeutil import utcnow

from ..factories import PASSWORD, make_user

NEW = {"password": "a long new password", "confirm": "a long new password"}


def _signed_in(app, user, remember=False):
    client = app.test_client()
    response = client.post(
        "/sign-in",
        data={"sign_in_name": user.sign_in_name, "password": PASSWORD, **({"remember": "y"} if remember else {})},
    )
    assert response.status_code == 303
    return client


def _copy(app, client):
    """Another browser holding a copy of the client's session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def _home_works(client, user):
    home = "/home/participant" if Role.PARTICIPANT in user.roles else "/home/coach"
    return client.get(home).status_code == 200


def test_a_copied_cookie_is_refused_after_sign_out(app):
    coach = make_user(Role.COACH)
    client = _signed_in(app, coach)
    thief = _copy(app, client)
    assert _home_works(thief, coach)
    client.post("/sign-out")
    assert not _home_works(thief, coach)
    assert not _home_works(client, coach)


def test_signing_out_on_one_phone_ends_the_others_too(app):
    coach = make_user(Role.COACH)
    phone, laptop = _signed_in(app, coach), _signed_in(app, coach)
    assert _home_works(laptop, coach)
    phone.post("/sign-out")
    assert not _home_works(laptop, coach)


def test_a_kept_cookie_is_refused_after_sign_out_and_no_remember_token_is_set(app):
    participant = make_user(Role.PARTICIPANT)
    client = _signed_in(app, participant, remember=True)
    cookie = client.get_cookie("session")
    assert cookie.expires is not None, "kept beyond closing the browser"
    assert client.get_cookie("remember_token") is None
    thief = _copy(app, client)
    client.post("/sign-out")
    assert not _home_works(thief, participant)


def test_a_password_reset_signs_out_every_other_phone(app):
    coach = make_user(Role.COACH)
    phone = _signed_in(app, coach)
    thief = _copy(app, phone)
    token = services.issue_token(coach, services.TokenPurpose.PASSWORD_RESET, timedelta(hours=1))
    db.session.commit()
    laptop = app.test_client()
    assert laptop.post(f"/password/reset/{token}", data=NEW).status_code == 303
    assert not _home_works(phone, coach)
    assert not _home_works(thief, coach)
    assert _home_works(laptop, coach)
    assert laptop.get_cookie("session").expires is None, "no long session unless asked for"


def test_an_invitation_keeps_the_person_signed_in_only_if_they_ask(app):
    participant = make_user(Role.PARTICIPANT, password_hash=None)
    token = services.issue_invitation(participant)
    db.session.commit()
    client = app.test_client()
    client.post(f"/invitation/{token}", data={**NEW, "remember": "y"})
    assert client.get_cookie("session").expires is not None
    assert db.session.scalar(select(UserSession.remember)) is True


def test_a_password_change_signs_out_the_other_phones_but_not_this_one(app):
    coach = make_user(Role.COACH)
    phone, laptop = _signed_in(app, coach), _signed_in(app, coach)
    thief = _copy(app, laptop)
    response = laptop.post("/account/password", data={"current": PASSWORD, **NEW})
    assert response.status_code == 303
    assert _home_works(laptop, coach)
    assert not _home_works(phone, coach)
    assert not _home_works(thief, coach), "this device got a new session id"


def test_a_wrong_current_password_changes_nothing(app):
    coach = make_user(Role.COACH, preferred_language="en")
    client = _signed_in(app, coach)
    response = client.post("/account/password", data={"current": "wrong", **NEW}, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "That is not your password now." in response.text
    assert _home_works(client, coach)


def test_disabling_an_account_ends_its_sessions(app):
    coach = make_user(Role.COACH)
    client = _signed_in(app, coach)
    services.disable_account(coach)
    db.session.commit()
    assert not _home_works(client, coach)
    assert db.session.scalar(select(UserSession.ended_at)) is not None


def test_sign_out_everywhere_ends_every_session(app):
    coach = make_user(Role.COACH, preferred_language="en")
    phone, laptop = _signed_in(app, coach), _signed_in(app, coach)
    page = laptop.get("/account/", headers={"Accept-Language": "en"})
    assert "(this phone or computer)" in page.text
    assert laptop.post("/account/sign-out-everywhere").status_code == 303
    assert not _home_works(phone, coach)
    assert not _home_works(laptop, coach)


def _age(**changes):
    db.session.execute(update(UserSession).values(**changes))
    db.session.commit()


def test_a_29_day_old_kept_session_is_refused(app):
    participant = make_user(Role.PARTICIPANT)
    client = _signed_in(app, participant, remember=True)
    _age(created_at=utcnow() - timedelta(days=29), last_seen_at=utcnow() - timedelta(hours=1))
    assert not _home_works(client, participant)


def test_staff_are_signed_out_after_half_an_hour_idle(app):
    coach = make_user(Role.COACH)
    client = _signed_in(app, coach, remember=True)
    _age(last_seen_at=utcnow() - timedelta(minutes=29))
    assert _home_works(client, coach)
    _age(last_seen_at=utcnow() - timedelta(minutes=31))
    assert not _home_works(client, coach)


def test_a_participant_who_asked_stays_signed_in_for_days(app):
    participant = make_user(Role.PARTICIPANT)
    kept, plain = _signed_in(app, participant, remember=True), _signed_in(app, participant)
    _age(last_seen_at=utcnow() - timedelta(days=2))
    assert _home_works(kept, participant)
    assert not _home_works(plain, participant)


def test_signing_in_gives_a_new_session_id(app):
    coach = make_user(Role.COACH)
    client = app.test_client()
    with client.session_transaction() as session:
        session[SESSION_KEY] = "planted-by-someone-else"
        session["something"] = "from before"
    client.post("/sign-in", data={"sign_in_name": coach.email, "password": PASSWORD})
    with client.session_transaction() as session:
        assert session[SESSION_KEY] != "planted-by-someone-else"
        assert "something" not in session
