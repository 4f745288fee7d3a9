"""The outbox, where programme admins see their programme's messages (never a live link)."""

from flask import Blueprint, render_template
from flask_login import current_user
from markupsafe import Markup, escape

from ..access import allow
from ..accounts.models import Role
from . import services

bp = Blueprint("outbox", __name__, url_prefix="/outbox")


@bp.get("/")
@allow(Role.PROGRAMME_ADMIN)
def index():
    """The latest messages of the admin's programmes, newest first."""
    return render_template("outbox/index.html", messages=services.recent_messages(current_user))


@bp.app_template_global()
def mail_link(link: str | None) -> Markup:
    """A link in an HTML mail; the kept copy's "[link sent]" stays plain text."""
    if link and link.startswith(("http://", "https://")):
        return Markup('<a href="{0}">{0}</a>').format(link)
    return escape(link or "")


@bp.app_template_filter()
def paragraphs(text) -> Markup:
    """A mail text (blank lines between paragraphs) as HTML paragraphs, escaped."""
    parts = [Markup("<br>\n").join(part.split("\n")) for part in escape(text).split("\n\n")]
    return Markup("\n").join(Markup("<p>%s</p>") % part for part in parts)
