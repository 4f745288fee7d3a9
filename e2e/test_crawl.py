"""A crawl on a phone in the two languages that break layouts most (Arabic, right to left, and
Tigrinya, long words in Ge'ez script): every role's home and the pages its main area links to
answer without a server error, say their language and direction, fit the Pixel 7 width, and
axe-core finds nothing on them."""

from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in

ROLES = {
    "participant": "10000003",
    "coach": "sara.lindqvist@example.org",
    "supervisor": "maria.johansson@example.org",
    "organisation_admin": "mats.ohlsson@example.org",
    "programme_admin": "lena.persson@example.org",
}
LANGUAGES = {"ar": "rtl", "ti": "ltr"}

# Each page costs a load and an axe-core run (about half a second); 10 role x language runs
# of the home and up to 12 links keep the file near a minute and a half in CI. The links are
# taken in page order, so every section of a home (listed top to bottom) gets its first links
# crawled; the feature journeys cover the deeper pages.
MAX_LINKS = 12
SKIPPED_SUFFIXES = (".csv", ".ics")


def crawlable(url, origin):
    """Same site, a GET page a person reads: not signing out, not a download or export."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return False
    path = parts.path
    return path != "/sign-out" and not path.endswith(SKIPPED_SUFFIXES) and "export" not in path


def links_in_main(page, origin):
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.href)")
    seen = []
    for href in hrefs:
        url = urldefrag(href).url
        if crawlable(url, origin) and url not in seen:
            seen.append(url)
    return seen


def check_page(page, response, url, code, direction):
    assert response is not None and response.status < 500, f"{url}: status {response and response.status}"
    html = page.locator("html")
    expect(html).to_have_attribute("lang", code)
    expect(html).to_have_attribute("dir", direction)
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, f"{url} is wider than the phone in {code}: " + page.evaluate(
        "`${document.documentElement.scrollWidth} > ${window.innerWidth}`"
    )
    assert_accessible(page)


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_linked_from_a_home_works_on_a_phone(phone, server_url, role, code):
    direction = LANGUAGES[code]
    page = phone("sv-SE")
    sign_in(page, ROLES[role])
    home = page.url
    own_language = page.locator("html").get_attribute("lang")
    try:
        with page.expect_navigation():
            page.locator(f".language-switcher button[value={code}]").click()
        response = page.goto(home)
        check_page(page, response, home, code, direction)
        links = [url for url in links_in_main(page, server_url) if url != home][:MAX_LINKS]
        for url in links:
            response = page.goto(url)
            check_page(page, response, url, code, direction)
    finally:
        # Demo people are shared with the other journeys: give this one back its own language.
        page.goto(home)
        page.locator(f".language-switcher button[value={own_language}]").click()
        expect(page.locator("html")).to_have_attribute("lang", own_language)
