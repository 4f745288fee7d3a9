"""Flask-Login wiring: who the session belongs to, and what happens when it has expired."""
from flask import Flask, flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from ..accounts.models import User
from ..extensions import db, login_manager
from ..htmx import redirect_to


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str):
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        return user if user is not None and user.is_active else None

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
