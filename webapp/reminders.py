"""`flask send-reminders` (run from cron): every feature's reminders.

Features offer a function that sends what is due and returns how many it told; each must
remember what it has sent, so that running the command twice sends nothing twice. Most raise
an event per row through `remind`, whose dedupe key is the memory:

    def steps_due_tomorrow(today: date) -> int:
        count = 0
        for step, participant in db.session.execute(query):
            count += remind(events.step_due, step, to=participant, url=..., once=step.id, ...)
        return count

`register_hooks` in webapp/__init__.py lists them all (`register_reminders`).
"""

from collections.abc import Callable
from datetime import date

import click
from flask import Flask, current_app, has_request_context

from .timeutil import local_today
from .transaction import unit_of_work

Reminder = Callable[[date], int]


def remind(event, about, *, to, url: str, once, **details) -> int:
    """Raise a reminder event about `about` for one person (a User), once per `once`: the
    notification's dedupe key is "<event name>:<once>". How many were told: 0 when it was told
    before."""
    results = event.send(about, recipients=[to], url=url, dedupe_key=f"{event.name}:{once}", **details)
    # Each listener returns what it wrote for whom.
    return sum(len(value or ()) for _receiver, value in results)


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
