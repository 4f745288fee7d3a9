"""The stylesheet is well formed: one lost brace swallows every rule after it."""

import re
from pathlib import Path

CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "app.css"


def test_every_css_block_is_closed():
    depth = 0
    for number, line in enumerate(CSS.read_text().splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"a }} too many at line {number}"
    assert depth == 0, "a block is not closed"


FONTS = CSS.parent.parent / "fonts"


def test_the_busy_state_keeps_text_contrast():
    """While a request runs nothing fades (opacity 0.6 dropped a button to 3:1): the rules for
    .htmx-request change the pointer and add a ring, never opacity or colour."""
    for selector, body in re.findall(r"([^{}]*htmx-request[^{}]*)\{([^{}]*)\}", CSS.read_text()):
        assert "opacity" not in body and not re.search(r"(^|[;\s])color\s*:", body), selector


def test_the_script_fonts_are_shipped_small_with_their_licence():
    """Every @font-face file exists, is a subset WOFF2 (under 100 KB), comes after the phone's
    own copy and swaps; the OFL is beside them."""
    css = CSS.read_text()
    faces = re.findall(r"@font-face\s*\{([^}]*)\}", css)
    assert {re.search(r'font-family: "([^"]+)"', face).group(1) for face in faces} == {
        "Noto Sans Ethiopic",
        "Noto Sans Arabic",
        "Noto Sans Ethiopic names",
        "Noto Sans Arabic names",
    }
    for face in faces:
        assert "font-display: swap" in face
        name = re.search(r'url\("\.\./fonts/([^"]+)"\)', face).group(1)
        data = (FONTS / name).read_bytes()
        assert data[:4] == b"wOF2" and len(data) < (8_000 if "names" in face else 100_000), name
        # The phone's own copy first (Android has these), by full and PostScript name.
        family, weight = re.match(r"NotoSans(\w+)-(Regular|Bold)\.", name).groups()
        assert f'src: local("Noto Sans {family} {weight}"), local("NotoSans{family}-{weight}"), url(' in face, name
    assert "SIL Open Font License" in (FONTS / "OFL.txt").read_text()


def test_the_switcher_draws_the_other_scripts_names_from_their_small_cuts():
    """On a page in another language, the switcher's Arabic and Tigrinya names use the cuts of
    just their letters; on the language's own pages, the whole font (the pressed button is bold)."""
    css = CSS.read_text()
    for code, family in (("ar", "Noto Sans Arabic names"), ("ti", "Noto Sans Ethiopic names")):
        rule = re.search(rf"html:not\(:lang\({code}\)\) \.language-switcher :lang\({code}\) \{{([^}}]*)\}}", css)
        assert rule and f'font-family: "{family}"' in rule.group(1), code
