"""CSV for Swedish Excel: the shared writer, and LibreOffice (as Swedish Excel would) reading
the file into columns with numbers as numbers and a formula-looking name as text."""

import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from webapp import csvfile

ROWS = [
    ["Datum", "Timmar", "Bekräftad av", "Anteckning"],
    [date(2026, 11, 2), 7.5, '=HYPERLINK("http://x","y")', "Lindström; sjuk, hemma"],
    [date(2026, 11, 3), 4, "+46 70 123", "@SUM(A1)"],
    [date(2026, 11, 4), Decimal("2.25"), "-1", "\tflik"],
]


def test_cells_are_neutralised_and_numbers_have_a_decimal_comma():
    assert [csvfile.cell(v) for v in ROWS[1]] == [
        "2026-11-02",
        "7,5",
        '\'=HYPERLINK("http://x","y")',
        "Lindström; sjuk, hemma",
    ]
    assert [csvfile.cell(v) for v in ROWS[2]] == ["2026-11-03", "4", "'+46 70 123", "'@SUM(A1)"]
    assert [csvfile.cell(v) for v in ROWS[3]] == ["2026-11-04", "2,25", "'-1", "'\tflik"]
    assert csvfile.cell(None) == "" and csvfile.cell("\rx") == "'\rx"
    text = csvfile.text(ROWS)
    assert text.startswith("\ufeffDatum;Timmar;") and '"Lindström; sjuk, hemma"' in text


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: .ci/install-browser installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed here; `make browser` installs it")
    return found


def test_libreoffice_with_swedish_settings_reads_the_file_in_columns(tmp_path):
    soffice = _soffice()
    source = tmp_path / "export.csv"
    source.write_bytes(csvfile.text(ROWS).encode("utf-8"))
    # CSV filter: ';' separated, '"' quoted, UTF-8 (76), from row 1, Swedish locale (1053).
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--infilter=CSV:59,34,76,1,,1053",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheet = openpyxl.load_workbook(tmp_path / "export.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [len([v for v in row if v is not None]) for row in rows] == [4, 4, 4, 4], "four columns, not one"
    assert rows[0] == ["Datum", "Timmar", "Bekräftad av", "Anteckning"]
    assert [row[1] for row in rows[1:]] == [7.5, 4, 2.25], "hours are numbers"
    assert rows[1][0].date() == date(2026, 11, 2), "ISO dates are dates"
    assert rows[1][3] == "Lindström; sjuk, hemma"
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no cell became a formula"
    assert "HYPERLINK" in rows[1][2] and not rows[1][2].startswith("=")
