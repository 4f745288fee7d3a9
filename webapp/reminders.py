"""`flask send-reminders` (run from cron): every feature's reminders, through the outbox.

Features offer a function that sends what is due and returns how many it sent; each
must remember what it has sent, so that running the command twice sends nothing twice:

    def unconfirmed_weeks(today: date) -> int: ...

`register_hooks` in webapp/__init__.py lists them all (`register_reminders`).
"""

from collections.abc import Callable
from datetime import date

import click
from flask import Flask, current_app, has_request_context

from .timeutil import local_today
from .transaction import unit_of_work

Reminder = Callable[[date], int]


def register_reminders(app: Flask, *functions: Reminder) -> None:
    """Called from create_app (register_hooks): what `flask send-reminders` sends."""
    registered = app.extensions.setdefault("reminders", [])
    for function in functions:
        if function not in registered:
            registered.append(function)


def send_all(today: date) -> dict[str, int]:
    """Run every reminder. Cron has no request, but mail needs links (url_for) and each
    reader's language (force_locale): one request context at the public address serves all."""
    registered = current_app.extensions.get("reminders", [])
    if has_request_context():
        return {function.__name__: function(today) for function in registered}
    from .auth.services import public_base_url

    with current_app.test_request_context("/", base_url=public_base_url()):
        return {function.__name__: function(today) for function in registered}


@click.command("send-reminders")
@unit_of_work
def send_reminders_command():
    """Send every reminder that is due today (Europe/Stockholm) and not yet sent."""
    for name, count in send_all(local_today()).items():
        click.echo(f"{name}\t{count}")
