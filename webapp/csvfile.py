"""CSV files as Swedish Excel and LibreOffice open them: every export goes through here.

- `;` between cells: in Swedish settings the comma is the decimal sign, so Excel splits a
  comma-separated file into nothing (one column).
- numbers with a decimal comma ("7,5"), written as numbers so a spreadsheet can sum them.
- UTF-8 with a byte order mark, or Excel reads "Lindström" as "LindstrÃ¶m".
- text that a spreadsheet would take for a formula (=, +, -, @, and a leading tab or carriage
  return) starts with an apostrophe, so a name such as =HYPERLINK(...) stays text (OWASP,
  "CSV injection").
"""

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from babel.numbers import format_decimal
from flask import Response

DELIMITER = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | Decimal | date | None


def cell(value: Cell) -> str:
    """One cell's text: numbers with a decimal comma, dates as ISO 8601, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float, Decimal)):
        return format_decimal(value, format="0.##", locale="sv_SE")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")  # Excel reads it as a date and time
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def text(rows: Iterable[Iterable[Cell]]) -> str:
    """The whole file as text, byte order mark first."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return "\ufeff" + out.getvalue()


def response(filename: str, rows: Iterable[Iterable[Cell]]) -> Response:
    """A download: text/csv in UTF-8, saved under the file name given."""
    reply = Response(text(rows).encode("utf-8"), mimetype="text/csv")
    reply.headers["Content-Type"] = "text/csv; charset=utf-8"
    reply.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return reply
