"""A translator can place every string: short ones carry a context or a note, and every entry
says where it is used (issue 16)."""

from babel.messages.pofile import read_po

from webapp.translate import LOCALES, TRANSLATIONS, context_problems, extract_to


def test_short_msgids_carry_context_and_every_entry_a_location(tmp_path):
    """Extracted fresh from the code, so a new short string without context fails here."""
    pot = tmp_path / "messages.pot"
    extract_to(pot)
    assert context_problems(pot) == []


def test_the_committed_catalogues_keep_locations_and_notes():
    for locale in LOCALES:
        with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalogue = read_po(handle, locale=locale)
        missing = [m.id for m in catalogue if m.id and not m.locations]
        assert missing == [], locale
        accepted = catalogue.get("Accepted", "status of a referral: the provider took the participant")
        assert accepted is not None and accepted.string, locale
