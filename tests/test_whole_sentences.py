"""Every sentence a user reads is one msgid with named placeholders: no translated text
glued to other text in Python (+, % outside the call, f-strings, .join, .format) and no
translated label glued to a value by punctuation in a template. A translator can move the
pieces of a msgid; they cannot move punctuation written around it."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATING = {
    "_",
    "_l",
    "gettext",
    "lazy_gettext",
    "ngettext",
    "lazy_ngettext",
    "pgettext",
    "lazy_pgettext",
    "npgettext",
}


def _is_translated(node: ast.AST) -> bool:
    """A call to a gettext function, or a LabelledEnum's `.label` (translated lazily)."""
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        return name in TRANSLATING
    return isinstance(node, ast.Attribute) and node.attr == "label"


def _contains_translated(node: ast.AST) -> bool:
    return any(_is_translated(inner) for inner in ast.walk(node))


def assembled_sentences(source: str) -> list[tuple[int, str]]:
    """(line, what) for each place where translated text is assembled with other text."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            if _is_translated(node.left) or _is_translated(node.right):
                found.append((node.lineno, "translated text joined with +"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _is_translated(node.left):
            found.append((node.lineno, "a translation filled with % outside the call"))
        elif isinstance(node, ast.JoinedStr):
            if any(isinstance(v, ast.FormattedValue) and _contains_translated(v.value) for v in node.values):
                found.append((node.lineno, "translated text in an f-string"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "join" and any(_contains_translated(arg) for arg in node.args):
                found.append((node.lineno, "translated text joined with .join"))
            elif node.func.attr == "format" and _is_translated(node.func.value):
                found.append((node.lineno, "a translation filled with .format"))
    return found


# A translated label, then literal punctuation, then (maybe through an opening tag) a value:
# `{{ _("Start date") }}: {{ day }}` or `{{ _("To") }} · <bdi>{{ x }}</bdi>`.
GLUED = re.compile(
    r"\{\{\s*_\((?:[^{}]|\{[^{}]*\})*?\)\s*\}\}"  # {{ _("...") }}
    r"\s*(?:[:·–→,;(]|&rarr;)\s*"  # punctuation written around it
    r"(?:<[^>]+>\s*)*\{\{"  # then another value
)


def glued_in_template(text: str) -> list[tuple[int, str]]:
    return [(text.count("\n", 0, m.start()) + 1, m.group(0)[:80]) for m in GLUED.finditer(text)]


def test_the_scanner_finds_assembled_sentences():
    source = """
a = _("Next step") + ": " + title
b = _("Week %(num)d") % {"num": 3}
c = f"{_('Placement')}: {name}"
d = ", ".join(_(x) for x in words)
e = "; ".join(f"{p.kind.label}: {p.title}" for p in placements)
f = _("Hello {name}").format(name=n)
ok = _("Next step %(step)s, due %(date)s", step=s, date=d)
also_ok = ", ".join(sorted(codes))
"""
    assert sorted(line for line, _ in assembled_sentences(source)) == [2, 3, 4, 5, 6, 6, 7]


def test_the_template_check_finds_glued_labels():
    assert glued_in_template('<p>{{ _("Start date") }}: {{ day }}</p>')
    assert glued_in_template('{{ _("To") }} · <bdi>{{ x }}</bdi>')
    assert not glued_in_template('{{ _("Start date %(date)s", date=day) }}')
    assert not glued_in_template('<dt>{{ _("Start date") }}</dt><dd>{{ day }}</dd>')


def test_no_sentence_is_assembled_in_python():
    found = []
    for path in sorted((ROOT / "webapp").rglob("*.py")):
        for line, what in assembled_sentences(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert found == []


def test_no_sentence_is_assembled_in_templates():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for line, text in glued_in_template(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT)}:{line}: {text}")
    assert found == []


def test_values_are_isolated_and_escaped_inside_a_translated_sentence(app):
    from datetime import date

    from flask_babel import force_locale

    from webapp.wording import bdi, localized, sentence, spoken_list

    with app.test_request_context(), force_locale("ar"):
        filled = sentence("%(step)s, to do by %(date)s", step="<b>Träffa</b>", date=localized(date(2026, 12, 5)))
        assert filled == "<bdi>&lt;b&gt;Träffa&lt;/b&gt;</bdi>, to do by <bdi>5 كانون الأول (ديسمبر) 2026</bdi>"
        assert bdi("+0.8", "ltr") == '<bdi dir="ltr">+0.8</bdi>'
        # The locale's own comma and conjunction, never a hand-written Latin one.
        assert localized(date(2026, 12, 5), "MMMMEEEEd") == "السبت، 5 كانون الأول (ديسمبر)"
        assert spoken_list(["a", "b", "c"]) == "a وb وc"
