"""Small honest modules (issue 11): a module of webapp/ that grows past 400 lines is split by
what it does (as plans/appointments.py came out of plans/services.py), not left to grow."""

from pathlib import Path

import webapp

LONGEST = 400


def test_no_module_of_the_app_is_over_400_lines():
    root = Path(webapp.__file__).parent
    lengths = {path.relative_to(root).as_posix(): len(path.read_text().splitlines()) for path in root.rglob("*.py")}
    assert lengths, "no modules found"
    assert {name: n for name, n in lengths.items() if n > LONGEST} == {}
