"""The one place that decides between a full page and a fragment, and how to redirect."""

from flask import Response, make_response, redirect, render_template, request


def wants_fragment() -> bool:
    """An htmx request that swaps part of a page (not a boosted link, not a history restore)."""
    hx = getattr(request, "htmx", None)
    return bool(hx) and not hx.boosted and not hx.history_restore_request


def render(page: str, fragment: str, status: int = 200, **context) -> Response:
    """Render the fragment for htmx and the whole page otherwise; same context for both.

    A fragment carries the flash messages along, swapped out of band into #messages."""
    if wants_fragment():
        body = render_template(fragment, **context) + render_template("_messages.html", out_of_band=True)
        return make_response(body, status)
    return make_response(render_template(page, **context), status)


def form_status(form) -> int:
    """422 for a form sent back with its errors, 200 for one shown the first time."""
    return 422 if form.is_submitted() else 200


def render_form(page: str, fragment: str, form, **context) -> Response:
    """A form shown for the first time, or sent back with its errors (422, which htmx swaps in place)."""
    return render(page, fragment, status=form_status(form), form=form, **context)


def redirect_to(url: str) -> Response:
    """A real redirect for the browser; HX-Redirect so htmx loads the page instead of swapping it."""
    if getattr(request, "htmx", None):
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, 303)


def retarget_to_messages(response: Response) -> Response:
    """Errors from htmx requests go to the page's message region, not into the widget."""
    response.headers["HX-Retarget"] = "#messages"
    response.headers["HX-Reswap"] = "innerHTML"
    return response


def add_vary(response: Response) -> Response:
    # A page and its fragment share a URL: caches must tell them apart. (Plain text rather
    # than response.vary, which parses the header into a set and writes it back on every answer.)
    vary = response.headers.get("Vary")
    if not vary:
        response.headers["Vary"] = "HX-Request"
    elif "hx-request" not in {part.strip().lower() for part in vary.split(",")}:
        response.headers["Vary"] = f"{vary}, HX-Request"
    return response
