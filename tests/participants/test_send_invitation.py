"""The coach sends the invitation by e-mail (through the outbox) or SMS (through the pluggable
sender), in the participant's language; the page shows the same link."""

import pytest
from sqlalchemy import select

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.outbox.models import OutboxMessage
from webapp.outbox.sms import use_sender
from webapp.participants.invitations import ContactError, parse_contact

from ..conftest import HX
from ..factories import make_participant, make_user


class Recorder:
    def __init__(self):
        self.sent = []

    def send(self, to_number, text):
        self.sent.append((to_number, text))


def test_contacts_are_read_as_people_write_them():
    assert parse_contact(" amal@example.se ") == ("email", "amal@example.se")
    assert parse_contact("070-123 45 67") == ("sms", "+46701234567")
    assert parse_contact("+46 70 123 45 67") == ("sms", "+46701234567")
    for bad in ("", "amal@", "123", "hello"):
        with pytest.raises(ContactError):
            parse_contact(bad)


def test_by_email_through_the_outbox_in_the_participants_language(client, sign_in):
    coach = make_user(Role.COACH)
    participant = make_participant(coach, preferred_language="en")
    sign_in(coach)
    reply = client.post(f"/participants/{participant.id}/send-invitation", data={"to": "amal@example.se"}, headers=HX)
    assert reply.status_code == 200 and "Inbjudan är skickad med e-post." in reply.text
    mail = db.session.scalar(select(OutboxMessage))
    assert mail.to_address == "amal@example.se" and "invites you to Vägen" in mail.body
    # The kept copy never holds a live link (issue 10); the queued delivery does, until it is sent.
    assert "http" not in mail.body
    link = mail.delivery["text"].split(": ")[-1].strip()
    assert link.startswith("http://localhost/") and link in reply.text  # the page shows the same link


def test_by_sms_through_the_sender(app, client, sign_in):
    recorder = Recorder()
    use_sender(app, recorder)
    coach = make_user(Role.COACH)
    participant = make_participant(coach)
    sign_in(coach)
    reply = client.post(f"/participants/{participant.id}/send-invitation", data={"to": "0701234567"}, headers=HX)
    assert reply.status_code == 200 and "Inbjudan är skickad med sms." in reply.text
    [(number, text)] = recorder.sent
    assert number == "+46701234567" and "http://localhost/" in text


def test_a_bad_address_is_a_clear_message_and_nobody_elses_participant_404(client, sign_in):
    coach = make_user(Role.COACH)
    participant = make_participant(coach)
    sign_in(coach)
    bad = client.post(f"/participants/{participant.id}/send-invitation", data={"to": "hello"}, headers=HX)
    assert bad.status_code == 422 and 'value="hello"' in bad.text and "mobilnummer" in bad.text
    sign_in(make_user(Role.COACH))
    assert client.post(f"/participants/{participant.id}/send-invitation", data={"to": "a@b.se"}).status_code == 404
