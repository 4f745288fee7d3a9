"""On phones: a participant reading Arabic uploads her CV; a wrong file is refused in Arabic; her coach downloads it."""

from playwright.sync_api import expect

from webapp.demo.seed import DEMO_PASSWORD

from .conftest import assert_accessible, htmx_settled, sign_in

AMINA = "10000001"
SARA = "sara.lindqvist@example.org"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_participant_uploads_her_cv_and_her_coach_downloads_it(phone):
    page = phone("ar")
    sign_in(page, AMINA, DEMO_PASSWORD)
    page.get_by_role("link", name="مستنداتي").click()
    page.wait_for_url("**/documents")
    page.get_by_label("السيرة الذاتية (CV)").check()
    # A file that only calls itself a PDF is refused, and her choice of kind stays.
    page.get_by_label("الملف").set_input_files(
        files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": b"<html>not a pdf</html>"}]
    )
    with htmx_settled(page):
        page.get_by_role("button", name="رفع").click()
    expect(page.locator("#documents-list")).to_contain_text("لا يمكن حفظ هذا النوع من الملفات.")
    expect(page.get_by_label("السيرة الذاتية (CV)")).to_be_checked()
    page.get_by_label("الملف").set_input_files(
        files=[{"name": "سيرتي.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    with htmx_settled(page):
        page.get_by_role("button", name="رفع").click()
    expect(page.locator("#documents-list .doc-item")).to_contain_text(["سيرتي.pdf"])
    assert_accessible(page)

    coach = phone()
    sign_in(coach, SARA, DEMO_PASSWORD)
    coach.get_by_role("link", name="أمينة حسن").first.click()
    coach.wait_for_url("**/participants/*")
    coach.get_by_role("link", name="Dokument").click()
    coach.wait_for_url("**/participants/*/documents")
    with coach.expect_download() as download:
        coach.get_by_role("link", name="سيرتي.pdf").click()
    assert download.value.suggested_filename == "سيرتي.pdf"
    with open(download.value.path(), "rb") as downloaded:
        assert downloaded.read() == PDF
    assert_accessible(coach)
