"""Folding names for search: case, diacritics and letters that Unicode does not decompose."""

import unicodedata

# Letters with strokes or ligatures have no combining-mark decomposition (Ł is not L + mark).
_SPECIAL = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "þ": "th",
        "Þ": "th",
        "ẞ": "ss",
    }
)


def fold(text: str) -> str:
    """ "Łuczak" and "LUCZAK" both fold to "luczak"; "Krężołek" to "krezolek"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()
