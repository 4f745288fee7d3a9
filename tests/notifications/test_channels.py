"""Beyond the app: texts through the SMS provider's HTTP API (a fake server on this machine,
never the internet), Web Push, e-mail through the outbox. Preferences and quiet hours hold; a
failed text is retried and never sent twice; the message carries nothing personal."""

import base64
import threading
import urllib.parse
from datetime import datetime, time, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from sqlalchemy import select

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.notifications.delivery import claim, send_pending
from webapp.notifications.models import Delivery, NotificationSetting, PushSubscription
from webapp.notifications.services import record
from webapp.outbox.models import OutboxMessage
from webapp.outbox.sms import Elks46Sender, use_sender
from webapp.timeutil import STOCKHOLM, utcnow

from ..factories import make_user


class FakeProvider:
    """An HTTP server in a thread that records each request; `failures` answers 500 first."""

    def __init__(self):
        self.received, self.accepted, self.failures = [], [], 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                provider.received.append((self.path, dict(self.headers), body))
                if provider.failures:
                    provider.failures -= 1
                    self.send_response(500)
                    self.end_headers()
                    return
                provider.accepted.append((self.path, dict(self.headers), body))
                self.send_response(201 if self.path.startswith("/push") else 200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"status": "created"}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def texts(self) -> list[dict]:
        return [{k: v[0] for k, v in urllib.parse.parse_qs(body.decode()).items()} for _, _, body in self.accepted]


@pytest.fixture
def sms_server(app):
    """The fake 46elks: the app's SMS sender posts to it for the length of the test."""
    fake = FakeProvider()
    fake.thread.start()
    before = app.extensions.get("vagen.sms")
    use_sender(app, Elks46Sender(f"{fake.url}/a1/sms", "u-test", "secret", "Vagen", timeout=5))
    yield fake
    fake.server.shutdown()
    fake.server.server_close()
    if before is None:
        app.extensions.pop("vagen.sms", None)
    else:
        app.extensions["vagen.sms"] = before


def _participant(phone=None, language="sv", **choices):
    person = make_user(Role.PARTICIPANT, preferred_language=language)
    if phone or choices:
        db.session.add(NotificationSetting(user_id=person.id, phone=phone, **choices))
        db.session.commit()
    return person


def _tell(person, **params):
    [note] = record("proposal-made", None, [person], "/placements/mine", opening="Lager hos Kvarnen", **params)
    db.session.commit()
    return note


def _deliveries():
    db.session.expire_all()
    return list(db.session.scalars(select(Delivery).order_by(Delivery.id)))


def test_a_participant_with_a_number_gets_exactly_one_text_with_nothing_personal(app, sms_server):
    person = _participant("+46701234567")
    note = _tell(person)
    [delivery] = _deliveries()
    assert delivery.channel == "sms" and delivery.sent_at is None
    assert send_pending() == (1, 0)
    assert send_pending() == (0, 0)
    [text] = sms_server.texts()
    assert text == {
        "from": "Vagen",
        "to": "+46701234567",
        "message": f"Du har ett nytt meddelande i Vägen. http://localhost/notifications/{note.id}",
    }
    _, headers, _ = sms_server.accepted[0]
    assert headers["Authorization"] == "Basic " + base64.b64encode(b"u-test:secret").decode()
    assert _deliveries()[0].sent_at is not None


def test_the_text_is_in_the_recipients_language(app, sms_server):
    _tell(_participant("+46700000001", language="ar"))
    _tell(_participant("+46700000002", language="ti"))
    send_pending()
    messages = {t["to"]: t["message"] for t in sms_server.texts()}
    assert messages["+46700000001"].startswith("لديك رسالة جديدة في Vägen.")
    assert messages["+46700000002"].startswith("ኣብ Vägen ሓድሽ መልእኽቲ ኣለኩም።")


def test_a_failed_text_is_retried_with_backoff_and_never_sent_twice(app, sms_server):
    sms_server.failures = 2
    _tell(_participant("+46701234567"))
    assert send_pending() == (0, 1)
    [delivery] = _deliveries()
    assert delivery.attempts == 1 and "500" in delivery.last_error
    assert delivery.next_attempt_at > utcnow()
    assert send_pending() == (0, 0)  # not due yet
    with time_machine.travel(utcnow() + timedelta(minutes=1, seconds=5), tick=True):
        assert send_pending() == (0, 1)
    with time_machine.travel(utcnow() + timedelta(minutes=4), tick=True):
        assert send_pending() == (1, 0)
        assert send_pending() == (0, 0)
    with time_machine.travel(utcnow() + timedelta(days=2), tick=True):
        assert send_pending() == (0, 0)
    assert len(sms_server.received) == 3 and len(sms_server.accepted) == 1
    assert _deliveries()[0].attempts == 3


