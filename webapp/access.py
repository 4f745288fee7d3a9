"""Who may reach a view. Every view declares it; a view that does not is refused.

@bp.get("/")
@allow(Role.COACH)          # signed in with one of these roles
def index(): ...

@bp.get("/login")
@public                     # anyone, signed in or not
def login(): ...
"""

from functools import wraps

from flask import Flask, abort, current_app, request
from flask_login import current_user

from .accounts.models import Role

ACCESS_ATTRIBUTE = "vagen_access"
PUBLIC = "public"
SIGNED_IN = "signed-in"


def public(view):
    setattr(view, ACCESS_ATTRIBUTE, PUBLIC)
    return view


def allow(*roles: Role):
    """Signed in and holding at least one of the roles (any role when none is named)."""

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if roles and not current_user.has_any_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        setattr(guarded, ACCESS_ATTRIBUTE, tuple(roles) or SIGNED_IN)
        return guarded

    return decorate


def declared_access(app: Flask, endpoint: str):
    view = app.view_functions.get(endpoint)
    return getattr(view, ACCESS_ATTRIBUTE, None)


def init_access(app: Flask) -> None:
    @app.before_request
    def refuse_undeclared_views():
        # Fail closed: a view someone forgot to mark is nobody's.
        endpoint = request.endpoint
        if endpoint is None or endpoint == "static":
            return None
        if declared_access(app, endpoint) is None:
            app.logger.error("view %s declares no access rule", endpoint)
            abort(403)
        return None
