"""Folding text for search, so a search finds what a person means whatever they can type:
"malmo" finds "Malmö", "cafe" finds "Café", "مدرسة" finds "مَدْرَسَة", and Tigrinya written
with either of its letters of the same sound finds the other.

- case: str.casefold ("Straße" and "STRASSE" meet);
- marks: NFKD, then every combining mark dropped: Swedish å ä ö é become a a o e, Arabic
  short vowels (harakat), shadda and the hamza carried by alif go;
- Arabic letters written interchangeably: ة -> ه, ى -> ي, ؤ -> و, ئ -> ي, and the tatweel goes;
- Ge'ez: the letters Tigrinya and Amharic spell the same sound with are made one series
  (ሐ and ኀ -> ሀ, ሠ -> ሰ, ዐ -> አ, ፀ -> ጸ), each of their seven or eight orders alike."""

import unicodedata

ARABIC = {"ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ـ": ""}
# (first letter of the series folded away, first letter of the series it becomes)
GEEZ_SERIES = ((0x1210, 0x1200), (0x1280, 0x1200), (0x1220, 0x1230), (0x12D0, 0x12A0), (0x1340, 0x1338))
TABLE = str.maketrans(
    {
        **ARABIC,
        **{chr(start + order): chr(into + order) for start, into in GEEZ_SERIES for order in range(8)},
    }
)


def fold(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.translate(TABLE))


def search_text(*parts: str | None) -> str:
    """What a row is searched by: its parts folded, one space between."""
    return " ".join(fold(p) for p in parts if p)
