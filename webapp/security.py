"""Headers every response carries: a strict content policy, HTTPS only once it is in use,
and no caching of pages (they name people, signed in or not: an invitation names its person)."""

from flask import Flask, request

from .htmx import add_vary

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Vägen needs none of these; a page that is ever injected cannot ask for them either.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), browsing-topics=()"
)
# A year, the usual minimum for browsers' preload lists; subdomains are the municipality's to decide.
HSTS = "max-age=31536000"


def no_store(response):
    """Say in the view that an answer is personal: no copy in any cache. (set_headers below
    gives every answer but the public ones this too; the views that say it stay explicit.)"""
    response.headers["Cache-Control"] = "no-store"
    return response


def uses_https(app: Flask) -> bool:
    return bool(app.config.get("SESSION_COOKIE_SECURE")) or app.config.get("PREFERRED_URL_SCHEME") == "https"


def init_security_headers(app: Flask) -> None:
    @app.after_request
    def set_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if uses_https(app):
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if (
            request.endpoint != "static"
            and "no-store" not in response.headers.get("Cache-Control", "")
            and not response.headers.get("Cache-Control", "").startswith("public")
        ):
            # (A view marks an answer "public" only when it names no one: the open-data catalogue.)
            # Shared phones: nothing personal stays in a cache after sign-out.
            response.headers["Cache-Control"] = "no-store"
        return add_vary(response)
