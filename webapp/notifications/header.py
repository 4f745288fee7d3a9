"""The unread count in the header: asked once per page, before the page is rendered, and handed
to base.html by a context processor that only passes it on (templates query nothing)."""

from flask import Flask, g, request
from flask_login import current_user

from ..htmx import wants_fragment
from .services import unread_count


def init_header_count(app: Flask) -> None:
    @app.before_request
    def count_unread_notifications():
        # A fragment has no header; a file has no page.
        if request.endpoint in (None, "static") or wants_fragment():
            return
        if current_user.is_authenticated:
            g.unread_notifications = unread_count(current_user)

    @app.context_processor
    def unread_notifications():
        return {"unread_notifications": g.get("unread_notifications")}
