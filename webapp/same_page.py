"""Pages that are the same for every signed-out visitor in a language: rendered once, kept.

The signed-out home and the sign-in form are the first pages of everyone (a participant's
phone signs in again after every idle timeout). Their HTML differs between two visitors
only in the CSRF token, so the page is rendered once per language and address with the
token cut out, and each request fills in its own. Everything around the view (headers,
compression, the session cookie) runs as for any page.

Rendered afresh, never kept: a signed-in person, anything but a plain GET (htmx asks for
fragments), a visitor with flash messages waiting, and answers that are not a page of
HTML with status 200. At most KEPT_AT_MOST addresses are kept (a query string is part of
the address), so odd links cannot fill the memory. They are kept by the app (in
app.extensions), for as long as it runs: its templates do not change while it does."""

from functools import wraps

from flask import current_app, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from .i18n import current_language

KEPT_AT_MOST = 200
_TOKEN = "\x00csrf-token\x00"


def same_for_every_visitor(view):
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
        kept: dict[tuple[str, str, str], str] = current_app.extensions.setdefault("same_page", {})
        key = (request.script_root, request.full_path, current_language().code)
        page = kept.get(key)
        if page is not None:
            return page.replace(_TOKEN, token)
        answer = view(*args, **kwargs)
        html = answer[0] if isinstance(answer, tuple) and answer[1:] == (200,) else answer
        if isinstance(html, str) and len(kept) < KEPT_AT_MOST:
            kept[key] = html.replace(token, _TOKEN)
        return answer

    return serve
