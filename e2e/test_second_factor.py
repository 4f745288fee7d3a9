"""A coach on a phone sets up an authenticator app and signs in with its code."""

import re
import time

import pyotp
from playwright.sync_api import expect

from webapp.demo.seed import DEMO_PASSWORD

from .conftest import assert_accessible, sign_in

COACH = "yusuf.haddad@example.org"  # Arabic: the pages work right to left too


def test_a_coach_enrols_a_second_factor_and_signs_in_with_it(phone):
    page = phone("ar")
    sign_in(page, COACH)
    page.locator("a.account-link").click()
    expect(page).to_have_url(re.compile(r"/account/$"))
    assert_accessible(page)
    page.locator("a[href='/account/second-factor']").click()
    expect(page.locator(".qr svg")).to_be_visible()
    assert_accessible(page)
    totp = pyotp.TOTP(page.locator("#second-factor-secret").inner_text().strip())
    page.locator("input[name=code]").fill(totp.now())
    page.locator("main form button[type=submit]").click()
    codes = page.locator(".recovery-codes code")
    expect(codes).to_have_count(10)
    assert_accessible(page)
    try:
        page.locator("form.sign-out button").click()
        page.wait_for_load_state()

        sign_in(page, COACH)
        expect(page).to_have_url(re.compile(r"/sign-in/code$"))
        assert_accessible(page)
        # The code shown at enrolment is spent; the app's next one (a step ahead) is accepted.
        page.locator("input[name=code]").fill(totp.at(time.time() + 30))
        page.locator("main button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/home/coach$"))
    finally:
        # Other journeys sign in as this coach with a password only.
        page.goto("/account/second-factor")
        if page.locator("input[name=password]").count():
            page.locator("input[name=password]").fill(DEMO_PASSWORD)
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()
