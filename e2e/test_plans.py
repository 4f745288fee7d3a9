"""The action plan and self-rating on a phone: a participant in Tigrinya ticks off a step and
rates themselves, a participant in Arabic adds their own goal, a reflection survives a lost
connection, and the coach sees the plan. axe-core is clean on every page visited."""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible, fill_entry_data, sign_in


def test_a_participant_in_tigrinya_ticks_off_a_step_and_rates_themselves(phone):
    page = phone("ti-ER")
    sign_in(page, "10000003")
    expect(page).to_have_url(re.compile(r"/home/participant$"))
    expect(page.locator("html")).to_have_attribute("lang", "ti")
    week = page.locator("#plans-this-week")
    expect(week.locator(".week-number").first).to_contain_text(re.compile(r"ሰሙን \d+"))
    expect(week).to_contain_text("Möte med jobbcoach")
    expect(week.locator("a[href^='https://www.openstreetmap.org/search?query=']").first).to_be_visible()
    assert_accessible(page)

    page.locator("#plans-this-week a.button").click()
    expect(page).to_have_url(re.compile(r"/plan$"))
    assert_accessible(page)
    step = page.locator("article.step", has_text="Skriva ett CV tillsammans med coachen")
    step.locator("button.big-tap").click()
    expect(step).to_have_class(re.compile(r"is-done"))
    expect(step.locator(".message.success")).to_contain_text("ጽቡቕ ጌርኩም!")
    assert_accessible(page)
    page.reload()
    expect(page.locator("article.step.is-done", has_text="Skriva ett CV tillsammans med coachen")).to_be_visible()
    expect(page.locator("#plans-history")).to_contain_text("ስጉምቲ ከም ዝተወድአ ምልክት ገበረ")

    # Her last self-rating is over four weeks old: the home page invites her.
    page.goto("/home/participant")
    page.locator("#ratings-home a.button").click()
    expect(page).to_have_url(re.compile(r"/rating/$"))
    assert_accessible(page)
    # An answer missing: the message is in Tigrinya, in place, and the others are kept.
    for name, value in (("work", "6"), ("health", "7"), ("confidence", "5")):
        page.locator(f"input[name={name}][value='{value}']").check()
    page.locator("#ratings-form button[type=submit]").click()
    expect(page.locator("#ratings-form .error")).to_have_text("ካብ 1 ክሳብ 10 ቁጽሪ ምረጹ።")
    expect(page.locator("input[name=health][value='7']")).to_be_checked()
    assert_accessible(page)
    page.locator("input[name=swedish][value='4']").check()
    page.locator("#ratings-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/home/participant$"))
    expect(page.locator("#messages")).to_contain_text("የቐንየልና።")
    expect(page.locator("#ratings-trend figcaption").first).to_contain_text(re.compile(r"2\D+3\D+6"))
    expect(page.locator("#ratings-trend svg").first).to_be_visible()
    assert_accessible(page)


def test_a_participant_in_arabic_adds_their_own_goal(phone):
    page = phone("ar")
    sign_in(page, "10000001")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
    page.goto("/plan")
    assert_accessible(page)
    page.locator("#plans-plan a.button", has_text="أضف هدفًا").click()
    expect(page.locator("h1")).to_have_text("أضف هدفًا")
    assert_accessible(page)
    page.locator("#plans-goal-new button[type=submit]").click()
    expect(page.locator("#plans-goal-new .error")).to_be_visible()
    assert_accessible(page)
    page.locator("input[name=title]").fill("أريد أن أعمل في مطبخ مطعم")
    page.locator("#plans-goal-new button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/plan#plans-goal-\d+$"))
    goal = page.locator("section.goal", has_text="أريد أن أعمل في مطبخ مطعم")
    expect(goal).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("تمت إضافة الهدف.")
    assert_accessible(page)
    # Her own goal is hers to change, inline.
    goal_id = goal.get_attribute("id")  # read before the click: the form replaces the section
    goal.locator("a", has_text="غيّر الهدف").click()
    form = page.locator("form#" + goal_id)
    expect(form.locator("input[name=title]")).to_have_value("أريد أن أعمل في مطبخ مطعم")
    assert_accessible(page)

    # Her plan in her phone's calendar: a secret link, shown once.
    page.goto("/plan/calendar")
    assert_accessible(page)
    page.locator("#plans-calendar button[type=submit]").click()
    link = page.locator("#plans-calendar a.link-text")
    expect(link).to_contain_text("/calendar/")
    assert_accessible(page)
    feed = page.request.get(link.inner_text())
    assert feed.status == 200 and feed.text().startswith("BEGIN:VCALENDAR\r\n")