def test_one_claim_per_delivery_even_when_two_workers_ask(app, sms_server):
    _tell(_participant("+46701234567"))
    now = utcnow()
    first, second = claim(now), claim(now)
    assert len(first) == 1 and second == []


def test_quiet_hours_hold_texts_until_the_morning(app, sms_server):
    person = _participant("+46701234567", quiet_from=time(20, 0), quiet_until=time(7, 30))
    evening = datetime(2026, 11, 23, 22, 15, tzinfo=STOCKHOLM)
    with time_machine.travel(evening, tick=True):
        _tell(person)
        [delivery] = _deliveries()
        assert delivery.next_attempt_at == datetime(2026, 11, 24, 7, 30, tzinfo=STOCKHOLM)
        assert send_pending() == (0, 0)
    with time_machine.travel(datetime(2026, 11, 24, 7, 31, tzinfo=STOCKHOLM), tick=True):
        assert send_pending() == (1, 0)
    assert len(sms_server.accepted) == 1


def test_a_text_already_queued_still_waits_for_quiet_hours_set_later(app, sms_server):
    person = _participant("+46701234567", quiet_from=time(9, 0), quiet_until=time(17, 0))
    _tell(person)  # 10:00: inside the person's quiet hours
    assert send_pending() == (0, 0)
    assert sms_server.received == []


def test_preferences_hold(app, sms_server):
    no_texts = _participant("+46701234567", sms=False)
    _tell(no_texts)
    in_app_only = _participant()  # no number, no installed app
    _tell(in_app_only)
    coach = make_user(Role.COACH, preferred_language="en")
    _tell(coach)
    quiet_coach = make_user(Role.COACH)
    db.session.add(NotificationSetting(user_id=quiet_coach.id, email=False))
    db.session.commit()
    _tell(quiet_coach)
    assert [(d.recipient_id, d.channel) for d in _deliveries()] == [(coach.id, "email")]
    assert send_pending() == (1, 0)
    [mail] = db.session.scalars(select(OutboxMessage)).all()
    assert mail.to_address == coach.email and mail.subject == "You have a new message in Vägen."
    assert "Lager" not in mail.body and "/notifications/" in mail.body
    assert sms_server.received == []


def test_push_goes_to_each_installed_app_and_forgets_a_gone_one(app, sms_server, monkeypatch):
    sent = []

    class Recorder:
        def send(self, subscription, payload):
            from webapp.notifications.push import PushGone

            if subscription["endpoint"].endswith("/gone"):
                raise PushGone("410")
            sent.append((subscription["endpoint"], payload))

    monkeypatch.setitem(app.extensions, "vagen.push", Recorder())
    person = _participant()
    for end in ("/a", "/gone"):
        db.session.add(
            PushSubscription(user_id=person.id, endpoint=f"{sms_server.url}/push{end}", p256dh="k", auth="a")
        )
    db.session.commit()
    note = _tell(person)
    assert [d.channel for d in _deliveries()] == ["push"]
    assert send_pending() == (1, 0)
    assert sent == [
        (
            f"{sms_server.url}/push/a",
            {
                "title": "Vägen",
                "body": "Du har ett nytt meddelande i Vägen.",
                "url": f"http://localhost/notifications/{note.id}",
            },
        )
    ]
    assert db.session.scalar(select(db.func.count(PushSubscription.id))) == 1


def test_web_push_really_reaches_a_push_service(app, sms_server, monkeypatch):
    """pywebpush with VAPID keys, against the fake push service: one encrypted POST."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from py_vapid import Vapid01

    vapid = Vapid01()
    vapid.generate_keys()
    # As the environment holds it: the key's DER, base64url (what `vapid --gen` prints too).
    der = vapid.private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    private = base64.urlsafe_b64encode(der).decode().rstrip("=")
    monkeypatch.setitem(app.config, "VAPID_PRIVATE_KEY", private)
    monkeypatch.setitem(app.config, "VAPID_SUBJECT", "mailto:test@example.org")
    browser_key = ec.generate_private_key(ec.SECP256R1())
    public = browser_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    person = _participant()
    db.session.add(
        PushSubscription(
            user_id=person.id,
            endpoint=f"{sms_server.url}/push/device-1",
            p256dh=base64.urlsafe_b64encode(public).decode().rstrip("="),
            auth=base64.urlsafe_b64encode(b"0123456789abcdef").decode().rstrip("="),
        )
    )
    db.session.commit()
    _tell(person)
    assert send_pending() == (1, 0)
    [(path, headers, body)] = sms_server.accepted
    headers = {k.lower(): v for k, v in headers.items()}
    assert path == "/push/device-1" and headers["content-encoding"] == "aes128gcm"
    assert headers["authorization"].startswith("vapid t=") and b"Lager" not in body
