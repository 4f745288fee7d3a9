"""The first weeks in the field (issue 15), on phones: the supervisor's backlog newest first
with confirmed weeks in reach for a correction; a coach books a meeting from the plan page
without a reload; a participant reports sick in Tigrinya without writing a reason; a form
keeps what was typed across a change of language; the feedback table scrolls in its box at 360 px.
People of the demo seed: Nils Åberg supervises Dawit (10000004, Tigrinya); Sara Lindqvist coaches."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from .conftest import PHONE, assert_accessible, sign_in

SUPERVISOR, PARTICIPANT, COACH = "nils.aberg@example.org", "10000004", "sara.lindqvist@example.org"


def test_the_supervisors_backlog_is_newest_first_and_corrections_are_in_reach(phone):
    page = phone("sv-SE")
    sign_in(page, SUPERVISOR)
    expect(page).to_have_url(re.compile(r"/home/supervisor$"))
    main = page.locator("main").inner_html()
    assert main.index('id="feedback-due"') < main.index('id="attendance-weeks"')  # feedback due on top
    numbers = [
        int(re.search(r"\d+", t).group(0)) for t in page.locator("#attendance-weeks article h3").all_inner_texts()
    ]
    assert 1 <= len(numbers) <= 3 and numbers == sorted(
        numbers, reverse=True
    )  # newest first (the suite's clock: November)
    assert_accessible(page)

    page.get_by_role("link", name="Bekräftade veckor, för att rätta en dag").click()
    expect(page.locator("h1")).to_have_text("Veckor att bekräfta")
    confirmed = page.locator("#attendance-confirmed li a")
    expect(confirmed.first).to_be_visible()
    assert_accessible(page)
    confirmed.first.click()
    week = page.locator("article.att-week.is-confirmed")
    expect(week).to_be_visible()
    day = week.locator("li.att-day").first
    day.locator("summary").click()
    day.locator("select[name=status]").select_option("absent")
    day.locator("textarea[name=reason]").fill("Rättat i efterhand")
    day.get_by_role("button", name="Spara rättelsen").click()
    expect(week.locator(".att-corrections").first).to_contain_text("Rättat i efterhand")
    assert_accessible(page)


def test_a_coach_books_a_meeting_from_the_plan_page_without_a_reload(phone):
    page = phone("sv-SE")
    sign_in(page, COACH)
    page.locator("#enrolment-caseload").get_by_role("link", name="ዳዊት ገብረመድህን").click()
    page.get_by_role("link", name="Plan och självskattningar").click()
    form = page.locator("#plans-appointment-form")
    form.locator("input[name=title]").fill("Trepartssamtal på arbetsplatsen")
    form.locator("input[name=day]").fill("2026-12-03")
    form.locator("input[name=starts]").fill("13:00")
    form.locator("input[name=ends]").fill("14:00")
    form.locator("input[name=place]").fill("Industrigatan 4, Hässleholm")
    page.evaluate("window.__notReloaded = true")
    form.get_by_role("button", name="Boka mötet").click()
    expect(page.locator("#messages")).to_contain_text("Mötet är bokat.")
    expect(page.locator("#plans-appointments .list")).to_contain_text("Trepartssamtal på arbetsplatsen")
    expect(page.locator("#plans-appointment-form input[name=title]")).to_have_value("")
    expect(page.locator("#plans-appointment-form")).not_to_have_class(re.compile("htmx-request"))
    assert page.evaluate("window.__notReloaded === true")
    assert_accessible(page)

    # The workplace asks for the afternoon: she moves it on a page of its own and comes back.
    page.get_by_role("link", name="Ändra mötet Trepartssamtal på arbetsplatsen").click()
    change = page.locator("#plans-appointment-change-form")
    expect(change.locator("input[name=starts]")).to_have_value("13:00")
    change.locator("input[name=starts]").fill("15:00")
    change.locator("input[name=ends]").fill("14:30")
    change.get_by_role("button", name="Spara mötet och meddela").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(change.locator("input[name=starts]")).to_have_value("15:00")  # what she typed stays
    change.locator("input[name=ends]").fill("16:00")
    change.get_by_role("button", name="Spara mötet och meddela").click()
    expect(page.locator("#messages")).to_contain_text("Mötet är ändrat.")
    expect(page.locator("#plans-appointments")).to_contain_text("15:00")
    assert_accessible(page)

    # Then it is called off: she cancels it (the phone asks first), without a reload.
    page.evaluate("window.__notReloaded = true")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ställ in mötet Trepartssamtal på arbetsplatsen").click()
    expect(page.locator("#messages")).to_contain_text("Mötet är inställt.")
    expect(page.locator("#plans-appointments")).not_to_contain_text("Trepartssamtal på arbetsplatsen")
    assert page.evaluate("window.__notReloaded === true")
    assert_accessible(page)


def test_a_participant_reports_sick_without_a_reason_in_tigrinya(phone):
    page = phone("ti-ER")
    sign_in(page, PARTICIPANT)
    page.goto("/attendance/mine")
    expect(page.locator("html")).to_have_attribute("lang", "ti")
    report = page.locator("#attendance-report")
    days = report.locator("select[name=day] option")
    day = days.nth(days.count() - 1).get_attribute("value")  # the last coming day offered
    report.locator("select[name=day]").select_option(day)
    report.get_by_label("ሕሙም እየ").check()
    expect(report.locator("textarea[name=reason]")).to_have_value("")
    report.get_by_role("button", name="ናብ ሓላፊይ ስደዱ").click()
    expect(page.locator("#messages")).to_contain_text("የቐንየልና። ሓላፊኹም መልእኽትኹም ይርኢ።")
    assert_accessible(page)

    supervisor = phone("sv-SE")
    sign_in(supervisor, SUPERVISOR)
    href = supervisor.locator("#attendance-weeks a[href*='/attendance/reports/']").first.get_attribute("href")
    placement_id = re.search(r"/attendance/reports/(\d+)/", href).group(1)
    reported = date.fromisoformat(day)
    supervisor.goto(f"/attendance/weeks/{placement_id}/{(reported - timedelta(days=reported.weekday())).isoformat()}")
    expect(supervisor.locator(f"li[id$='-{day}'] .att-proposal")).to_have_text("Frånvarande, anmält av deltagaren")


def test_changing_language_keeps_what_was_typed(phone):
    page = phone("sv-SE")
    sign_in(page, COACH)
    page.goto("/participants/new")
    page.locator("input[name=full_name]").fill("Hiwet Tesfay")
    page.locator("input[name=short_name]").fill("Hiwet")
    page.locator(".language-switcher button[lang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("input[name=full_name]")).to_have_value("Hiwet Tesfay")
    expect(page.locator("input[name=short_name]")).to_have_value("Hiwet")
    page.reload()  # once only: a later visit starts empty
    expect(page.locator("input[name=full_name]")).to_have_value("")
    page.locator(".language-switcher button[lang=sv]").click()


def test_the_feedback_table_scrolls_in_its_own_box_on_a_360_px_phone(browser, playwright, server_url):
    device = {**playwright.devices[PHONE], "viewport": {"width": 360, "height": 740}}
    context = browser.new_context(**device, locale="sv-SE", base_url=server_url)
    page = context.new_page()
    sign_in(page, COACH)
    page.locator("#feedback-people a", has_text="أمينة").click()
    expect(page.locator("#feedback-history")).to_be_visible()
    wide = page.evaluate("""[...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 360
                     && (!e.closest('.table-scroll') || e.matches('.table-scroll')))
        .map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)""")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide
    box = page.locator("#feedback-history .table-scroll")
    assert box.evaluate("el => el.getBoundingClientRect().right") <= 360
    context.close()
