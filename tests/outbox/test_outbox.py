"""One outbox: nothing sent is silently dropped."""
import logging
import socket

from webapp.accounts.models import Role
from webapp.outbox.services import send_mail

from ..factories import make_user


def test_without_smtp_a_message_is_kept_and_logged(app, caplog):
    caplog.set_level(logging.INFO, logger=app.logger.name)
    message = send_mail("a@example.org", "Subject", "Body")
    assert message.id is not None and message.sent_at is None and message.error is None
    assert "kept in the outbox" in caplog.text


def test_an_unreachable_smtp_server_is_recorded_not_raised(app):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port)
    try:
        message = send_mail("a@example.org", "Subject", "Body")
    finally:
        app.config.update(MAIL_SERVER=None, MAIL_PORT=587)
    assert message.sent_at is None
    assert message.error


def test_programme_admin_reads_the_outbox_and_others_cannot(client, sign_in):
    send_mail("a@example.org", "Hello there", "Body")
    sign_in(make_user(Role.PROGRAMME_ADMIN))
    assert "Hello there" in client.get("/outbox/").text
    sign_in(make_user(Role.ORGANISATION_ADMIN))
    assert client.get("/outbox/").status_code == 403
