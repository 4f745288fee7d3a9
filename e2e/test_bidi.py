"""Mixed direction on a phone, in Arabic and Tigrinya: what people and data wrote (Swedish
names, step titles, organisations, dates) sits isolated inside the translated sentence, so
the browser cannot run it together with the words around it. Checked by the DOM (which
elements hold what, in which order, with which direction), not by eye."""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in

COACH = "yusuf.haddad@example.org"  # Arabic
AMINA = "10000001"  # Arabic, has feedback from Kvarnen Återbruk
SEMHAR = "10000003"  # Tigrinya, has a plan with a history

# The children of an element in document order, as (tag, dir, text).
CHILDREN = """el => Array.from(el.children).map(
    c => [c.tagName.toLowerCase(), c.getAttribute("dir") || "", c.textContent.trim()])"""


def _check_caseload(page):
    """The next step's title and its date are two <bdi> in that order, and the signed change
    of a self-rating reads left to right ("+0.8", never "0.8+")."""
    rows = page.locator("#enrolment-caseload .caseload-row")
    expect(rows.first).to_be_visible()
    expect(rows.first.locator("a.caseload-name bdi")).to_have_count(1)
    next_step = page.locator("[data-fact=next_step] dd").first
    expect(next_step).to_be_visible()
    parts = next_step.evaluate(CHILDREN)
    assert [tag for tag, _, _ in parts] == ["bdi", "bdi"], parts
    title, date = parts[0][2], parts[1][2]
    assert re.search(r"[A-Za-zåäöÅÄÖ]", title) and re.search(r"\d", date), parts
    # The sentence around them is the reader's language, not a hand-written " · ".
    assert "·" not in next_step.inner_text()
    ratings = page.locator("[data-fact=rating] dd")
    for n in range(ratings.count()):
        for tag, direction, text in ratings.nth(n).evaluate(CHILDREN):
            assert tag == "bdi" and direction == "ltr", (tag, direction, text)
            assert re.fullmatch(r"[+-]?\d+[.,٫]\d", text), text


def test_the_caseload_in_arabic_and_tigrinya_isolates_titles_dates_and_signs(phone):
    page = phone("ar")
    sign_in(page, COACH)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    _check_caseload(page)
    assert_accessible(page)
    try:
        page.locator(".language-switcher button[value=ti]").click()
        expect(page.locator("html")).to_have_attribute("lang", "ti")
        _check_caseload(page)
    finally:  # Yusuf reads Arabic in the other journeys
        page.locator(".language-switcher button[value=ar]").click()
        expect(page.locator("html")).to_have_attribute("lang", "ar")


def test_the_plan_history_in_tigrinya_is_one_sentence_with_isolated_values(phone):
    page = phone("ti-ER")
    sign_in(page, SEMHAR)
    page.goto("/plan")
    expect(page.locator("html")).to_have_attribute("lang", "ti")
    line = page.locator("#plans-history > ol > li").first
    expect(line).to_be_visible()
    # When, who and which step: a <time> and two <bdi>, in the order the Tigrinya sentence puts them.
    parts = [tag for tag, _, _ in line.evaluate(CHILDREN) if tag != "ul"]
    assert parts == ["time", "bdi", "bdi"], parts
    assert line.locator("time").evaluate("el => getComputedStyle(el).unicodeBidi") == "isolate"
    # No arrow to read backwards: a change is worded, its old and new values isolated.
    assert "→" not in page.locator("#plans-history").inner_text()
    for change in page.locator("#plans-history ul.changes li").all():
        assert [tag for tag, _, _ in change.evaluate(CHILDREN)] == ["bdi", "bdi"]
    # A step's facts: each its own isolated box, the separator drawn by the style sheet.
    facts = page.locator("article.step .step-facts").first
    assert "·" not in facts.evaluate("el => el.textContent")
    assert facts.locator(":scope > *").first.evaluate("el => getComputedStyle(el).unicodeBidi") == "isolate"
    assert_accessible(page)


def test_the_feedback_page_in_arabic_isolates_the_workplace_and_keeps_levels_apart(phone):
    page = phone("ar")
    sign_in(page, AMINA)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.goto("/feedback/mine")
    link = page.locator("main .list a").first
    # Workplace and date are separate <bdi>, in the order of the Arabic sentence.
    parts = link.evaluate(CHILDREN)
    assert [tag for tag, _, _ in parts] == ["bdi", "bdi"], parts
    assert parts[0][2].startswith("Kvarnen Återbruk")
    link.click()
    read = page.locator(".feedback-read").first
    heading = read.locator("h2")
    expect(heading.locator("bdi")).to_have_text(re.compile(r"^Kvarnen Återbruk"))
    assert not heading.inner_text().startswith("Kvarnen"), "the Arabic sentence leads, the name sits inside it"
    # Each level stands apart from its label: isolated, and with space between them.
    row_label, level = read.locator(".feedback-levels dt").first, read.locator(".feedback-levels dd").first
    assert level.locator(".level-badge").evaluate("el => getComputedStyle(el).unicodeBidi") == "isolate"
    label_box, level_box = row_label.bounding_box(), level.bounding_box()
    same_line = abs(label_box["y"] - level_box["y"]) < 4
    if same_line:  # right to left: the label on the right, the level on its left, a gap between
        assert level_box["x"] + level_box["width"] < label_box["x"], (label_box, level_box)
    else:
        assert level_box["y"] >= label_box["y"] + label_box["height"] - 1
    assert_accessible(page)


def test_the_sign_in_field_reads_an_email_left_to_right_in_arabic_and_tigrinya(phone):
    for locale in ("ar", "ti-ER"):
        page = phone(locale)
        page.goto("/sign-in")
        field = page.locator("input[name=sign_in_name]")
        expect(field).to_have_attribute("dir", "ltr")
        expect(page.locator("input[name=password]")).to_have_attribute("dir", "ltr")
        field.fill("sara.lindqvist@example.org")
        assert field.evaluate("el => getComputedStyle(el).textAlign") == "left"
        assert field.evaluate("el => getComputedStyle(el).direction") == "ltr"
