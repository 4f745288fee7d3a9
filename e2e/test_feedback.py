"""Feedback on a phone: the supervisor fills in the default template, loses the connection
half-way and finishes when it is back; the participant reads it in Arabic and answers; the
coach sees the change since the last feedback. Uses the feedback demo (webapp/feedback/demo.py):
Amina (10000001) at Kvarnen Återbruk, supervised by Maria, with an earlier feedback given."""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in

SUPERVISOR = "maria.johansson@example.org"
PARTICIPANT = "10000001"
COACH = "sara.lindqvist@example.org"


def test_feedback_from_phone_to_participant_to_coach(phone):
    supervisor = phone("sv-SE")
    sign_in(supervisor, SUPERVISOR)
    due = supervisor.locator("#feedback-due")
    expect(due).to_contain_text("Efter två veckor")
    assert_accessible(supervisor)
    due.get_by_role("button", name=re.compile("Amina")).first.click()
    expect(supervisor).to_have_url(re.compile(r"/feedback/\d+/give$"))
    assert_accessible(supervisor)

    items = supervisor.locator("fieldset.feedback-item")
    expect(items).to_have_count(12)
    box = items.nth(0).locator("label.level").nth(0).bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    status = supervisor.locator("#feedback-draft-status")
    for n in range(6):
        items.nth(n).locator("label.level").nth(3).click()
        expect(status).to_contain_text(f"{n + 1} av 12")

    # The connection drops half-way: the choices stay in the page, and the page says so.
    supervisor.context.set_offline(True)
    for n in range(6, 11):
        items.nth(n).locator("label.level").nth(2).click()
    expect(supervisor.locator("#messages .message.error")).to_be_visible()
    expect(status).to_contain_text("6 av 12")
    expect(items.nth(10).locator("input").nth(2)).to_be_checked()

    # Back online: the next change sends everything chosen so far.
    supervisor.context.set_offline(False)
    items.nth(11).locator("label.level").nth(2).click()
    expect(status).to_contain_text("12 av 12")
    expect(supervisor.locator("#messages .message.error")).to_have_count(0)
    supervisor.locator("#text-went_well").fill("Amina kommer alltid i tid och hjälper sina kollegor.")
    supervisor.locator("#text-next_step").fill("Öva mer på kassan.")
    supervisor.locator("#feedback-form button[type=submit]").click()
    expect(supervisor.locator(".message.success")).to_contain_text("Återkopplingen är skickad")
    expect(supervisor.locator(".feedback-read")).to_contain_text("Öva mer på kassan.")
    assert_accessible(supervisor)

    participant = phone("ar")
    sign_in(participant, PARTICIPANT)
    expect(participant.locator("html")).to_have_attribute("dir", "rtl")
    participant.locator("#feedback-home a").click()
    assert_accessible(participant)
    participant.locator("main .list a").first.click()
    read = participant.locator(".feedback-read")
    expect(read).to_contain_text("يأتي في الوقت المحدد")
    expect(read).to_contain_text("دائماً")
    expect(read.locator("blockquote[lang=sv]").first).to_contain_text("Amina kommer alltid i tid")
    assert_accessible(participant)
    participant.locator("#comment").fill("شكراً، سأتدرب على الصندوق.")
    participant.locator("#feedback-comment button[type=submit]").click()
    expect(participant.locator(".message.success")).to_be_visible()
    expect(participant.locator("#comment")).to_have_value("شكراً، سأتدرب على الصندوق.")
    assert_accessible(participant)

    coach = phone("sv-SE")
    sign_in(coach, COACH)
    coach.locator("#feedback-people a", has_text="أمينة").click()
    history = coach.locator("#feedback-history")
    expect(history.locator("thead th")).to_have_count(3)
    expect(history.locator("td.went-up").first).to_contain_text("sedan förra återkopplingen")
    expect(coach.locator(".feedback-read").first).to_contain_text("شكراً، سأتدرب على الصندوق.")
    assert_accessible(coach)


def test_a_programme_admin_is_told_what_is_wrong_with_a_template(phone):
    admin = phone("sv-SE")
    sign_in(admin, "lena.persson@example.org")
    admin.locator("#feedback-admin a").click()
    assert_accessible(admin)
    admin.locator("main .list a").first.click()
    editor = admin.locator("#definition")
    text = editor.input_value()
    assert '"ti"' in text
    editor.fill(text.replace('"scale": [', '"scale": [,', 1))
    admin.locator("#feedback-template button[type=submit]").click()
    expect(admin.locator("#feedback-template .form-errors")).to_contain_text("inte giltig JSON")
    expect(editor).to_have_value(re.compile(r'"scale": \[,'))
    admin.locator("#feedback-preview summary").click()
    assert_accessible(admin)


def test_a_supervisor_gives_feedback_now_outside_the_planned_times(phone):
    """The home's "feedback now" buttons share one form, each posting to its own placement."""
    supervisor = phone("sv-SE")
    sign_in(supervisor, "eva.holm@example.org")
    extra = supervisor.locator("#feedback-extra")
    extra.locator("summary").click()
    extra.get_by_role("button", name=re.compile("Karin")).click()
    expect(supervisor).to_have_url(re.compile(r"/feedback/\d+/give$"))
    expect(supervisor.locator("main")).to_contain_text("Karin")
    expect(supervisor.locator("fieldset.feedback-item").first).to_be_visible()
    assert_accessible(supervisor)
