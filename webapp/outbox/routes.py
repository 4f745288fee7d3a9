"""The outbox, where programme admins can see every message Vägen sent or kept."""
from flask import Blueprint, render_template

from ..access import allow
from ..accounts.models import Role
from . import services

bp = Blueprint("outbox", __name__, url_prefix="/outbox")


@bp.get("/")
@allow(Role.PROGRAMME_ADMIN)
def index():
    """The latest messages, newest first."""
    return render_template("outbox/index.html", messages=services.recent_messages())
