"""The outbox: mail is queued by requests, delivered by `flask send-mail`, read only by the
programme's own admins, and never shows a live link."""

import threading
import time
from datetime import timedelta

import time_machine
from sqlalchemy import select

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.outbox.delivery import send_pending
from webapp.outbox.models import OutboxMessage
from webapp.outbox.services import queue_mail
from webapp.timeutil import utcnow

from ..factories import make_organisation, make_programme, make_user


def _reset_for(client, user):
    client.post("/password/forgot", data={"email": user.email})
    return db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_address == user.email))


def test_a_reset_is_queued_with_the_link_redacted_and_sent_with_it(client, sent_mail):
    coach = make_user(Role.COACH, preferred_language="en")
    message = _reset_for(client, coach)
    assert sent_mail == [] and message.sent_at is None
    assert "/password/reset/" not in message.body + message.html_body
    assert "[link sent]" in message.body
    link = message.delivery["text"].split("\n")[3]
    assert "/password/reset/" in link
    assert send_pending() == (1, 0)
    mail = sent_mail[0]
    assert mail["To"] == coach.email and mail["Subject"] == "Choose a new password for Vägen"
    assert link in mail.get_body(("plain",)).get_content()
    assert f'<a href="{link}">' in mail.get_body(("html",)).get_content()
    db.session.expire_all()
    assert message.sent_at is not None and message.delivery is None
    assert send_pending() == (0, 0)


def test_mail_is_in_the_recipients_language(client):
    message = _reset_for(client, make_user(Role.COACH, preferred_language="ar"))
    assert "[تم إرسال الرابط]" in message.body and 'dir="rtl"' in message.html_body


def test_a_request_never_talks_to_smtp_and_answers_the_same_for_unknown_addresses(client, app, monkeypatch):
    def refuse(mail):
        raise AssertionError("a request sent mail")

    monkeypatch.setitem(app.config, "MAIL_SENDER", refuse)
    monkeypatch.setitem(app.config, "PASSWORD_RESET_ANSWER_SECONDS", 30.0)
    waits = []
    monkeypatch.setattr("webapp.auth.services.time.sleep", waits.append)
    coach = make_user(Role.COACH)
    known = client.post("/password/forgot", data={"email": coach.email})
    unknown = client.post("/password/forgot", data={"email": "nobody@example.org"})
    assert (known.status_code, known.headers["Location"]) == (unknown.status_code, unknown.headers["Location"])
    assert db.session.scalar(select(OutboxMessage)).to_address == coach.email
    # Both answers wait out the same time from their start: the work done does not show.
    assert len(waits) == 2 and all(25 < wait <= 30 for wait in waits)


def test_a_failure_is_retried_with_growing_waits(app, monkeypatch):
    failures = []

    def fail(mail):
        failures.append(mail)
        raise ConnectionRefusedError("no server")

    monkeypatch.setitem(app.config, "MAIL_SENDER", fail)
    message = queue_mail(
        "a@example.org",
        "feedback_reminder",
        "Subject",
        user=make_user(),
        participant_name="A",
        point="B",
        link_to_give="http://localhost/x",
    )
    db.session.commit()
    waits = []
    with time_machine.travel(utcnow(), tick=False) as clock:
        for _ in range(4):
            assert send_pending() == (0, 1)
            assert send_pending() == (0, 0)  # not due yet
            db.session.expire_all()
            waits.append(message.next_attempt_at - utcnow())
            clock.shift(message.next_attempt_at - utcnow())
    assert waits == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4), timedelta(minutes=8)]
    assert message.attempts == 4 and "no server" in message.last_error and message.sent_at is None
    monkeypatch.setitem(app.config, "MAIL_MAX_ATTEMPTS", 4)
    with time_machine.travel(message.next_attempt_at + timedelta(days=1)):
        assert send_pending() == (0, 0)  # given up


def test_two_workers_at_once_send_each_message_once(shared_app):
    sent, lock = [], threading.Lock()

    def slow_send(mail):
        time.sleep(0.01)
        with lock:
            sent.append(mail["To"])

    shared_app.config["MAIL_SENDER"] = slow_send
    try:
        with shared_app.app_context():
            for n in range(20):
                queue_mail(
                    f"p{n}@example.org",
                    "feedback_reminder",
                    "Subject",
                    user=make_user(),
                    participant_name="A",
                    point="B",
                    link_to_give="http://localhost/x",
                )
            db.session.commit()

        def worker():
            with shared_app.app_context():
                send_pending(limit=3)
                db.session.remove()

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        shared_app.config["MAIL_SENDER"] = None
    assert sorted(sent) == sorted(f"p{n}@example.org" for n in range(20))


def test_only_the_programmes_own_admins_read_its_mail_and_never_a_link(client, sign_in):
    home, other = make_programme(name="Programme Alpha"), make_programme(name="Programme Beta")
    admin = make_user(Role.PROGRAMME_ADMIN, make_organisation(home))
    other_admin = make_user(Role.PROGRAMME_ADMIN, make_organisation(other))
    victim = make_user(Role.COACH, make_organisation(other), preferred_language="en")
    sign_in(admin)
    message = _reset_for(client, victim)  # the admin asks for a reset of another programme's coach
    link = message.delivery["text"].split("\n")[3]
    token = link.rsplit("/", 1)[1]
    page = client.get("/outbox/").text
    assert victim.email not in page and token not in page
    sign_in(other_admin)
    page = client.get("/outbox/").text
    assert victim.email in page and "[link sent]" in page and token not in page
    sign_in(make_user(Role.ORGANISATION_ADMIN, make_organisation(home)))
    assert client.get("/outbox/").status_code == 403


def test_flask_send_mail_sends_what_waits(app, client, sent_mail):
    _reset_for(client, make_user(Role.COACH))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0 and "sent\t1" in result.output
    assert len(sent_mail) == 1
