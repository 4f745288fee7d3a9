"""The privacy notice (GDPR art. 13) and the accessibility statement (DIGG's structure), with
each programme's own details; public, linked from every page's footer and from sign-in."""

from flask import request
from flask_login import current_user
from sqlalchemy import select

from ..access import public
from ..accounts.models import Programme, Role
from ..extensions import db
from ..htmx import render
from . import services
from .models import Purpose
from .routes import bp


def _programme() -> Programme | None:
    """The reader's programme; for someone not signed in the one asked for, else the first."""
    asked = request.args.get("programme", type=int)
    if asked:
        return db.session.get(Programme, asked)
    if current_user.is_authenticated and current_user.memberships:
        return current_user.memberships[0].organisation.programme
    return db.session.scalar(select(Programme).order_by(Programme.id).limit(1))


def _context() -> dict:
    programme = _programme()
    return {
        "programme": programme,
        "setting": services.settings_of(programme),
        "purposes": list(Purpose),
        "is_participant": current_user.is_authenticated and current_user.has_any_role(Role.PARTICIPANT),
    }


@bp.get("/notice")
@public
def notice():
    """How Vägen uses personal information, and the reader's rights."""
    return render("privacy/notice.html", "privacy/_notice.html", **_context())


@bp.get("/accessibility")
@public
def accessibility():
    """How accessible Vägen is, what is not yet, and how to report a problem."""
    return render("privacy/accessibility.html", "privacy/_accessibility.html", **_context())
