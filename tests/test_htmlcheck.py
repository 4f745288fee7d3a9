"""The Nu HTML checker step of the browser journeys fails on real errors and lets htmx through."""

import os

import pytest

from e2e import htmlcheck

PAGE = '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>t</title></head><body>{}</body></html>'


@pytest.fixture(autouse=True)
def needs_the_checker():
    if not htmlcheck.VNU_JAR.exists():
        if os.environ.get("CI"):
            pytest.fail("The Nu HTML checker is missing: run .ci/install-vnu")
        pytest.skip("The Nu HTML checker is not installed here; `make browser` installs it")


def test_htmx_attributes_pass_and_a_real_error_fails(tmp_path):
    (tmp_path / "ok.html").write_text(PAGE.format('<form hx-post="/x" hx-target="#a"><p id="a">a</p></form>'))
    assert htmlcheck.check(tmp_path) is None
    (tmp_path / "bad.html").write_text(PAGE.format('<select name="a" required><option value="x">X</option></select>'))
    report = htmlcheck.check(tmp_path)
    assert report is not None and "bad.html" in report and "ok.html" not in report
    assert "first “option” element" in report
