"""Vägen on a phone without signal: installable (manifest linked, service worker in control),
the participant's week and plan readable offline, and taps made offline sent once when the
phone is back. Demo person 10000005 (a placement at an elderly home, kitchen and service,
with the step "Simma en gång i veckan"); no other journey uses them."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from .conftest import assert_accessible, sign_in

PARTICIPANT = "10000005"
STEP = "Simma en gång i veckan"


@pytest.fixture
def database(server_url, tmp_path_factory):
    """The e2e server's database, to count what arrived."""
    (path,) = tmp_path_factory.getbasetemp().glob("e2e[0-9]*/vagen.db")
    engine = create_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def _controlled(page):
    """Wait until the service worker controls the page (the install criteria's second half).
    A worker that activates while a navigation is under way (signing in: POST, 303, 302)
    claims the pages there were, not the one being loaded: that one is controlled from its
    next load, as on a phone. So wait for the worker to be active, then load once more if
    the page came too early for it."""
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("() => navigator.serviceWorker.controller !== null"):
        page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def test_installable_manifest_and_service_worker(phone):
    page = phone("sv-SE")
    page.goto("/")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.request.get(href).json()
    assert manifest["name"] == "Vägen" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert ("192x192", "any") in sizes and ("512x512", "any") in sizes and ("512x512", "maskable") in sizes
    for icon in manifest["icons"]:
        assert page.request.get(icon["src"]).status == 200
    _controlled(page)
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + "/"
    # Offline, a page never opened shows the offline page, in the phone's language.
    page.context.set_offline(True)
    page.goto("/privacy")
    expect(page.locator("h1")).to_have_text("Ingen anslutning")
    assert_accessible(page)
    page.context.set_offline(False)


def test_offline_check_in_and_step_done_arrive_once(phone, database):
    page = phone("sv-SE")
    sign_in(page, PARTICIPANT)
    expect(page).to_have_url(re.compile(r"/home/participant$"))
    _controlled(page)
    # Online once with the worker in control: the week and the plan are kept on the phone.
    page.reload()
    page.goto("/plan")
    expect(page.locator("article.step", has_text=STEP)).to_be_visible()

    page.context.set_offline(True)
    # The start URL and the plan still open, from the phone.
    page.goto("/")
    expect(page.locator("#attendance-today")).to_be_visible()
    queue = page.locator("#pwa-queue")
    expect(queue).to_contain_text("Du är inte uppkopplad")
    page.locator("#attendance-today button[type=submit]").click()
    expect(queue.locator("li")).to_have_count(1)
    expect(queue).to_contain_text("Väntar på att skickas")
    expect(queue.locator("li").first).to_have_text("Jag är här")
    assert_accessible(page)

    page.goto("/plan")
    step = page.locator("article.step", has_text=STEP)
    step.locator("button.big-tap").click()
    expect(queue.locator("li")).to_have_count(2)
    expect(queue.locator("li").nth(1)).to_have_text(f"Klart: {STEP}")

    # Back online: both are sent (the "online" event), and the list says so.
    page.context.set_offline(False)
    expect(queue).to_contain_text("Skickat nu")
    expect(queue).not_to_contain_text("Väntar på att skickas")
    expect(queue.locator("li")).to_have_count(2)

    # A fresh load sends nothing again.
    page.reload()
    expect(page.locator("article.step", has_text=STEP)).to_have_class(re.compile(r"\bis-done\b"))
    expect(queue.locator("li")).to_have_count(0)
    page.goto("/")
    expect(page.locator("#attendance-today .att-confirmed")).to_be_visible()

    with database.connect() as connection:
        named = text("SELECT id FROM app_user WHERE sign_in_name = :n")
        person = connection.execute(named, {"n": PARTICIPANT}).scalar()
        keys = connection.execute(text("SELECT count(*) FROM replay_key WHERE user_id = :p"), {"p": person}).scalar()
        done = connection.execute(
            text("SELECT count(*) FROM plan_change WHERE participant_id = :p AND kind = 'step_done' AND subject = :s"),
            {"p": person, "s": STEP},
        ).scalar()
        present = connection.execute(
            text(
                "SELECT count(*) FROM attendance_day d JOIN placement p ON p.id = d.placement_id"
                " WHERE p.participant_id = :p AND d.reported_status = 'present'"
            ),
            {"p": person},
        ).scalar()
    assert (keys, done, present) == (2, 1, 1)


KEPT = "caches.keys().then(names => names.filter(n => n.startsWith('vagen-pages-')).length)"


def test_signing_out_forgets_the_pages_kept_on_the_phone(phone):
    page = phone("sv-SE")
    sign_in(page, PARTICIPANT)
    _controlled(page)
    page.reload()
    page.wait_for_function(f"() => {KEPT}.then(n => n === 1)")
    page.locator("form.sign-out button").click()
    page.wait_for_load_state()
    page.wait_for_function(f"() => {KEPT}.then(n => n === 0)")
    # Offline now, the participant's week is not on the phone any more.
    page.context.set_offline(True)
    page.goto("/home/participant")
    expect(page.locator("h1")).to_have_text("Ingen anslutning")
    page.context.set_offline(False)


KEPT_STATIC = """() => caches.keys()
  .then(names => names.filter(n => n.startsWith("vagen-static-")))
  .then(names => Promise.all(names.map(n => caches.open(n).then(c => c.keys()))))
  .then(lists => lists.flat().map(r => new URL(r.url).pathname))"""


def test_the_worker_keeps_the_fonts_a_page_used_and_no_others(phone):
    """Installing the worker downloads the static files but not the fonts (some 250 KB, of
    which a phone needs one script's at most); a font is kept when a page first uses it."""
    page = phone("sv-SE")
    page.goto("/sign-in")
    _controlled(page)
    page.reload()
    page.evaluate("() => document.fonts.ready")
    page.wait_for_function(f"() => ({KEPT_STATIC})().then(kept => kept.filter(p => p.includes('/fonts/')).length >= 2)")
    kept = page.evaluate(KEPT_STATIC)
    assert "/static/css/app.css" in kept and "/static/vendor/htmx-2.0.11.min.js" in kept
    assert sorted(path for path in kept if path.startswith("/static/fonts/")) == [
        "/static/fonts/NotoSansArabic-Regular.names.woff2",
        "/static/fonts/NotoSansEthiopic-Regular.names.woff2",
    ]
