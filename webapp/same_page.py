"""Pages that are the same for every signed-out visitor in a language: rendered once, kept.

The signed-out home and the sign-in form are the first pages of everyone (a participant's
phone signs in again after every idle timeout), and the public catalogue is what a
municipality's own website links to. Their HTML differs between two signed-out visitors
only in the CSRF token, so a page is rendered once per language and address (and, for the
catalogue, per version of its data: `version`) with the token cut out, and each request
fills in its own. Everything around the view (headers, compression, the session cookie)
runs as for any page.

Rendered afresh, never kept: a signed-in person, anything but a plain GET (htmx asks for
fragments), a visitor with flash messages waiting, and answers that are not a page of
HTML with status 200. The app keeps the KEPT_AT_MOST pages last asked for (app.extensions),
so odd addresses cannot fill the memory; its templates do not change while it runs."""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps

from flask import Response, current_app, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from .i18n import current_language

KEPT_AT_MOST = 200
_TOKEN = "\x00csrf-token\x00"
_lock = threading.Lock()


def same_for_every_visitor(view=None, *, version: Callable[[], Hashable] | None = None):
    """`@same_for_every_visitor`, or `@same_for_every_visitor(version=f)` for a page whose data
    changes: f() names the data's state (one small query), and a page is kept per state."""
    if view is None:
        return lambda view: same_for_every_visitor(view, version=version)

    @wraps(view)
    def serve(*args, **kwargs):
        if (
            request.method != "GET"
            or current_user.is_authenticated
            or getattr(request, "htmx", None)
            or session.get("_flashes")
        ):
            return view(*args, **kwargs)
        token = generate_csrf()
        key = (request.script_root, request.full_path, current_language().code, version() if version else None)
        kept: OrderedDict = current_app.extensions.setdefault("same_page", OrderedDict())
        with _lock:
            page = kept.get(key)
            if page is not None:
                kept.move_to_end(key)
        if page is not None:
            return page.replace(_TOKEN, token)
        answer = view(*args, **kwargs)
        html = _plain_page(answer)
        if html is not None:
            with _lock:
                kept[key] = html.replace(token, _TOKEN)
                while len(kept) > KEPT_AT_MOST:
                    kept.popitem(last=False)
        return answer

    return serve


def _plain_page(answer) -> str | None:
    """The HTML of a plain page with status 200 (a string, or a response with no headers of
    its own); None for anything else."""
    if isinstance(answer, tuple):
        answer = answer[0] if answer[1:] == (200,) else None
    if isinstance(answer, Response):
        plain = answer.status_code == 200 and answer.mimetype == "text/html"
        if not plain or set(answer.headers.keys()) - {"Content-Type", "Content-Length"}:
            return None
        return answer.get_data(as_text=True)
    return answer if isinstance(answer, str) else None