def test_a_reflection_survives_a_lost_connection(phone):
    page = phone("sv-SE")
    sign_in(page, "10000004")
    page.goto("/plan")
    step = page.locator("article.step", has_text="Sfi kurs B")
    step_id = step.get_attribute("id")
    step.locator("a[href$='/reflection']").click()
    form = page.locator(f"form#{step_id}")
    expect(form.locator("textarea")).to_be_visible()
    assert_accessible(page)
    page.context.set_offline(True)
    form.locator("textarea").fill("ሎሚ ብዙሕ ቃላት ተማሂረ.")
    form.locator("button[type=submit]").click()
    expect(page.locator("#messages .message.error")).to_be_visible()
    expect(form.locator("textarea")).to_have_value("ሎሚ ብዙሕ ቃላት ተማሂረ.")
    page.context.set_offline(False)
    # Even a reload (the phone's browser was closed) brings the text back.
    page.goto(f"/plans/steps/{step_id.rsplit('-', 1)[1]}/reflection")
    expect(page.locator("textarea")).to_have_value("ሎሚ ብዙሕ ቃላት ተማሂረ.")
    assert_accessible(page)
    page.locator(f"form#{step_id} button[type=submit]").click()
    expect(page.locator(f"article#{step_id}")).to_contain_text("ሎሚ ብዙሕ ቃላት ተማሂረ.")
    assert_accessible(page)
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('vagen-draft:')).length") == 0


def test_the_coach_sees_the_plan_and_the_trend(phone):
    page = phone("sv-SE")
    sign_in(page, "sara.lindqvist@example.org")
    page.goto("/home/coach")
    page.locator("main a", has_text="Karin Nilsson").first.click()
    page.locator("main a", has_text="Plan och självskattningar").click()
    expect(page.locator("h1")).to_contain_text("Karin Nilsson")
    expect(page.locator("#ratings-trend svg").first).to_be_visible()
    expect(page.locator("#plans-plan")).to_contain_text("Må bättre och orka mer")
    assert_accessible(page)
    step = page.locator("article.step", has_text="Träffa hälsocoach")
    # An older step's "someone else", written as free text, stays readable (issue 18 gives
    # new steps to a member of the team instead).
    expect(step).to_contain_text("Hälsocoach Per Lund")
    step.locator("a", has_text="Ändra steget").click()
    form = page.locator("form", has=page.locator("select[name=assignee]"))
    expect(form.locator("input[name=title]")).to_have_value("Träffa hälsocoach")
    assert_accessible(page)
    form.locator("input[name=title]").fill("Träffa hälsocoachen på vårdcentralen")
    form.locator("button[type=submit]").click()
    expect(page.locator("article.step", has_text="Träffa hälsocoachen på vårdcentralen")).to_be_visible()
    assert_accessible(page)


def test_a_coach_enrols_a_participant_and_builds_a_first_plan(phone):
    page = phone("sv-SE")
    sign_in(page, "sara.lindqvist@example.org")
    page.locator(".language-switcher button[value=sv]").click()
    page.goto("/participants/new")
    page.locator("input[name=full_name]").fill("Fatima Ali Yusuf")
    page.locator("input[name=short_name]").fill("Fatima")
    page.locator("select[name=language]").select_option("ar")
    fill_entry_data(page)
    page.locator("#participants-form button[type=submit]").click()
    expect(page.locator("#participants-invitation a.link-text")).to_be_visible()

    page.locator("main a", has_text="Plan och självskattningar").click()
    expect(page.locator("h1")).to_contain_text("Fatima Ali Yusuf")
    assert_accessible(page)
    page.locator("#plans-plan a.button", has_text="Lägg till ett mål").click()
    page.locator("input[name=title]").fill("Arbeta i ett kök")
    page.locator("#plans-goal-new button[type=submit]").click()
    goal = page.locator("section.goal", has_text="Arbeta i ett kök")
    expect(goal).to_be_visible()
    goal.locator("a", has_text="Lägg till ett steg").click()
    page.locator("input[name=title]").fill("Prova på en vecka i köket på Kvarnen")
    page.locator("input[name=due_on]").fill("2026-12-18")
    page.locator("#plans-step-new button[type=submit]").click()
    expect(page.locator("section.goal", has_text="Arbeta i ett kök")).to_contain_text(
        "Prova på en vecka i köket på Kvarnen"
    )
    expect(page.locator("#plans-history, .history").first).to_contain_text("Arbeta i ett kök")
    assert_accessible(page)
