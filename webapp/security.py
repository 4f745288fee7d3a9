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


# Set on every response unless a view chose its own.
EVERY_RESPONSE = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("Permissions-Policy", PERMISSIONS_POLICY),
)


def init_security_headers(app: Flask) -> None:
    @app.after_request
    def set_headers(response):
        headers = response.headers
        # One pass over the headers a view set, instead of a search per header (a tenth of a
        # bare answer's time went to looking four times through the same short list).
        present = {key.lower() for key, _ in headers.items()}
        for key, value in EVERY_RESPONSE:
            if key.lower() not in present:
                headers.add(key, value)
        if uses_https(app) and "strict-transport-security" not in present:
            headers.add("Strict-Transport-Security", HSTS)
        cache_control = headers.get("Cache-Control", "")
        if request.endpoint != "static" and "no-store" not in cache_control and not cache_control.startswith("public"):
            # (A view marks an answer "public" only when it names no one: the open-data catalogue.)
            # Shared phones: nothing personal stays in a cache after sign-out.
            headers["Cache-Control"] = "no-store"
        return add_vary(response)
