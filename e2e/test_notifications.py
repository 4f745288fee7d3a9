"""Notifications on phones: a coach proposes a placement, and the participant sees the unread
count in the header, opens the notification (in her language), lands on the proposal, and
the count is gone. axe-core is clean on the way."""

import re
import uuid

from playwright.sync_api import expect

from .conftest import assert_accessible, fill_entry_data, sign_in

COACH = "sara.lindqvist@example.org"


def test_a_participant_sees_the_count_after_a_coach_proposes(phone):
    tag = uuid.uuid4().hex[:6]
    coach = phone("sv-SE")
    sign_in(coach, COACH)
    coach.locator(".language-switcher button[value=sv]").click()
    expect(coach.locator("html")).to_have_attribute("lang", "sv")
    coach.goto("/participants/new")
    name = f"Hanna Berhe {tag}"
    coach.locator("input[name=full_name]").fill(name)
    coach.locator("select[name=language]").select_option("ti")
    fill_entry_data(coach)
    coach.locator("#participants-form button[type=submit]").click()
    link = coach.locator("#participants-invitation a.link-text")
    expect(link).to_be_visible()
    invitation = link.inner_text()

    participant = phone("ti-ER")
    participant.goto(invitation)
    participant.locator("input[name=password]").fill("ሓደ ነዊሕ ቃል ምስጢር 2026")
    participant.locator("input[name=confirm]").fill("ሓደ ነዊሕ ቃል ምስጢር 2026")
    participant.locator("main button[type=submit]").click()
    expect(participant).to_have_url(re.compile(r"/home/participant$"))
    bell = participant.locator("a.notifications-link")
    expect(bell).to_have_attribute("aria-label", "መፍለጢታት፦ 0 ዘይተነበ")
    expect(bell.locator(".count")).to_have_count(0)

    # The coach proposes her for the first open opening.
    coach.goto("/openings/")
    coach.locator("#placements-results a[href^='/openings/']").first.click()
    title = coach.locator("h1").inner_text()
    coach.locator("select[name=participant]").select_option(label=name)
    coach.locator("#placements-propose button[type=submit]").click()
    expect(coach.locator("#placements-propose")).to_contain_text("Väntar på deltagarens svar")

    # Her phone shows one unread notification, said in Tigrinya.
    participant.reload()
    expect(bell.locator(".count")).to_have_text("1")
    expect(bell).to_have_attribute("aria-label", "መፍለጢታት፦ 1 ዘይተነበ")
    box = bell.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert_accessible(participant)
    bell.click()
    item = participant.locator("#notifications-list li.notification.unread")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"ኣሰልጣኒኹም ምደባ ይእምተልኩም፦ {title}")
    assert_accessible(participant)
    item.locator("a").click()
    expect(participant).to_have_url(re.compile(r"/placements/mine$"))
    expect(participant.locator("li.proposal", has_text=title)).to_have_count(1)
    expect(bell.locator(".count")).to_have_count(0)
