"""Web Push to installed apps (pywebpush, VAPID keys from the environment), behind the same
kind of pluggable sender as SMS: tests and development may register their own."""

import json

from flask import Flask, current_app


class PushGone(Exception):
    """The browser has dropped this subscription (404/410): forget it."""


class PushError(Exception):
    """Not delivered this time (the caller retries later)."""


class WebPushSender:
    def send(self, subscription: dict, payload: dict) -> None:
        from pywebpush import WebPushException, webpush

        config = current_app.config
        try:
            webpush(
                subscription_info=subscription,
                data=json.dumps(payload),
                vapid_private_key=config["VAPID_PRIVATE_KEY"],
                vapid_claims={"sub": config["VAPID_SUBJECT"]},
                ttl=24 * 3600,
                timeout=10,
            )
        except WebPushException as error:
            status = getattr(error.response, "status_code", None)
            if status in (404, 410):
                raise PushGone(str(error)) from error
            raise PushError(str(error)) from error
        except OSError as error:
            raise PushError(str(error)) from error


def push_enabled() -> bool:
    return bool(current_app.config.get("VAPID_PRIVATE_KEY")) or "vagen.push" in current_app.extensions


def use_push_sender(app: Flask, sender) -> None:
    app.extensions["vagen.push"] = sender


def push_sender():
    return current_app.extensions.get("vagen.push") or WebPushSender()
