"""The installable app: the web app manifest, the service worker at the root scope, and the
page shown when a page is needed and there is no connection."""

import hashlib
import json
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, url_for
from flask_babel import gettext as _

from ..access import public
from ..i18n import current_language

bp = Blueprint("pwa", __name__)

THEME_COLOUR = "#0b5d3b"  # --brand in static/css/app.css
BACKGROUND_COLOUR = "#ffffff"
SW_SOURCE = "js/sw.js"
FONTS_FOLDER = "fonts/"
# (file under static/, size, purpose): the maskable ones keep the mark inside the safe circle.
ICONS = (
    ("icons/icon-192.png", 192, "any"),
    ("icons/icon-512.png", 512, "any"),
    ("icons/maskable-192.png", 192, "maskable"),
    ("icons/maskable-512.png", 512, "maskable"),
)


@bp.get("/manifest.webmanifest")
@public
def manifest():
    """What the phone needs to install Vägen. Fetched without cookies: one for everyone; "/"
    sends each person to their own home."""
    language = current_language()
    body = {
        "id": "/",
        "name": "Vägen",
        "short_name": "Vägen",
        "description": _("Your way to work or studies: your week, your plan and your placement."),
        "lang": language.code,
        "dir": language.direction,
        "start_url": url_for("home.index"),
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND_COLOUR,
        "theme_color": THEME_COLOUR,
        "icons": [
            {
                "src": url_for("static", filename=name),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for name, size, purpose in ICONS
        ],
    }
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json")


def precached_urls() -> list[str]:
    """Every static file under its content-hashed URL (the page asks for exactly these), but
    the fonts: a phone needs at most its own language's script (and often has it already),
    and installing the worker would otherwise download all of them (some 250 KB) at once. The
    worker keeps a font when a page first uses it."""
    files = current_app.extensions["static_files"]
    return [
        url_for("static", filename=name)
        for name in sorted(files)
        if name != SW_SOURCE and not name.startswith(FONTS_FOLDER)
    ]


@bp.get("/sw.js")
@public
def service_worker():
    """The service worker, served from the root so that its scope is the whole app. Its first
    line names the static files by their hashed URLs: a changed file changes this script, the
    browser installs the new worker, and it fills a new cache and drops the old one."""
    source = Path(current_app.static_folder, SW_SOURCE).read_text(encoding="utf-8")
    urls = precached_urls()
    offline_url = url_for("pwa.offline")
    version = hashlib.sha256(json.dumps([urls, source]).encode()).hexdigest()[:12]
    settings = json.dumps({"version": version, "precache": urls, "offline": offline_url})
    response = Response(f"self.VAGEN = {settings};\n{source}", mimetype="application/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/offline")
@public
def offline():
    """Shown by the service worker when a page is needed and there is no connection. It names
    nobody: the worker keeps one copy for whoever uses the phone."""
    return render_template("pwa/offline.html")
