"""`flask translate extract|update|compile|check`: keep the four catalogues whole."""

import re
import subprocess
import sys
from pathlib import Path

import click
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
LOCALES = ("sv", "en", "ar", "ti")
# Words that are the same in every language: the product's name and the languages' own names.
SAME_IN_EVERY_LANGUAGE = {"Vägen", "Svenska", "English", "العربية", "ትግርኛ", "ESF", "OK"}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def catalogue_problems(locale: str) -> list[str]:
    """Empty, fuzzy, copied-from-English or placeholder-breaking entries of one catalogue."""
    path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=locale)
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        label = f"{locale}: {ids[0]!r}"
        if message.fuzzy:
            problems.append(f"{label} is fuzzy")
        if not all(strings):
            problems.append(f"{label} is not translated")
            continue
        # A msgid of placeholders and punctuation only ("%(title)s (%(kind)s)") may stay as it is.
        wordless = not re.search(r"[^\W\d_]", PLACEHOLDER.sub("", ids[0]))
        if locale != "en" and ids[0] not in SAME_IN_EVERY_LANGUAGE and not wordless and strings[0] == ids[0]:
            problems.append(f"{label} is left in English")
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) - wanted:
                problems.append(f"{label} has a placeholder the English does not")
            if not ids[1:] and set(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"{label} does not keep the placeholders {sorted(wanted)}")
    return problems


@click.group("translate")
def translate_command():
    """Extract, update, compile and check the translations."""


def extract_to(output: Path) -> None:
    """Collect every translatable string, with its locations and translator comments, into output."""
    _pybabel(
        "extract",
        "-F",
        "pyproject.toml",
        "-k",
        "_l",
        "-k",
        "lazy_gettext",
        "-k",
        "lazy_pgettext:1c,2",
        # Translator comments: a "# NOTE:" (Python) or "{# NOTE: #}" (template) comment just before a
        # string reaches the translator, beside the string's locations (file:line).
        "--add-comments=NOTE",
        # Jinja matches the comment's first word exactly, colon included.
        "--add-comments=NOTE:",
        "--sort-output",
        "-o",
        str(output),
        "webapp",
        "templates",
        # pybabel skips folders whose names start with "_": name the macros folder itself.
        "templates/_macros",
    )


def context_problems(template_path: Path = POT) -> list[str]:
    """Entries a translator cannot place: a short msgid (one or two words) with neither a
    msgctxt nor a translator comment, or an entry without a location."""
    with template_path.open("rb") as handle:
        template = read_po(handle)
    problems = []
    for message in template:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        if not message.locations:
            problems.append(f"{msgid!r} has no location")
        if len(msgid.split()) <= 2 and not message.context and not message.auto_comments:
            where = " ".join(f"{path}:{line}" for path, line in message.locations)
            problems.append(f"{msgid!r} ({where}) is short: give it pgettext context or a NOTE: comment")
    return problems


@translate_command.command()
def extract():
    """Collect every translatable string into messages.pot."""
    extract_to(POT)


@translate_command.command()
def update():
    """Extract, then merge new strings into the four catalogues."""
    extract.callback()
    _pybabel("update", "-i", str(POT), "-d", str(TRANSLATIONS), "--no-fuzzy-matching", "--ignore-obsolete")
    mirror_english()


def mirror_english() -> None:
    """The English catalogue is the msgids themselves (plural forms included)."""
    path = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale="en")
    for message in catalogue:
        if message.id:
            message.string = message.id
            message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalogue)


@translate_command.command("compile")
def compile_():
    """Build the .mo files the app reads."""
    _pybabel("compile", "-d", str(TRANSLATIONS))


@translate_command.command()
def check():
    """Fail when a catalogue has an empty, fuzzy or untranslated entry."""
    problems = [p for locale in LOCALES for p in catalogue_problems(locale)]
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise SystemExit(1)
    click.echo("All four catalogues are complete.")
