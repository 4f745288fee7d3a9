"""Text messages through one pluggable sender. Development and tests use `LogSender`; a
deployment names its provider in the environment (SMS_PROVIDER=46elks, see init_sms), or
registers another sender with `use_sender(app, sender)` in create_app."""

import base64
import urllib.error
import urllib.parse
import urllib.request
from typing import Protocol

from flask import Flask, current_app


class SmsSender(Protocol):
    def send(self, to_number: str, text: str) -> None:
        """Deliver or raise; the caller tells the user when it fails."""


class LogSender:
    """Writes the message to the log instead of sending it."""

    def send(self, to_number: str, text: str) -> None:
        current_app.logger.info("No SMS provider configured; text to %s: %s", to_number, text)


def use_sender(app: Flask, sender: SmsSender) -> None:
    app.extensions["vagen.sms"] = sender


def send_sms(to_number: str, text: str) -> None:
    current_app.extensions.get("vagen.sms", LogSender()).send(to_number, text)


class SmsError(Exception):
    """The provider did not take the message (the caller retries later)."""


class Elks46Sender:
    """46elks (a Swedish SMS API): POST a form to /a1/sms with HTTP basic auth. Any answer but
    2xx, or no answer, raises SmsError."""

    def __init__(self, url: str, username: str, password: str, sender: str = "Vagen", timeout: float = 10):
        self.url, self.sender, self.timeout = url, sender, timeout
        self.authorization = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()

    def send(self, to_number: str, text: str) -> None:
        body = urllib.parse.urlencode({"from": self.sender, "to": to_number, "message": text}).encode()
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={"Authorization": self.authorization, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                answer.read()
        except (urllib.error.URLError, OSError) as error:  # HTTPError is a URLError
            raise SmsError(str(error)) from error


def init_sms(app: Flask) -> None:
    """The provider the environment names (SMS_PROVIDER=46elks), else the log sender."""
    if (app.config.get("SMS_PROVIDER") or "").lower() == "46elks":
        use_sender(
            app,
            Elks46Sender(
                app.config["SMS_API_URL"],
                app.config["SMS_API_USERNAME"] or "",
                app.config["SMS_API_PASSWORD"] or "",
                app.config["SMS_FROM"],
            ),
        )
