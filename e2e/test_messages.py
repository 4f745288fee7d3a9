"""On phones: the coach writes to a participant; she reads it in Arabic and writes back; the coach sees it."""

from playwright.sync_api import expect

from webapp.demo.seed import DEMO_PASSWORD

from .conftest import assert_accessible, htmx_settled, sign_in

AMINA = "10000001"  # reads Arabic; her coach is Sara Lindqvist
SARA = "sara.lindqvist@example.org"


def test_a_participant_in_arabic_reads_her_coachs_message_and_answers(phone):
    coach = phone()
    sign_in(coach, SARA, DEMO_PASSWORD)
    coach.get_by_role("link", name="أمينة حسن").first.click()
    coach.wait_for_url("**/participants/*")
    coach.get_by_role("link", name="Meddelanden").click()
    coach.wait_for_url("**/participants/*/messages")
    coach.get_by_label("Ditt meddelande").fill("Hej Amina! Kan vi ses på måndag klockan 10?")
    with htmx_settled(coach):
        coach.get_by_role("button", name="Skicka").click()
    expect(coach.locator("#messages-thread .chat-item")).to_contain_text(["Kan vi ses på måndag"])
    expect(coach.get_by_label("Ditt meddelande")).to_have_value("")
    expect(coach.locator("#messages-thread .chat-read").last).to_have_text("Inte läst än")

    page = phone("ar")
    sign_in(page, AMINA, DEMO_PASSWORD)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="اكتب إلى مرشدك").click()
    page.wait_for_url("**/messages")
    expect(page.locator("#messages-thread")).to_contain_text("Kan vi ses på måndag klockan 10?")
    # An empty message is refused in her language, and the page stays as it was.
    with htmx_settled(page):
        page.get_by_role("button", name="إرسال").click()
    expect(page.locator("#messages-thread")).to_contain_text("اكتب رسالة قبل أن ترسلها.")
    page.get_by_label("رسالتك").fill("نعم، أراك يوم الاثنين. شكرًا!")
    with htmx_settled(page):
        page.get_by_role("button", name="إرسال").click()
    expect(page.locator("#messages-thread .chat-mine")).to_contain_text(["نعم، أراك يوم الاثنين"])
    expect(page.get_by_label("رسالتك")).to_have_value("")
    assert_accessible(page)

    coach.reload()
    expect(coach.locator("#messages-thread")).to_contain_text("نعم، أراك يوم الاثنين. شكرًا!")
    expect(coach.locator("#messages-thread .chat-read").first).to_contain_text("Läst av")
    assert_accessible(coach)
