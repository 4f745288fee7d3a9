"""Text from outside is cleaned once, before any view or form sees it.

Control characters that no keyboard types (NUL breaks PostgreSQL; the others break a
page or an export) are dropped from every form field and query string value; tab, line
feed and carriage return stay (a text area's lines). A URL whose path holds one is not
a page of Vägen, nor is one whose number no database column holds.

`whole_number` reads a number a view takes straight from the form or the query string;
`optional_text` reads a text field that may stay empty."""

import re

from flask import Flask, abort, request
from werkzeug.datastructures import ImmutableMultiDict

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LARGEST = 2**31 - 1  # PostgreSQL's integer


def whole_number(raw: str | None, default: int | None = None) -> int | None:
    """Digits that fit an integer column, else `default`."""
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) <= LARGEST else default


def optional_text(raw: str | None) -> str | None:
    """What was typed in a field that may stay empty, trimmed; None when nothing was typed."""
    return (raw or "").strip() or None


def without_control_characters(value: str) -> str:
    return CONTROL.sub("", value)


def _cleaned(values: ImmutableMultiDict) -> ImmutableMultiDict:
    if not any(CONTROL.search(key) or CONTROL.search(value) for key, value in values.items(multi=True)):
        return values
    return ImmutableMultiDict(
        [
            (without_control_characters(key), without_control_characters(value))
            for key, value in values.items(multi=True)
        ]
    )


UPLOAD_LIMIT = "vagen_upload_limit"
# Room for the form's other fields and the multipart framing around an uploaded file.
UPLOAD_MARGIN = 1024 * 1024


def accepts_upload(config_key: str):
    """The view takes a file of up to app.config[config_key] bytes: its request may be that
    large (every other request keeps MAX_CONTENT_LENGTH). The view checks the file's own size."""

    def decorate(view):
        setattr(view, UPLOAD_LIMIT, config_key)
        return view

    return decorate


def init_input(app: Flask) -> None:
    @app.before_request
    def drop_control_characters():
        view = app.view_functions.get(request.endpoint)
        if (key := getattr(view, UPLOAD_LIMIT, None)) is not None:
            # Before the body is read below: an upload's own limit instead of the app's.
            request.max_content_length = app.config[key] + UPLOAD_MARGIN
        for value in (request.view_args or {}).values():
            if (isinstance(value, str) and CONTROL.search(value)) or (isinstance(value, int) and value > LARGEST):
                abort(404)
        request.args = _cleaned(request.args)
        if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            request.form = _cleaned(request.form)
