"""Headers every response carries: a strict content policy, and no caching of personal pages."""
from flask import Flask, request
from flask_login import current_user

from .htmx import add_vary

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def init_security_headers(app: Flask) -> None:
    @app.after_request
    def set_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        # Static files are the same for everyone (static_files.py caches them for a year);
        # asking who is signed in would also cost a query per file.
        if request.endpoint != "static" and current_user and current_user.is_authenticated:
            # Shared phones: nothing personal stays in a cache after sign-out.
            response.headers["Cache-Control"] = "no-store"
        return add_vary(response)
