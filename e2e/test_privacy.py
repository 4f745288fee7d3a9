"""A participant reading Arabic on a phone sees who read their record and downloads their data."""

import json
from pathlib import Path

from webapp.demo.seed import DEMO_PASSWORD

from .conftest import assert_accessible, sign_in

AMINA = "10000001"  # Arabic; her coach is Sara Lindqvist
SARA = "sara.lindqvist@example.org"


def test_a_participant_in_arabic_sees_who_read_her_record_and_downloads_her_data(phone):
    coach = phone()
    sign_in(coach, SARA, DEMO_PASSWORD)
    coach.get_by_role("link", name="أمينة حسن").first.click()
    coach.wait_for_url("**/participants/*")

    page = phone("ar")
    sign_in(page, AMINA, DEMO_PASSWORD)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="من قرأ معلوماتي").click()
    page.wait_for_url("**/privacy/reads")
    reads = page.locator("#privacy-reads")
    assert "ملفك وطريقك في البرنامج" in reads.inner_text()  # what was read: her record
    assert "Sara" not in reads.inner_text()  # staff names are not shown by default
    assert_accessible(page)

    page.goto("/home/participant")
    page.get_by_role("link", name="بياناتي").click()
    page.wait_for_url("**/privacy/my-data")
    mine = page.locator("main").inner_text()
    assert "أمينة حسن" in mine
    # Her own language, not the database's: headings and labels in Arabic, no column names.
    assert "خطتك" in mine and "الاسم" in mine and "full_name" not in mine and "created_at" not in mine
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="تنزيل كملف (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["person"] == "أمينة حسن" and data["sections"]
    account = next(s for s in data["sections"] if s["table"] == "app_user")
    assert account["fields"]["full_name"] == "الاسم" and account["rows"][0]["full_name"] == "أمينة حسن"
