"""Pages a participant can read offline: the service worker keeps a copy of a response
marked here, in a cache of that person's own (static/js/sw.js), and the page clears it when
someone signs out or another person signs in (static/js/app.js)."""

from functools import wraps

from flask import make_response
from flask_login import current_user

from ..htmx import wants_fragment

OFFLINE_HEADER = "Vagen-Offline"  # the signed-in person's id: whose cache the copy goes to
START_HEADER = "Vagen-Offline-Start"  # also shown for the start URL "/" when offline


def readable_offline(start: bool = False):
    """Mark the whole page (not a fragment, not an error) for the phone to keep."""

    def decorate(view):
        @wraps(view)
        def marked(*args, **kwargs):
            response = make_response(view(*args, **kwargs))
            if response.status_code == 200 and not wants_fragment():
                response.headers[OFFLINE_HEADER] = str(current_user.id)
                if start:
                    response.headers[START_HEADER] = "1"
            return response

        return marked

    return decorate
