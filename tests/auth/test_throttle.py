"""Throttling that holds: atomic counters in the database, per account and per address,
behind a proxy too, and no way for a stranger to shut a participant out."""

import threading

from webapp import create_app
from webapp.accounts.models import Role
from webapp.auth import services
from webapp.config import TestConfig
from webapp.extensions import db
from webapp.outbox.models import OutboxMessage

from ..factories import PASSWORD, make_organisation, make_user

EN = {"Accept-Language": "en"}


def client_from(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def race_wrong_passwords(app, monkeypatch, tries=12):
    """`tries` wrong passwords for one account at the same moment; how many were checked."""
    with app.app_context():
        name = make_user(Role.PARTICIPANT).sign_in_name
        db.session.remove()
    checked, lock = [], threading.Lock()
    real_verify = services.verify_password

    def counting_verify(password_hash, password):
        with lock:
            checked.append(password)
        return real_verify(password_hash, password)

    monkeypatch.setattr(services, "verify_password", counting_verify)
    start = threading.Barrier(tries)
    outcomes = []

    def attempt():
        with app.app_context():
            start.wait()
            try:
                services.sign_in(name, "wrong guess", "10.1.2.3")
            except services.SignInRefused as refusal:
                outcomes.append("throttled" if refusal.throttled else "wrong")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt) for _ in range(tries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return len(checked), sorted(outcomes)


def test_twelve_simultaneous_wrong_passwords_get_five_checks(shared_app, monkeypatch):
    for _ in range(3):
        checks, outcomes = race_wrong_passwords(shared_app, monkeypatch)
        assert checks == 5
        assert outcomes == ["throttled"] * 7 + ["wrong"] * 5


def test_a_stranger_cannot_shut_a_participant_out(app):
    participant = make_user(Role.PARTICIPANT)
    stranger = client_from(app, "203.0.113.7")
    for _ in range(6):
        last = stranger.post("/sign-in", data={"sign_in_name": participant.sign_in_name, "password": "guess"})
    assert last.status_code == 429
    own_phone = client_from(app, "198.51.100.20")
    response = own_phone.post("/sign-in", data={"sign_in_name": participant.sign_in_name, "password": PASSWORD})
    assert response.status_code == 303


def test_many_addresses_together_are_limited_per_account(app, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_LIMIT_PER_ACCOUNT", (8, 60))
    coach = make_user(Role.COACH)
    statuses = [
        client_from(app, f"203.0.113.{n}")
        .post("/sign-in", data={"sign_in_name": coach.email, "password": "guess"})
        .status_code
        for n in range(10)
    ]
    assert statuses == [422] * 8 + [429] * 2


def test_a_right_password_gives_its_try_back(client):
    coach = make_user(Role.COACH)
    for _ in range(4):
        client.post("/sign-in", data={"sign_in_name": coach.email, "password": "guess"})
    for _ in range(3):
        assert client.post("/sign-in", data={"sign_in_name": coach.email, "password": PASSWORD}).status_code == 303
        client.post("/sign-out")
    assert client.post("/sign-in", data={"sign_in_name": coach.email, "password": "guess"}).status_code == 422


def test_forgot_password_is_limited_per_email_silently_and_per_address_openly(client):
    coach = make_user(Role.COACH)
    answers = [client.post("/password/forgot", data={"email": coach.email}, headers=EN) for _ in range(5)]
    assert all(answer.status_code == 303 for answer in answers), "the same answer every time"
    assert db.session.query(OutboxMessage).count() == 3
    unknown = [client.post("/password/forgot", data={"email": f"nobody{n}@example.org"}, headers=EN) for n in range(6)]
    assert [answer.status_code for answer in unknown] == [303] * 5 + [429]
    assert "Too many tries. Wait" in unknown[-1].text


def test_forms_that_send_mail_are_limited(app, client, sign_in, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_FORM_LIMIT_PER_USER", (2, 60))
    organisation = make_organisation()
    sign_in(make_user(Role.ORGANISATION_ADMIN, organisation))
    statuses = [
        client.post(
            f"/organisations/{organisation.id}/members",
            data={"full_name": f"New {n}", "email": f"new{n}@example.org", "role": "coach", "language": "sv"},
        ).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]


class ProxiedConfig(TestConfig):
    TRUSTED_PROXY_HOPS = 1


def test_behind_a_proxy_the_limits_see_the_phones_address():
    proxied = create_app(ProxiedConfig)
    with proxied.app_context():
        db.create_all()
        name = make_user(Role.COACH).email
        client = proxied.test_client()

        def wrong(address):
            return client.post(
                "/sign-in", data={"sign_in_name": name, "password": "guess"}, headers={"X-Forwarded-For": address}
            ).status_code

        assert [wrong("192.0.2.1") for _ in range(6)] == [422] * 5 + [429]
        assert wrong("192.0.2.2") == 422, "another phone behind the same proxy is not punished"
        db.session.remove()
        db.engine.dispose()
