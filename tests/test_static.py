"""The stylesheet is well formed: one lost brace swallows every rule after it."""

from pathlib import Path

CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "app.css"


def test_every_css_block_is_closed():
    depth = 0
    for number, line in enumerate(CSS.read_text().splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"a }} too many at line {number}"
    assert depth == 0, "a block is not closed"
