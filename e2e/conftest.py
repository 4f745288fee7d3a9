"""Browser journeys: Debian's Chromium, a phone profile, a real server on a free port."""

import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask_migrate import upgrade
from playwright.sync_api import expect
from sqlalchemy import select, update
from werkzeug.serving import make_server

from tests.conftest import compile_catalogues, suite_clock  # noqa: F401  (the same clock as tests/)
from webapp import create_app
from webapp.accounts.models import User
from webapp.config import TestConfig
from webapp.demo.seed import DEMO_PASSWORD, seed_demo
from webapp.extensions import db

from . import htmlcheck

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = "Pixel 7"
# The machine has fonts-noto-core; the journeys' phones are the ones the app's fonts are for,
# without a Noto Sans Arabic or Ethiopic of their own (app.css asks for those by local() first).
PHONE_FONTS = {"FONTCONFIG_FILE": str(Path(__file__).resolve().parent / "fonts.conf")}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Playwright cannot download browsers here: use Debian's."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "env": {**os.environ, **PHONE_FONTS},
    }


@pytest.fixture(scope="session")
def visited_pages(tmp_path_factory):
    """Every full page the journeys received; at the end the Nu HTML checker reads them all."""
    folder = tmp_path_factory.mktemp("pages")
    yield folder
    report = htmlcheck.check(folder)
    if report:
        pytest.fail(report, pytrace=False)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory, visited_pages):
    """The app with the demo data, migrated the way production is, served on a free port."""
    compile_catalogues()
    database = tmp_path_factory.mktemp("e2e") / "vagen.db"

    class E2EConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{database}"
        WTF_CSRF_ENABLED = True

    app = create_app(E2EConfig)
    with app.app_context():
        upgrade(directory=str(Path(__file__).resolve().parent.parent / "migrations"))
        seed_demo()
        db.session.commit()
        seeded_languages = dict(db.session.execute(select(User.id, User.preferred_language)).all())
    app.extensions["e2e_seeded_languages"] = seeded_languages
    htmlcheck.keep_pages(app, visited_pages)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_BASE_URL"] = url
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served_apps[url] = app
    yield url
    server.shutdown()


served_apps = {}


@pytest.fixture(autouse=True)
def languages_as_seeded(request):
    """Each journey meets the demo people speaking the language they were seeded with: a
    journey that switches someone's saved language must not decide the next one's (the
    order of journeys differs between a serial run and one spread over workers)."""
    if "server_url" not in request.fixturenames:
        return
    app = served_apps[request.getfixturevalue("server_url")]
    with app.app_context():
        seeded = app.extensions["e2e_seeded_languages"]
        db.session.execute(update(User), [{"id": i, "preferred_language": lang} for i, lang in seeded.items()])
        db.session.commit()


@pytest.fixture
def phone(browser, playwright, server_url):
    """new_phone(locale="sv-SE"): a fresh phone (its own cookies) at the server."""
    contexts = []

    def new_phone(locale="sv-SE"):
        context = browser.new_context(**playwright.devices[PHONE], locale=locale, base_url=server_url)
        contexts.append(context)
        return context.new_page()

    yield new_phone
    for context in contexts:
        context.close()


AXE = Axe()


def assert_accessible(page):
    """axe-core finds no violations on the page as it is now."""
    results = AXE.run(page)
    assert results.violations_count == 0, results.generate_report()


@contextmanager
def htmx_settled(page):
    """Wait until htmx has swapped and settled what the block triggered: the new content
    listens for input only once settled, and on a busy machine settling takes a while."""
    page.evaluate("""() => {
        const root = document.documentElement;
        root.removeAttribute("data-test-settled");
        document.addEventListener("htmx:afterSettle", () => root.setAttribute("data-test-settled", ""),
                                  {once: true});
    }""")
    yield
    expect(page.locator("html[data-test-settled]")).to_have_count(1)


def sign_in(page, name, password=DEMO_PASSWORD):
    page.goto("/sign-in")
    page.locator("input[name=sign_in_name]").fill(name)
    page.locator("input[name=password]").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def fill_entry_data(page):
    """The ESF entry data and consent that enrolment asks for, on /participants/new."""
    page.locator("select[name=gender]").select_option("woman")
    page.locator("input[name=birth_year]").fill("1994")
    page.locator("select[name=education]").select_option("isced_3_4")
    page.locator("select[name=labour_status]").select_option("unemployed_long")
    page.locator("input[name=consent]").check()
