"""Access beyond axe, in Arabic and Tigrinya: focus after an htmx error lands on the message
and the live region says it; a failed sign-in starts with an error summary; a 360 px phone at
200% zoom (180 CSS px wide) never scrolls sideways; every link and button is a 44 x 44 target;
the Ge'ez and Arabic fonts come from our static folder; dates read as each community writes them."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, htmx_settled, sign_in

SEMHAR = "10000003"  # a participant reading Tigrinya
AMINA = "10000001"  # a participant reading Arabic
YUSUF = "yusuf.haddad@example.org"  # a coach reading Arabic
SARA = "sara.lindqvist@example.org"  # a coach reading Swedish

# A 360 px phone at 200% zoom lays pages out 180 CSS px wide (what the browser's zoom does).
ZOOMED_PHONE = {
    "viewport": {"width": 180, "height": 400},
    "device_scale_factor": 4,
    "is_mobile": True,
    "has_touch": True,
}

# Every visible link, button and disclosure, with its size; a link is exempt (WCAG 2.5.8,
# "inline") when it sits inside a sentence: its parent has words of its own around it.
TARGETS = """() => {
  const found = [];
  for (const el of document.querySelectorAll("a[href], button, summary, input[type=submit]")) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden") continue;
    if (el.closest(".visually-hidden, .skip-link")) continue;
    const own = Array.from(el.parentElement.childNodes)
      .filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join("").trim();
    const inSentence = el.tagName === "A" && own.length > 1;
    found.push({text: el.textContent.trim().slice(0, 40), width: box.width, height: box.height, inSentence});
  }
  return found;
}"""


@pytest.fixture
def zoomed(browser, server_url):
    """zoomed(locale): a fresh 360 px phone at 200% zoom."""
    contexts = []

    def new_zoomed(locale):
        context = browser.new_context(**ZOOMED_PHONE, locale=locale, base_url=server_url)
        contexts.append(context)
        return context.new_page()

    yield new_zoomed
    for context in contexts:
        context.close()


def assert_no_sideways_scroll(page):
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, "
        "Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > "
        "document.documentElement.clientWidth + 1 || e.getBoundingClientRect().left < -1)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 5)]"
    )
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"


def assert_targets_are_44_px(page):
    small = [t for t in page.evaluate(TARGETS) if not t["inSentence"] and (t["width"] < 44 or t["height"] < 44)]
    assert small == [], f"{page.url}: targets under 44 x 44 px: {small}"


def assert_44_px(link):
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box


def check_page(page):
    assert_no_sideways_scroll(page)
    assert_targets_are_44_px(page)


@pytest.mark.parametrize(("locale", "name"), [("ti-ER", SEMHAR), ("ar", AMINA)])
def test_pages_at_200_percent_zoom_neither_scroll_sideways_nor_shrink_targets(zoomed, locale, name):
    page = zoomed(locale)
    page.goto("/sign-in")
    check_page(page)
    # The skip link, shown when focused, is a 44 px target too.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box
    sign_in(page, name)
    expect(page).to_have_url(re.compile(r"/home/participant$"))
    check_page(page)
    # The short links the issue measured at 30-42 px ("ካርታ", map), even where WCAG would
    # exempt them as inline: a thumb still has to hit them.
    assert_44_px(page.locator("#plans-this-week a[href^='https://www.openstreetmap.org/']").first)
    page.goto("/plan")
    check_page(page)
    assert_44_px(page.locator("main p.no-print a").first)  # "My page" ("ገጸይ")


@pytest.mark.parametrize(("locale", "name"), [("ar", YUSUF), ("sv-SE", SARA)])
def test_the_caseload_at_200_percent_zoom(zoomed, locale, name):
    page = zoomed(locale)
    sign_in(page, name)
    expect(page).to_have_url(re.compile(r"/home/coach$"))
    expect(page.locator("#enrolment-caseload .caseload-row").first).to_be_visible()
    check_page(page)


@pytest.mark.parametrize(
    ("locale", "name", "message"), [("ti-ER", SEMHAR, "ካብ 1 ክሳብ 10 ቁጽሪ ምረጹ።"), ("ar", AMINA, None)]
)
def test_focus_after_an_htmx_error_lands_on_the_message_and_is_announced(phone, locale, name, message):
    page = phone(locale)
    sign_in(page, name)
    page.goto("/rating/")
    page.locator("input[name=work][value='6']").check()
    with htmx_settled(page):
        page.locator("#ratings-form button[type=submit]").click()
    error = page.locator("#ratings-form .error").first
    if message:
        expect(error).to_have_text(message)
    expect(error).to_be_focused()
    expect(page.locator("#announcer")).to_have_text(error.text_content().strip())
    # The choice made is kept; focus did not fall to the body.
    expect(page.locator("input[name=work][value='6']")).to_be_checked()
    assert page.evaluate("() => document.activeElement !== document.body")


@pytest.mark.parametrize(("locale", "title"), [("ar", "يرجى تصحيح ما يلي:"), ("ti-ER", "በጃኹም ነዚ ዝስዕብ ኣስተኻኽሉ፦")])
def test_a_failed_sign_in_starts_with_an_error_summary_linked_to_its_fields(phone, locale, title):
    page = phone(locale)
    page.goto("/sign-in")
    page.locator("main button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(title)
    summary.locator("a[href='#password']").click()
    expect(page.locator("#password")).to_be_focused()
    # A wrong password: the summary says so, and it is what the reader hears first.
    page.locator("#sign_in_name").fill("nobody@example.org")
    page.locator("#password").fill("not the password")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".error-summary li")).to_have_count(1)


@pytest.mark.parametrize(
    ("locale", "name", "family", "file"),
    [
        ("ti-ER", SEMHAR, "Noto Sans Ethiopic", "NotoSansEthiopic-Regular"),
        ("ar", AMINA, "Noto Sans Arabic", "NotoSansArabic-Regular"),
    ],
)
def test_the_scripts_font_comes_from_our_static_folder(phone, locale, name, family, file):
    page = phone(locale)
    sign_in(page, name)
    page.evaluate("() => document.fonts.ready")
    loaded = page.evaluate(
        """family => Array.from(document.fonts).filter(f => f.family.replace(/"/g, "") === family)
                     .map(f => [f.status, f.display])""",
        family,
    )
    assert ["loaded", "swap"] in loaded, loaded
    fetched = page.evaluate("() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)")
    assert f"/static/fonts/{file}.subset.woff2" in fetched
    # Ge'ez and Arabic body text is at least 16 px.
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert size >= 16


def test_a_page_in_another_language_fetches_only_the_switchers_small_cuts(phone):
    """The switcher names Arabic and Tigrinya in their own script on every page: a Swedish page
    fetches the few KB that draw those two words, not both whole fonts (some 120 KB)."""
    page = phone("sv-SE")
    page.goto("/sign-in")
    page.evaluate("() => document.fonts.ready")
    fetched = page.evaluate("() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)")
    assert sorted(path for path in fetched if path.startswith("/static/fonts/")) == [
        "/static/fonts/NotoSansArabic-Regular.names.woff2",
        "/static/fonts/NotoSansEthiopic-Regular.names.woff2",
    ]
    loaded = page.evaluate("() => Array.from(document.fonts).filter(f => f.status === 'loaded').map(f => f.family)")
    assert {family.strip('"') for family in loaded} == {"Noto Sans Arabic names", "Noto Sans Ethiopic names"}


@pytest.mark.skipif(
    not subprocess.run(["fc-list", ":family=Noto Sans Ethiopic"], capture_output=True, text=True).stdout,
    reason="fonts-noto-core is not installed (make browser installs it)",
)
def test_a_phone_with_its_own_noto_fonts_downloads_none(browser_type, browser_type_launch_args, playwright, server_url):
    """Android phones carry Noto Sans Arabic and Ethiopic: app.css asks for them by local()
    before our files, so a Tigrinya page there downloads no font (130 KB on slow 4G)."""
    browser = browser_type.launch(**{key: value for key, value in browser_type_launch_args.items() if key != "env"})
    try:
        page = browser.new_context(**playwright.devices[PHONE], locale="ti-ER", base_url=server_url).new_page()
        page.goto("/sign-in")
        page.evaluate("() => document.fonts.ready")
        fetched = page.evaluate("() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)")
        assert not [path for path in fetched if path.startswith("/static/fonts/")]
        loaded = page.evaluate("() => Array.from(document.fonts).filter(f => f.status === 'loaded').map(f => f.family)")
        assert '"Noto Sans Ethiopic"' in loaded or "Noto Sans Ethiopic" in loaded, loaded
    finally:
        browser.close()


def test_dates_read_as_each_community_writes_them(phone):
    page = phone("ti-ER")
    sign_in(page, SEMHAR)
    page.goto("/plan")
    # Day first, the month written out: "23 ጥቅምቲ", never "ጥቅምቲ 23," or an abbreviation.
    text = page.locator("main").inner_text()
    assert re.search(r"\d{1,2} (ጥሪ|ለካቲት|መጋቢት|ሚያዝያ|ግንቦት|ሰነ|ሓምለ|ነሓሰ|መስከረም|ጥቅምቲ|ሕዳር|ታሕሳስ)", text), text
    assert not re.search(r"(ጥቅ|ሕዳ|ታሕ) \d", text)
    page = phone("ar")
    sign_in(page, AMINA)
    page.goto("/plan")
    text = page.locator("main").inner_text()
    assert re.search(r"(كانون|تشرين|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول)[^()]* \([^)]+\)", text), text
    assert not re.search(r"[\u0660-\u0669]", text)
