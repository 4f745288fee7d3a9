"""The catalogue on a phone: a coach in Hässleholm finds an activity in Kristianstad given in
Tigrinya, refers a new participant of her own, the provider in Kristianstad accepts, and the
participant sees it in their week. axe-core is clean on every page; the HSDS export validates."""

import re

from playwright.sync_api import expect

from tests.catalogue.test_hsds import page_schema, validate

from .conftest import assert_accessible, fill_entry_data, sign_in

COACH = "sara.lindqvist@example.org"
PROVIDER = "selam.berhane@example.org"
ACTIVITY = "Samhällsorientering på tigrinja"


def test_a_coach_refers_across_municipalities_and_the_participant_sees_it_in_their_week(phone):
    # The coach adds a participant of her own, so the journey needs no one else's state.
    coach = phone("sv-SE")
    sign_in(coach, COACH)
    coach.goto("/participants/new")
    coach.locator("input[name=full_name]").fill("ሩታ ሃብተ")
    coach.locator("input[name=short_name]").fill("Ruta")
    coach.locator("select[name=language]").select_option("ti")
    fill_entry_data(coach)
    coach.locator("#participants-form button[type=submit]").click()
    invitation = coach.locator("#participants-invitation a.link-text")
    expect(invitation).to_be_visible()
    link = invitation.inner_text()

    # Find: live filtering, and the address follows so the search can be shared.
    coach.goto("/home/coach")
    coach.locator("#catalogue-home a[href='/activities/']").click()
    expect(coach.locator("h1")).to_have_text("Aktiviteter i regionen")
    assert_accessible(coach)
    coach.locator(".more-filters summary").click()
    coach.locator("select[name=municipality]").select_option(label="Kristianstad")
    expect(coach).to_have_url(re.compile(r"municipality=\d+"))
    coach.locator("select[name=language]").select_option("ti")
    expect(coach).to_have_url(re.compile(r"language=ti"))
    results = coach.locator("#catalogue-results")
    expect(results.locator("article")).to_have_count(1)
    expect(results).to_contain_text(ACTIVITY)
    expect(results).to_contain_text("tigrinja")
    assert_accessible(coach)

    # Refer.
    results.get_by_role("link", name=ACTIVITY).click()
    expect(coach.locator("h1")).to_have_text(ACTIVITY)
    expect(coach.locator("h1")).to_have_attribute("lang", "sv")
    assert_accessible(coach)
    coach.locator("select[name=participant]").select_option(label="ሩታ ሃብተ")
    coach.locator("textarea[name=note]").fill("Vill gärna börja på tisdagar.")
    coach.locator("input[name=contact_agreed]").check()
    coach.locator("input[name=contact]").fill("070-123 45 67")
    coach.locator("#catalogue-refer button[type=submit]").click()
    expect(coach.locator("#catalogue-refer .message.success")).to_contain_text("Ruta")
    assert_accessible(coach)
    coach.locator("#catalogue-refer .message.success a").click()
    expect(coach.locator("article.referral")).to_contain_text("Väntar på svar")
    assert_accessible(coach)

    # The provider in Kristianstad accepts; it sees the called name, not the full name.
    provider = phone("sv-SE")
    sign_in(provider, PROVIDER)
    provider.goto("/activities/referrals")
    card = provider.locator("article.referral", has_text="Ruta")
    expect(card).to_contain_text("Vill gärna börja på tisdagar.")
    expect(card).to_contain_text("070-123 45 67")
    expect(card).not_to_contain_text("ሩታ ሃብተ")
    assert_accessible(provider)
    card.locator("button[value=accept]").click()
    expect(card.locator("button[value=accept]")).to_have_count(0)
    expect(card.locator("input[type=radio]").first).to_be_visible()  # now: how did it end?
    assert_accessible(provider)

    # The participant accepts the invitation and sees the activity in this week.
    participant = phone("ti-ER")
    participant.goto(link)
    participant.locator("input[name=password]").fill("ሰላም my new password")
    participant.locator("input[name=confirm]").fill("ሰላም my new password")
    participant.locator("main button[type=submit]").click()
    expect(participant).to_have_url(re.compile(r"/home/participant$"))
    expect(participant.locator("#catalogue-home")).to_contain_text(ACTIVITY)
    assert_accessible(participant)
    participant.locator("#catalogue-home a[href='/activities/mine']").click()
    week = participant.locator("#catalogue-mine .week").first  # this week (the next follows)
    expect(week).to_contain_text(ACTIVITY)
    expect(participant.locator("#catalogue-mine h2").first).to_contain_text("ሰሙን")
    assert_accessible(participant)


def test_the_public_page_and_the_hsds_export(phone):
    page = phone("ar")
    page.goto("/activities/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#catalogue-results")).to_contain_text("Hälsa i rörelse")
    expect(page.locator("#catalogue-results")).not_to_contain_text("Jobbsökargruppen")  # staff only
    assert_accessible(page)
    feed = page.locator('link[rel=alternate][type="application/json"]').get_attribute("href")
    data = page.request.get(feed).json()
    assert data["contents"] and validate(data, page_schema()) == []
    assert page.request.get("/activities/export.json").json() == data, "the old address still leads there"


def test_a_provider_publishes_and_bad_input_is_said_in_place(phone):
    page = phone("sv-SE")
    sign_in(page, PROVIDER)
    page.goto("/activities/published")
    assert_accessible(page)
    page.locator("main a[href='/activities/new']").click()
    page.locator("input[name=title]").fill("ጉጅለ ምድላይ ስራሕ")
    page.locator("select[name=written_in]").select_option("ti")
    page.locator("select[name=category]").select_option("job_search_group")
    page.locator("input[name=continuous_intake]").check()
    page.locator("input[name=weekdays][value='0']").check()
    page.locator("input[name=starts_at]").fill("13:00")
    page.locator("input[name=ends_at]").fill("15:00")
    page.locator("input[name=languages][value=ti]").check()
    page.locator("input[name=place]").fill("Västra Storgatan 12, Kristianstad")
    page.locator("input[name=places_free]").fill("-1")
    page.locator("input[name=contact]").fill("Selam, 010-123 45 67")
    page.locator("#catalogue-form button[type=submit]").click()
    expect(page.locator("#catalogue-form .error").first).to_contain_text("0 ወይ ካብኡ ዝበዝሕ")  # Selam reads Tigrinya
    expect(page.locator("input[name=title]")).to_have_value("ጉጅለ ምድላይ ስራሕ")  # nothing typed is lost
    assert_accessible(page)
    page.locator("input[name=places_free]").fill("3")
    page.locator("#catalogue-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("ጉጅለ ምድላይ ስራሕ")
    expect(page.locator("h1")).to_have_attribute("lang", "ti")
    assert_accessible(page)
