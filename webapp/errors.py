"""Error pages in the reader's language: a full page, or a small message for htmx."""

from flask import Flask, make_response, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db
from .htmx import retarget_to_messages, wants_fragment

MESSAGES = {
    400: (_l("Something in the request was wrong"), _l("Go back and try again.")),
    403: (_l("You do not have access to this page"), _l("If you think you should, ask your coach or your admin.")),
    404: (_l("We cannot find this page"), _l("The address may be wrong, or the page has been removed.")),
    405: (_l("Something in the request was wrong"), _l("Go back and try again.")),
    413: (_l("What you sent is too large"), _l("Send less at a time.")),
    422: (_l("Some of what you wrote needs to be corrected"), _l("Go back and check the form.")),
    429: (_l("Too many tries"), _l("Wait a few minutes and try again.")),
    500: (_l("Something went wrong on our side"), _l("What you saved before is safe. Try again in a moment.")),
}
CSRF_MESSAGE = (
    _l("The page had become too old"),
    _l("Reload the page and try again. What you wrote may need to be written again."),
)


def render_error(status: int, title=None, advice=None):
    # Who is signed in is read here, not while the page is shown (templates query nothing): an
    # address no view answers never went through the access check that reads it.
    current_user._get_current_object()
    default_title, default_advice = MESSAGES.get(status, MESSAGES[500])
    context = {"status": status, "title": title or default_title, "advice": advice or default_advice}
    if wants_fragment():
        return retarget_to_messages(make_response(render_template("errors/_error.html", **context), status))
    return render_template("errors/error.html", **context), status


def register_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, *CSRF_MESSAGE)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code and error.code < 400:
            return error
        return render_error(error.code or 500)

    @app.errorhandler(InternalServerError)
    def server_error(error):
        db.session.rollback()
        return render_error(500)
