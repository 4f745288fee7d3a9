"""The match on phones: a social enterprise's supervisor posts an opening, a coach proposes a
participant, the participant (in Arabic) says interested, the employer accepts, and the
placement shows for all three. axe-core is clean on every page on the way."""

import re
import uuid

from playwright.sync_api import expect

from .conftest import assert_accessible, fill_entry_data, sign_in

SUPERVISOR = "maria.johansson@example.org"  # Kvarnen Återbruk, a social enterprise
COACH = "sara.lindqvist@example.org"


def in_swedish(page):
    """Other journeys may have left a demo person's language on something else."""
    page.locator(".language-switcher button[value=sv]").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def test_from_opening_to_placement(phone):
    tag = uuid.uuid4().hex[:6]
    title = f"Café och kassa {tag}"

    # The supervisor posts an opening on her phone.
    employer = phone("sv-SE")
    sign_in(employer, SUPERVISOR)
    in_swedish(employer)
    employer.locator("#placements-home a.button").click()
    assert_accessible(employer)
    employer.get_by_role("link", name="Lägg ut en ledig plats").first.click()
    assert_accessible(employer)
    form = employer.locator("#placements-opening-form")
    form.locator("input[name=title]").fill(title)
    form.locator("select[name=kind]").select_option("work_training")
    form.locator("textarea[name=tasks]").fill("Brygga kaffe, ta betalt och prata med gäster.")
    form.locator("input[name=hours_per_week]").fill("12")
    form.locator("input[name=usual_days][value='0']").check()
    form.locator("input[name=usual_days][value='2']").check()
    form.locator("input[name=starts_on]").fill("2026-12-07")
    form.locator("input[name=places]").fill("0")
    form.locator("input[name=languages][value=ar]").check()
    form.locator("input[name=adaptations][value=quiet_space]").check()
    form.locator("button[type=submit]").click()
    # Zero places: said in place, nothing typed is lost.
    expect(form.locator("#places-error")).to_contain_text("från 1 till 100")
    expect(form.locator("input[name=title]")).to_have_value(title)
    assert_accessible(employer)
    form.locator("input[name=places]").fill("2")
    form.locator("button[type=submit]").click()
    expect(employer.locator("h1")).to_have_text(title)
    expect(employer.locator(".written-in")).to_contain_text("Svenska")
    assert_accessible(employer)
    # ...and changes it on the phone: one more place.
    employer.get_by_role("link", name="Ändra den lediga platsen").click()
    expect(employer.locator("input[name=title]")).to_have_value(title)
    expect(employer.locator("input[name=usual_days][value='2']")).to_be_checked()
    assert_accessible(employer)
    employer.locator("input[name=places]").fill("3")
    employer.locator("#placements-opening-form button[type=submit]").click()
    expect(employer.locator("h1")).to_have_text(title)
    expect(employer.locator(".facts")).to_contain_text("3")

    # The coach adds a participant who reads Arabic, and hands over the invitation.
    coach = phone("sv-SE")
    sign_in(coach, COACH)
    in_swedish(coach)
    coach.goto("/participants/new")
    name = f"ليلى أحمد {tag}"
    coach.locator("input[name=full_name]").fill(name)
    coach.locator("input[name=short_name]").fill("Layla")
    coach.locator("select[name=language]").select_option("ar")
    fill_entry_data(coach)
    coach.locator("#participants-form button[type=submit]").click()
    link = coach.locator("#participants-invitation a.link-text")
    expect(link).to_be_visible()
    participant_id = re.search(r"/participants/(\d+)", coach.url).group(1)
    invitation = link.inner_text()

    participant = phone("ar-SA")
    participant.goto(invitation)
    participant.locator("input[name=password]").fill("كلمة سر طويلة 2026")
    participant.locator("input[name=confirm]").fill("كلمة سر طويلة 2026")
    participant.locator("main button[type=submit]").click()
    expect(participant).to_have_url(re.compile(r"/home/participant$"))

    # The coach finds the opening with the filters and proposes her.
    coach.goto("/openings/")
    assert_accessible(coach)
    coach.locator("select[name=language]").select_option("ar")
    coach.locator("select[name=adaptation]").select_option("quiet_space")
    # Wait for the last filter's answer: a link clicked while it is on its way is swapped away.
    expect(coach).to_have_url(re.compile(r"language=ar.*adaptation=quiet_space"))
    coach.get_by_role("link", name=title).click()
    expect(coach.locator("h1")).to_have_text(title)
    coach.locator("select[name=participant]").select_option(label=name)
    coach.locator("textarea[name=note]").fill("Du tycker om att träffa människor.")
    coach.locator("#placements-propose button[type=submit]").click()
    expect(coach.locator("#placements-propose")).to_contain_text("Väntar på deltagarens svar")
    assert_accessible(coach)

    # The participant answers on her phone, in Arabic.
    participant.reload()
    expect(participant.locator("html")).to_have_attribute("dir", "rtl")
    expect(participant.locator("#placements-home")).to_contain_text("لديك اقتراح واحد للرد عليه.")
    participant.locator("#placements-home a.button").click()
    proposal = participant.locator("li.proposal", has_text=title)
    expect(proposal).to_contain_text("في انتظار رد المشارك")
    assert_accessible(participant)
    proposal.locator("button[value=yes]").click()
    expect(participant.locator("li.proposal", has_text=title)).to_contain_text("في انتظار رد جهة العمل")
    assert_accessible(participant)

    # The employer accepts and plans the weeks.
    employer.goto("/home/supervisor")
    expect(employer.locator("#placements-home")).to_contain_text("1 förslag väntar på ditt svar.")
    employer.locator("#placements-home a.button").click()
    employer.get_by_role("link", name=f"Layla till {title}").click()
    expect(employer.locator("#placements-decision")).to_contain_text("Layla")
    expect(employer.locator("#placements-decision")).not_to_contain_text(name)
    assert_accessible(employer)
    employer.locator("input[name=day0_to]").fill("30:00")
    employer.locator("#placements-accept button[type=submit]").click()
    expect(employer.locator("#day0-error")).to_contain_text("24 timmar")
    employer.locator("input[name=day0_to]").fill("12:00")
    employer.locator("#placements-accept button[type=submit]").click()
    expect(employer.locator(".proposal-state")).to_have_text("Accepterad: det är en placering")
    assert_accessible(employer)

    # The placement shows for all three.
    employer.goto("/home/supervisor")
    expect(employer.locator("#placements-home")).to_contain_text(title)
    participant.goto("/home/participant")
    expect(participant.locator("#placements-home")).to_contain_text(title)
    assert_accessible(participant)
    coach.goto(f"/participants/{participant_id}/placements")
    expect(coach.locator("#placements-participant")).to_contain_text(title)
    expect(coach.locator("#placements-participant")).to_contain_text("Accepterad: det är en placering")
    assert_accessible(coach)


def test_demo_supervisor_sees_the_running_placement(phone):
    page = phone("sv-SE")
    sign_in(page, "eva.holm@example.org")
    in_swedish(page)
    expect(page.locator("#placements-home")).to_contain_text("Kök och servering på äldreboende")
    expect(page.locator("#placements-home")).to_contain_text("Karin")
    assert_accessible(page)


def test_the_employer_profile_and_a_tigrinya_search_are_accessible(phone):
    admin = phone("sv-SE")
    sign_in(admin, SUPERVISOR)
    in_swedish(admin)
    admin.goto("/home/organisation")
    admin.locator("#placements-home a", has_text="Kvarnen").click()
    expect(admin.locator("#placements-profile")).to_be_visible()
    expect(admin.locator("main")).to_contain_text("Maria Johansson")
    assert_accessible(admin)

    coach = phone("ti-ER")
    sign_in(coach, COACH)
    coach.locator(".language-switcher button[value=ti]").click()
    coach.goto("/openings/?sector=social_economy")
    expect(coach.locator("html")).to_have_attribute("lang", "ti")
    expect(coach.locator("#placements-results")).to_contain_text("Bicycle workshop")
    assert_accessible(coach)
    in_swedish(coach)  # back to Sara's own language
