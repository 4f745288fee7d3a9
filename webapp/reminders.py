"""`flask send-reminders` (run from cron): every feature's reminders, through the outbox.

Features register a function that sends what is due and returns how many it sent; each
must remember what it has sent, so that running the command twice sends nothing twice:

    @reminders.reminder
    def unconfirmed_weeks(today: date) -> int: ...
"""
from collections.abc import Callable
from datetime import date

import click
from flask import current_app, has_request_context

from .timeutil import local_today

Reminder = Callable[[date], int]
_REMINDERS: list[Reminder] = []


def reminder(function: Reminder) -> Reminder:
    if function not in _REMINDERS:
        _REMINDERS.append(function)
    return function


def send_all(today: date) -> dict[str, int]:
    """Run every reminder. Cron has no request, but mail needs links (url_for) and each
    reader's language (force_locale): one request context at the public address serves all."""
    if has_request_context():
        return {function.__name__: function(today) for function in _REMINDERS}
    from .auth.services import public_base_url
    with current_app.test_request_context("/", base_url=public_base_url()):
        return {function.__name__: function(today) for function in _REMINDERS}


@click.command("send-reminders")
def send_reminders_command():
    """Send every reminder that is due today (Europe/Stockholm) and not yet sent."""
    for name, count in send_all(local_today()).items():
        click.echo(f"{name}\t{count}")
