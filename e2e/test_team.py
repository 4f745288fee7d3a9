"""The team around a participant, on phones: the coach adds a social-services officer of the
welfare office (after recording the participant's consent to share with other organisations),
the officer adds a step to the plan and gives it to themself, the participant reads it in
Arabic with their team, lets the officer write to her (until then the officer is told why she
cannot open the conversation), writes back, and the officer reads her message."""

from playwright.sync_api import expect

from webapp.demo.seed import DEMO_PASSWORD
from webapp.timeutil import local_today

from .conftest import assert_accessible, htmx_settled, sign_in

AMINA = "10000001"  # reads Arabic; her coach is Sara Lindqvist
SARA = "sara.lindqvist@example.org"
ELIN = "elin.ek@example.org"  # social services, Ekonomiskt bistånd Hässleholm
STEP = "Möte om bostadsbidrag"


def test_a_coach_adds_a_social_worker_who_adds_a_step_the_participant_reads_in_arabic(phone):
    coach = phone()
    sign_in(coach, SARA, DEMO_PASSWORD)
    # Her saved language is whatever an earlier journey left (the crawl switches languages).
    coach.locator(".language-switcher button[value=sv]").click()
    coach.get_by_role("link", name="أمينة حسن").first.click()
    coach.wait_for_url("**/participants/*")
    record_url = coach.url
    coach.get_by_role("link", name="Teamet", exact=True).click()
    coach.wait_for_url("**/team")
    team_url = coach.url

    # No consent to share with other organisations yet: a clear message, the address kept.
    coach.locator("input[name=email]").fill(ELIN)
    coach.locator("select[name=role]").select_option("social_services")
    with htmx_settled(coach):
        coach.get_by_role("button", name="Lägg till i teamet").click()
    expect(coach.locator("#team-manage .error")).to_contain_text("har inte samtyckt")
    expect(coach.locator("input[name=email]")).to_have_value(ELIN)

    coach.goto(record_url)
    coach.get_by_role("link", name="Samtycken", exact=True).click()
    coach.wait_for_url("**/consents")
    coach.locator("select[name=purpose]").select_option("other_organisations")
    coach.locator("input[name=given_on]").fill(local_today().isoformat())
    coach.get_by_role("button", name="Registrera samtycket").click()
    expect(coach.locator("#messages")).to_contain_text("Samtycket är registrerat")

    coach.goto(team_url)
    coach.locator("input[name=email]").fill(ELIN)
    coach.locator("select[name=role]").select_option("social_services")
    coach.get_by_role("button", name="Lägg till i teamet").click()
    expect(coach.locator("#team-manage")).to_contain_text("Elin Ek")
    expect(coach.locator("#team-manage")).to_contain_text("Socialtjänsten")
    assert_accessible(coach)

    officer = phone()
    sign_in(officer, ELIN, DEMO_PASSWORD)
    officer.get_by_role("link", name="Mina steg i deltagarnas team").click()
    officer.wait_for_url("**/team/steps")
    expect(officer.locator("#team-my-steps")).to_contain_text("أمينة حسن")
    officer.get_by_role("link", name="Handlingsplan").first.click()
    officer.wait_for_url("**/plan")
    officer.get_by_role("link", name="Lägg till ett steg").first.click()
    officer.locator("input[name=title]").fill(STEP)
    officer.locator("select[name=doer]").select_option("other")
    officer.locator("select[name=assignee]").select_option(label="Elin Ek")
    officer.get_by_role("button", name="Lägg till steget").click()
    officer.wait_for_url("**/plan*")
    expect(officer.locator("#plans-plan")).to_contain_text(STEP)
    assert_accessible(officer)

    participant = phone("ar")
    sign_in(participant, AMINA, DEMO_PASSWORD)
    participant.goto("/plan")
    step = participant.locator("article.step", has_text=STEP)
    expect(step).to_contain_text("يقوم بها Elin Ek")
    expect(participant.locator("#team-mine")).to_contain_text("Elin Ek")
    expect(participant.locator("#team-mine")).to_contain_text("الخدمات الاجتماعية")
    assert participant.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(participant)

    # Until she chooses, the officer cannot open the conversation, and is told why.
    officer.goto(record_url + "/messages")
    expect(officer.locator("#messages-thread")).to_contain_text("har inte valt dig")
    assert_accessible(officer)

    # She lets the officer write to her: one tap, the focus stays on the button, the change is read out.
    member = participant.locator("#team-mine li", has_text="Elin Ek")
    expect(member).to_contain_text("لا يستطيع")
    with htmx_settled(participant):
        member.get_by_role("button").click()
    member = participant.locator("#team-mine li", has_text="Elin Ek")
    expect(member).not_to_contain_text("لا يستطيع")
    expect(member).to_contain_text("يستطيع Elin Ek أن يكتب لك.")
    expect(member.get_by_role("button")).to_be_focused()
    expect(member.get_by_role("button")).to_contain_text("امنع")
    expect(participant.locator("#announcer")).to_contain_text("يستطيع Elin Ek أن يكتب لك.")
    assert_accessible(participant)

    # She writes back; the officer, whom she chose and whose role includes messages, reads it.
    participant.goto("/messages")
    participant.get_by_label("رسالتك").fill("شكرًا، سأحضر الموعد.")
    with htmx_settled(participant):
        participant.get_by_role("button", name="إرسال").click()
    expect(participant.locator("#messages-thread .chat-mine")).to_contain_text(["شكرًا، سأحضر الموعد."])
    officer.goto(record_url + "/messages")
    expect(officer.locator("#messages-thread")).to_contain_text("شكرًا، سأحضر الموعد.")
    assert_accessible(officer)
