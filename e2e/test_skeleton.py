"""The walking skeleton on a phone: every role signs in, a participant accepts an invitation,
every language shows itself (Arabic right to left), and axe-core is clean on every page."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, fill_entry_data, sign_in

DEMO = {
    "participant": ("10000003", "/home/participant"),
    "coach": ("sara.lindqvist@example.org", "/home/coach"),
    "supervisor": ("eva.holm@example.org", "/home/supervisor"),
    "organisation_admin": ("mats.ohlsson@example.org", "/home/organisation"),
    "programme_admin": ("lena.persson@example.org", "/home/programme"),
}


@pytest.mark.parametrize("role", DEMO)
def test_each_role_signs_in_and_reaches_its_home(phone, role):
    page = phone()
    page.goto("/")
    assert_accessible(page)
    name, home = DEMO[role]
    sign_in(page, name)
    expect(page).to_have_url(re.compile(re.escape(home) + "$"))
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    page.locator("form.sign-out button").click()
    expect(page.locator("a.button[href='/sign-in']")).to_be_visible()


def test_participant_accepts_an_invitation_on_their_phone(phone):
    coach = phone("sv-SE")
    sign_in(coach, DEMO["coach"][0])
    coach.goto("/participants/new")
    assert_accessible(coach)
    coach.locator("input[name=full_name]").fill("ሄለን ኣብርሃ")
    coach.locator("input[name=short_name]").fill("Helen")
    coach.locator("select[name=language]").select_option("ti")
    fill_entry_data(coach)
    coach.locator("#participants-form button[type=submit]").click()
    link = coach.locator("#participants-invitation a.link-text")
    expect(link).to_be_visible()
    expect(coach.locator("#participants-invitation svg")).to_be_visible()
    assert_accessible(coach)
    invitation = link.inner_text()

    participant = phone("ti-ER")
    participant.goto(invitation)
    expect(participant.locator("html")).to_have_attribute("lang", "ti")
    assert_accessible(participant)
    participant.locator("input[name=password]").fill("ሰላም my new password")
    participant.locator("input[name=confirm]").fill("ሰላም my new password")
    participant.locator("main button[type=submit]").click()
    expect(participant).to_have_url(re.compile(r"/home/participant$"))
    expect(participant.locator("h1")).to_contain_text("Helen")
    assert_accessible(participant)

    # The link worked once: opening it again says so.
    again = phone("ti-ER")
    again.goto(invitation)
    expect(again.locator(".message.error")).to_be_visible()
    assert_accessible(again)


def test_a_wrong_password_is_said_on_the_form(phone):
    page = phone("en-GB")
    sign_in(page, DEMO["coach"][0], "not the password")
    expect(page.locator(".form-errors")).to_contain_text("The sign-in name or the password is wrong.")
    expect(page.locator("input[name=sign_in_name]")).to_have_value(DEMO["coach"][0])
    assert_accessible(page)


LANGUAGE_CHECKS = {"sv": ("ltr", "Logga in"), "en": ("ltr", "Sign in"), "ar": ("rtl", None), "ti": ("ltr", None)}


@pytest.mark.parametrize("code", LANGUAGE_CHECKS)
def test_switching_to_each_language(phone, code):
    direction, sign_in_words = LANGUAGE_CHECKS[code]
    page = phone("sv-SE")
    page.goto("/sign-in")
    page.locator(f".language-switcher button[value={code}]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.locator(f".language-switcher button[value={code}]")).to_have_attribute("aria-pressed", "true")
    if sign_in_words:
        expect(page.locator("h1")).to_have_text(sign_in_words)
    assert_accessible(page)
    # Signed in, the choice stays, and every role's home is clean in this language.
    sign_in(page, DEMO["coach"][0])
    expect(page.locator("html")).to_have_attribute("lang", code)
    assert_accessible(page)
    page.goto("/participants/new")
    assert_accessible(page)
    page.goto("/no-such-page")
    expect(page.locator("html")).to_have_attribute("dir", direction)
    assert_accessible(page)
