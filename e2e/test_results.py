"""Results journeys: a participant certifies a month on a phone in Tigrinya; a programme admin
opens the results in Swedish and English and downloads XLSX and CSV, read back."""

import csv
import io
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in


def test_a_participant_certifies_a_month_on_a_phone_in_tigrinya(phone):
    page = phone("ti-ER")
    sign_in(page, "10000004")  # Dawit: a work trial with every week confirmed until last week
    expect(page.locator("html")).to_have_attribute("lang", "ti")
    page.locator("#results-home a[href='/results/my-time']").click()  # (the survey may be due too)
    expect(page.locator("h1")).to_contain_text("ግዜይ")
    assert_accessible(page)
    button = page.get_by_role("button", name="እወ፣ እዞም ሰዓታት ቅኑዓት እዮም")
    button.dblclick()  # a double tap counts once
    expect(page.locator("#results-my-time [role=status]")).to_contain_text("ኣረጋጊጽኩምዎ")
    expect(button).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="ምስክር ወረቐት፣ ንምሕታም").click()
    expect(page.locator("[data-total]")).not_to_have_text("")


def _download(page, name):
    with page.expect_download() as info:
        page.get_by_role("link", name=name, exact=True).first.click()
    return Path(info.value.path()).read_bytes()


def test_a_programme_admin_reads_the_results_in_swedish_and_english_and_downloads_them(phone):
    page = phone("sv-SE")
    sign_in(page, "lena.persson@example.org")
    page.get_by_role("link", name="Resultat", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Resultat")
    expect(page.locator("#results-table")).to_contain_text("Deltagare som skrevs in under perioden.")
    assert_accessible(page)
    page.locator("input[name=start]").fill("2026-06-01")
    page.locator("input[name=end]").fill("2026-05-01")
    page.get_by_role("button", name="Visa resultaten").click()
    expect(page.locator(".error").first).to_contain_text("Periodens slut är före dess början")
    page.locator("input[name=end]").fill("")
    page.locator("input[name=start]").fill("")
    page.get_by_role("button", name="Visa resultaten").click()
    page.locator(".language-switcher button[value=en]").click()
    expect(page.locator("h1")).to_contain_text("Results")
    expect(page.locator("#results-funnel")).to_contain_text("Median days in it")
    assert_accessible(page)
    book = load_workbook(io.BytesIO(_download(page, "Download as Excel (XLSX)"))).active
    rows = [list(r) for r in book.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Figure", "Target", "Total"]
    participants = next(r for r in rows if r[0] == "Participants")
    assert participants[1] == 150 and participants[2] == sum(participants[3:])
    body = _download(page, "Download as CSV")
    assert body.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:3] == ["Figure", "Target", "Total"]
    assert next(r for r in table if r[0] == "Participants")[2] == str(participants[2])
    page.locator(".language-switcher button[value=sv]").click()  # give Lena back her own language
    expect(page.locator("html")).to_have_attribute("lang", "sv")
