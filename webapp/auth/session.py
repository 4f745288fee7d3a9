"""Flask-Login wiring: who the session belongs to, and what happens when it has expired.

The user comes from a server-side session record (devices.py), never from a user id or a
remember cookie that Flask-Login would trust on its own."""

from flask import Flask, flash, redirect, request, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_babel import lazy_gettext as _l

from ..extensions import login_manager
from ..htmx import redirect_to
from . import devices


class SessionCookie(SecureCookieSessionInterface):
    """Flask's signed session cookie, with its signer made once per key instead of twice per
    request (reading and writing the cookie): building one serialises an empty dict to test
    the serializer, a tenth of a signed-out page's time."""

    _signers: dict = {}

    def get_signing_serializer(self, app: Flask):
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        signer = self._signers.get(keys)
        if signer is None:
            signer = self._signers[keys] = super().get_signing_serializer(app)
        return signer


def init_login(app: Flask) -> None:
    app.session_interface = SessionCookie()
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    # The session record is the only proof of sign-in; Flask-Login's own checks are not needed.
    login_manager.session_protection = None
    # Flask-Login's remember cookie is not used: an old "remember_token" is read by nobody.
    app.config.setdefault("REMEMBER_COOKIE_NAME", "vagen_unused_remember")

    @login_manager.user_loader
    def load_user_from_id(_user_id: str):
        # A bare user id in a cookie (from before server-side sessions) proves nothing.
        return None

    @login_manager.request_loader
    def load_user(_request):
        record = devices.current_session()
        return record.user if record is not None else None

    @login_manager.unauthorized_handler
    def unauthorized():
        # htmx must load the sign-in page, not swap it into a div.
        flash(_l("Please sign in to see this page."), "info")
        target = url_for("auth.sign_in", next=request.full_path.rstrip("?") if request.method == "GET" else None)
        if getattr(request, "htmx", None):
            response = redirect_to(target)
            response.status_code = 401
            return response
        return redirect(target)
