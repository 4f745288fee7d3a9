"""Enrolment on a phone: a coach enrols a participant with the entry data and moves them on;
the participant sees where they stand on the way; the caseload filters live; axe is clean."""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible, htmx_settled, sign_in

SARA, YUSUF = "sara.lindqvist@example.org", "yusuf.haddad@example.org"


def fill_enrolment(page, name, language):
    page.locator("input[name=full_name]").fill(name)
    page.locator("select[name=language]").select_option(language)
    page.locator("select[name=gender]").select_option("woman")
    page.locator("input[name=birth_year]").fill("1993")
    page.locator("select[name=education]").select_option("isced_0_2")
    page.locator("select[name=labour_status]").select_option("unemployed_long")
    page.locator("input[name=newly_arrived]").check()
    page.locator("input[name=consent]").check()


def test_coach_enrols_moves_on_and_the_participant_sees_the_way(phone):
    coach = phone("sv-SE")  # Sara reads Swedish (her account says so)
    sign_in(coach, SARA)
    coach.goto("/participants/new")
    assert_accessible(coach)
    # A mistake first: said in place, nothing typed is lost.
    fill_enrolment(coach, "ሉላ ሃብተ", "ti")
    coach.locator("input[name=birth_year]").fill("20255")
    coach.locator("#participants-form button[type=submit]").click()
    expect(coach.locator("#birth_year-error")).to_be_visible()
    expect(coach.locator("input[name=full_name]")).to_have_value("ሉላ ሃብተ")
    assert_accessible(coach)
    coach.locator("input[name=birth_year]").fill("1993")
    coach.locator("#participants-form button[type=submit]").click()

    link = coach.locator("#participants-invitation a.link-text")
    expect(link).to_be_visible()
    expect(coach.locator("#enrolment-phase [aria-current=step]")).to_contain_text("1")
    assert_accessible(coach)
    invitation = link.inner_text()

    coach.locator("#enrolment-phase select[name=phase]").select_option("mapping")
    coach.locator("#enrolment-phase button[type=submit]").click()
    expect(coach.locator("#enrolment-phase [aria-current=step]")).to_contain_text("Kartläggning")
    expect(coach.locator("#messages")).to_contain_text("fas 2")
    assert_accessible(coach)
    coach.locator("a[href$='/edit']").click()
    expect(coach.locator("#enrolment-edit input[name=birth_year]")).to_have_value("1993")
    assert_accessible(coach)

    participant = phone("ti-ER")
    participant.goto(invitation)
    participant.locator("input[name=password]").fill("ሰላም my new password")
    participant.locator("input[name=confirm]").fill("ሰላም my new password")
    participant.locator("main button[type=submit]").click()
    expect(participant).to_have_url(re.compile(r"/home/participant$"))
    way = participant.locator("#enrolment-way")
    expect(way.locator("li")).to_have_count(7)
    expect(way.locator("[aria-current=step]")).to_contain_text("ምርዳእ ኩነታትኩም")
    expect(way.locator("li.done")).to_have_count(1)
    assert_accessible(participant)


def test_the_caseload_filters_live_and_keeps_the_url(phone):
    coach = phone("ar")
    sign_in(coach, YUSUF)
    expect(coach).to_have_url(re.compile(r"/home/coach$"))
    expect(coach.locator("html")).to_have_attribute("dir", "rtl")
    rows = coach.locator("#enrolment-caseload .caseload-row")
    expect(rows.first).to_be_visible()
    assert_accessible(coach)
    # Semhar is Sara's participant, shared with Yusuf; Amina is Sara's and not shared.
    expect(coach.locator("#enrolment-caseload")).to_contain_text("ሰምሃር")
    expect(coach.locator("#enrolment-caseload")).not_to_contain_text("أمينة")

    coach.locator("#enrolment-caseload summary").click()  # the filters fold away on a phone
    with htmx_settled(coach):
        coach.locator("select[name=language]").select_option("ti")
    expect(coach).to_have_url(re.compile(r"language=ti"))
    expect(rows).to_have_count(2)
    coach.locator("input[name=q]").fill("ሰምሃር")
    expect(rows).to_have_count(1)
    expect(coach).to_have_url(re.compile(r"q=%E1"))
    assert_accessible(coach)

    shared = coach.url
    again = phone("ar")
    sign_in(again, YUSUF)
    again.goto(shared)
    expect(again.locator("#enrolment-caseload .caseload-row")).to_have_count(1)
    expect(again.locator("input[name=q]")).to_have_value("ሰምሃር")
