"""Each person's notifications: the list (read and unread), opening one (it is then read, and
the person is taken to the thing), and "mark all as read". Only ever the person's own."""

from flask import Blueprint, redirect, request, url_for
from flask_login import current_user

from ..access import allow
from ..htmx import redirect_to, render
from . import services
from .texts import sentence

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@allow()
def index():
    """The signed-in person's notifications, newest first; the unread ones marked as such."""
    page = services.notifications_of(current_user, request.args.get("page", 1, type=int))
    items = [(n, sentence(n)) for n in page.items]
    return render("notifications/index.html", "notifications/_list.html", pages=page, items=items)


@bp.get("/<int:notification_id>")
@allow()
def open(notification_id):
    """Opening a notification reads it and goes to the thing it is about."""
    url = services.open_notification(current_user, notification_id)
    # Only a path inside Vägen is followed (the listener stores paths, never addresses).
    if not url.startswith("/") or url.startswith("//"):
        url = url_for("notifications.index")
    return redirect(url, 303)


@bp.post("/read")
@allow()
def read_all():
    """Every notification of the person is marked read."""
    services.mark_all_read(current_user)
    return redirect_to(url_for("notifications.index"))
