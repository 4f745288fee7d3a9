"""Text messages through one pluggable sender. Development and tests use `LogSender`; a
deployment registers its provider's sender with `use_sender(app, sender)` in create_app."""

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
