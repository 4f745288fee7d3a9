"""Installable: the manifest and its icons, the service worker at the root scope with every
static file under its hashed URL, the offline page, and the links on every page."""

import json
import struct
from pathlib import Path

from webapp.accounts.models import Role

from ..factories import make_user

STATIC = Path(__file__).resolve().parent.parent.parent / "static"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (no image library needed)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_the_manifest_names_vagen_starts_at_the_root_and_is_standalone(client):
    reply = client.get("/manifest.webmanifest")
    assert reply.status_code == 200
    assert reply.mimetype == "application/manifest+json"
    manifest = json.loads(reply.get_data(as_text=True))
    assert manifest["name"] == "Vägen"
    assert manifest["short_name"] == "Vägen"
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0b5d3b"
    assert manifest["background_color"]
    assert manifest["lang"] == "sv" and manifest["dir"] == "ltr"


def test_the_manifest_is_in_the_phones_language(client):
    manifest = client.get("/manifest.webmanifest", headers={"Accept-Language": "ar"}).get_json(force=True)
    assert manifest["lang"] == "ar" and manifest["dir"] == "rtl"
    swedish = client.get("/manifest.webmanifest").get_json(force=True)
    assert manifest["description"] != swedish["description"]


def test_the_icons_exist_at_their_declared_sizes_one_maskable_of_each(client):
    icons = client.get("/manifest.webmanifest").get_json(force=True)["icons"]
    declared = {(icon["sizes"], icon["purpose"]) for icon in icons}
    assert {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")} <= declared
    for icon in icons:
        assert icon["type"] == "image/png"
        assert "?v=" in icon["src"]  # hashed: a new icon is a new URL
        reply = client.get(icon["src"])
        assert reply.status_code == 200 and reply.mimetype == "image/png"
        width, height = png_size(reply.data)
        assert f"{width}x{height}" == icon["sizes"]


def test_the_service_worker_is_served_from_the_root_and_never_kept_stale(client):
    reply = client.get("/sw.js")
    assert reply.status_code == 200
    assert reply.mimetype == "application/javascript"
    assert reply.headers["Service-Worker-Allowed"] == "/"
    assert "no-store" in reply.headers["Cache-Control"]  # the browser asks for it again each time
    assert 'self.addEventListener("fetch"' in reply.get_data(as_text=True)


def test_the_service_worker_shows_a_push_and_opens_its_link(app, client):
    """What the push channel sends (title, body, url) is shown and opens the thing when tapped."""
    worker = client.get("/sw.js").get_data(as_text=True)
    assert 'self.addEventListener("push"' in worker and "showNotification" in worker
    assert 'self.addEventListener("notificationclick"' in worker and "data.url" in worker


def _settings(client) -> dict:
    first_line = client.get("/sw.js").get_data(as_text=True).splitlines()[0]
    assert first_line.startswith("self.VAGEN = ") and first_line.endswith(";")
    return json.loads(first_line.removeprefix("self.VAGEN = ").removesuffix(";"))


def test_the_worker_precaches_every_static_file_under_the_url_pages_use(app, client):
    settings = _settings(client)
    files = app.extensions["static_files"]
    for name in ("css/app.css", "js/app.js", "js/offline.js", "vendor/htmx-2.0.11.min.js", "icons/icon-192.png"):
        assert f"/static/{name}?v={files[name].digest}" in settings["precache"]
    assert not any("sw.js" in url for url in settings["precache"])
    # The fonts are kept when first used: a phone needs one script's at most.
    assert not any("/static/fonts/" in url for url in settings["precache"])
    assert settings["offline"] == "/offline"
    page = client.get("/").get_data(as_text=True)
    assert f"/static/css/app.css?v={files['css/app.css'].digest}" in page
    assert f"/static/js/offline.js?v={files['js/offline.js'].digest}" in page


def test_a_changed_static_file_changes_the_worker(app, client, monkeypatch):
    before = _settings(client)["version"]
    files = app.extensions["static_files"]
    changed = files["css/app.css"]
    monkeypatch.setitem(files, "css/app.css", type(changed)("0123456789ab", changed.mimetype, changed.forms))
    after = _settings(client)
    assert after["version"] != before
    assert "/static/css/app.css?v=0123456789ab" in after["precache"]


def test_the_offline_page_is_translated_and_names_nobody(client, sign_in):
    swedish = client.get("/offline")
    assert swedish.status_code == 200
    assert "Ingen anslutning" in swedish.get_data(as_text=True)
    english = client.get("/offline", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "No connection" in english
    person = make_user(Role.PARTICIPANT, full_name="Hanna Maria Lindström")
    sign_in(person)
    page = client.get("/offline").get_data(as_text=True)
    assert "Hanna" not in page and "csrf" not in page.lower()


def test_every_page_links_the_manifest_and_the_worker(client, sign_in):
    page = client.get("/").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'data-service-worker="/sw.js"' in page
    assert "data-user=" not in page
    person = make_user(Role.PARTICIPANT)
    sign_in(person)
    home = client.get("/home/participant").get_data(as_text=True)
    assert f'data-user="{person.id}"' in home
    assert 'id="pwa-queue"' in home and 'aria-live="polite"' in home


def test_the_participants_week_and_plan_are_marked_for_their_own_offline_copy(client, sign_in):
    person = make_user(Role.PARTICIPANT)
    sign_in(person)
    home = client.get("/home/participant")
    assert home.headers["Vagen-Offline"] == str(person.id)
    assert home.headers["Vagen-Offline-Start"] == "1"
    plan = client.get("/plan")
    assert plan.headers["Vagen-Offline"] == str(person.id)
    assert "Vagen-Offline-Start" not in plan.headers
    # A fragment or another page is not kept.
    assert "Vagen-Offline" not in client.get("/plan", headers={"HX-Request": "true"}).headers
    assert "Vagen-Offline" not in client.get("/attendance/mine").headers
