"""Attendance on phones: the supervisor (Swedish) confirms a normal week in one tap and marks a
sick day in the next, then corrects a confirmed day with a reason; the participant (Tigrinya)
sees it; the coach sees the absence; the monthly report's totals add up; axe-core is clean.
People of our own demo seed: Nils Åberg supervises Dawit (10000004) at Nordost Bygg."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from webapp.timeutil import local_today

from .conftest import assert_accessible, sign_in

SUPERVISOR, PARTICIPANT, COACH = "nils.aberg@example.org", "10000004", "sara.lindqvist@example.org"


def _number(text: str) -> float:
    return float(re.search(r"\d+(?:[.,]\d+)?", text).group(0).replace(",", "."))


def test_a_week_from_the_floor_to_the_report(phone):
    today = local_today()
    this_monday = today - timedelta(days=today.weekday())
    last_monday = this_monday - timedelta(weeks=1)

    supervisor = phone("sv-SE")
    sign_in(supervisor, SUPERVISOR)
    expect(supervisor).to_have_url(re.compile(r"/home/supervisor$"))
    last_week = supervisor.locator(f"article.att-week[id$='-{last_monday.isoformat()}']")
    this_week = supervisor.locator(f"article.att-week[id$='-{this_monday.isoformat()}']")
    expect(last_week.locator("h3")).to_contain_text(f"Vecka {last_monday.isocalendar().week}")
    expect(last_week.locator("h3")).to_contain_text("Dawit")
    expect(last_week).to_contain_text("måndag")
    assert_accessible(supervisor)

    # One tap confirms the normal week.
    last_week.get_by_role("button", name="Bekräfta som schemalagt").click()
    expect(last_week.locator(".att-confirmed")).to_contain_text("Bekräftad av Nils Åberg")

    # In the next week, one tap marks Monday as sick.
    monday = this_week.locator(f"li[id$='-{this_monday.isoformat()}']")
    monday.get_by_role("button", name="Sjuk", exact=True).click()
    expect(monday.locator(".att-status")).to_have_text("Sjuk")
    expect(this_week.get_by_role("button", name="Bekräfta dagarna hittills")).to_be_visible()
    assert_accessible(supervisor)

    # A confirmed day is corrected only with a reason; the old value stays in view.
    first_day = last_week.locator("li.att-day").first
    first_day.locator("summary").click()
    first_day.locator("select[name=status]").select_option("sick")
    first_day.get_by_role("button", name="Spara rättelsen").click()
    expect(last_week.locator(".error")).to_contain_text("Skriv varför")
    first_day = last_week.locator("li.att-day").first
    first_day.locator("textarea[name=reason]").fill("Sjukanmälan kom i efterhand")
    first_day.get_by_role("button", name="Spara rättelsen").click()
    expect(last_week.locator(".att-corrections")).to_contain_text("Ändrad från Närvarande")
    expect(last_week.locator(".att-corrections")).to_contain_text("Sjukanmälan kom i efterhand")
    assert_accessible(supervisor)

    # The participant, in Tigrinya, sees the sick day and the confirmed week.
    participant = phone("ti-ER")
    sign_in(participant, PARTICIPANT)
    participant.goto("/attendance/mine")
    expect(participant.locator("html")).to_have_attribute("lang", "ti")
    expect(participant.locator("#attendance-mine")).to_contain_text(f"ሰሙን {this_monday.isocalendar().week}")
    expect(participant.locator("#attendance-mine .att-sick").first).to_have_text("ሕሙም")
    expect(participant.locator("#attendance-mine .att-confirmed").first).to_be_visible()
    assert_accessible(participant)

    # The coach sees the absence in the participant's calendar.
    coach = phone("sv-SE")
    sign_in(coach, COACH)
    coach.locator("#enrolment-caseload").get_by_role("link", name="ዳዊት ገብረመድህን").click()
    coach.get_by_role("link", name="Närvaro").click()
    expect(coach.locator("h1")).to_contain_text("ዳዊት ገብረመድህን")
    coach.goto(coach.url.split("?")[0] + f"?month={this_monday:%Y-%m}")
    sick_day = coach.locator(f"li.is-absence[id$='-{this_monday.isoformat()}']")
    expect(sick_day).to_contain_text("Sjuk")
    assert_accessible(coach)

    # The monthly report: the total is the sum of the confirmed days, to the hour.
    coach.goto(coach.url.split("?")[0] + f"?month={last_monday:%Y-%m}")
    coach.get_by_role("link", name="Månadsrapport").click()
    expect(coach.locator("h1")).to_contain_text("Närvarorapport")
    rows = coach.locator("table.att-report-days tbody tr")
    confirmed_hours = sum(
        _number(rows.nth(n).locator("td").nth(2).inner_text())
        for n in range(rows.count())
        if "Inte bekräftad" not in rows.nth(n).inner_text()
    )
    assert _number(coach.locator(".att-report-total").inner_text()) == confirmed_hours
    expect(coach.locator(".att-signatures")).to_contain_text("Deltagarens underskrift")
    assert_accessible(coach)


def test_the_arabic_coach_reads_the_calendar_and_report_right_to_left(phone):
    coach = phone("ar")
    sign_in(coach, "yusuf.haddad@example.org")
    coach.locator("#enrolment-caseload").get_by_role("link", name="ዳዊት ገብረመድህን").click()
    coach.locator("main a[href$='/attendance']").click()
    expect(coach.locator("html")).to_have_attribute("dir", "rtl")
    expect(coach.locator("#attendance-calendar")).to_contain_text("ساع")
    assert_accessible(coach)
    coach.locator("#attendance-calendar a[href*='/attendance/reports/']").first.click()
    expect(coach.locator("h1")).to_contain_text("تقرير الحضور")
    assert_accessible(coach)
