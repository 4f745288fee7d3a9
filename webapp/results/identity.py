"""The personal identity number (checked with the Luhn checksum) or, for a person with
protected identity, birth date and the agreed reserve code."""

import re
from datetime import date

from ..timeutil import local_today

PATTERN = re.compile(r"^(\d{2})?(\d{6})[-+]?(\d{4})$")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def normalise_personal_number(text: str, today: date | None = None) -> str | None:
    """ "19850312-1234", "850312-1234" or "198503121234" as 12 digits; None when it is not a valid
    number (format, date or checksum). A co-ordination number (day + 60) is accepted."""
    match = PATTERN.match((text or "").strip().replace(" ", ""))
    if not match:
        return None
    century, short, serial = match.groups()
    today = today or local_today()
    if century is None:
        year = int(short[:2])
        century = "20" if 2000 + year <= today.year else "19"
        if "+" in text:  # a hundred years or older
            century = str(int(century) - 1)
    full = century + short + serial
    year, month, day = int(full[:4]), int(full[4:6]), int(full[6:8])
    if day > 60:
        day -= 60
    try:
        date(year, month, day)
    except ValueError:
        return None
    return full if luhn_ok(full[2:]) else None
