"""Files for the funder: XLSX (openpyxl) and CSV that Swedish Excel opens with a double click
(`;`, decimal comma, UTF-8 BOM). Cells that a spreadsheet would read as a formula are
neutralised in both. Every export is logged: who, what, when."""

import io
from datetime import date, datetime
from decimal import Decimal

from .. import csvfile
from ..accounts.models import User
from ..csvfile import FORMULA_STARTS
from ..extensions import db
from .models import ExportLog


def neutralise(value):
    """A text cell that starts like a formula gets a leading apostrophe, so it stays text."""
    if value is not None and not isinstance(value, (int, float, Decimal, date, datetime)):
        value = str(value)  # also translated (lazy) strings
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def labels():
    """label(member): the translated label of an enum member as text, made once per member
    (the thousands of rows of a file share a handful of labels); None stays None."""
    made = {}

    def label(member):
        if member is None:
            return None
        if member not in made:
            made[member] = str(member.label)
        return made[member]

    return label


def to_csv(header: list[str], rows: list[list]) -> bytes:
    return csvfile.text([header, *rows]).encode("utf-8")


def to_xlsx(title: str, header: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook  # 5 MB: loaded only by the exports that need it

    book = Workbook(write_only=True)  # streamed: a month of a large programme is thousands of rows
    sheet = book.create_sheet(title[:31])
    sheet.append([neutralise(h) for h in header])
    for row in rows:
        sheet.append([neutralise(v) if not isinstance(v, Decimal) else float(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def log_export(user: User, programme_id: int, what: str, detail: str) -> ExportLog:
    entry = ExportLog(user_id=user.id, programme_id=programme_id, what=what, detail=detail[:200])
    db.session.add(entry)
    db.session.flush()
    return entry
