"""How one name comes to be written differently by different agencies: diacritics lost, spelt as
heard, shortened to a nickname, gendered wrongly, or mistyped."""

import unicodedata
from functools import cache
from random import Random

from nicknames import NickNamer

from sightline.core.given_name_variants import GIVEN_NAME_VARIANTS
from sightline.synthetic.names_data import SURNAME_VARIANTS

# Letters with strokes have no combining-mark decomposition (Ł is not L plus a mark).
_STROKED = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"})

_QWERTY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> dict[str, str]:
    neighbours: dict[str, str] = {}
    for row_index, row in enumerate(_QWERTY_ROWS):
        for col, letter in enumerate(row):
            near = [row[i] for i in (col - 1, col + 1) if 0 <= i < len(row)]
            for other_row in (row_index - 1, row_index + 1):
                if 0 <= other_row < len(_QWERTY_ROWS):
                    keys = _QWERTY_ROWS[other_row]
                    near += [keys[i] for i in (col, col + 1) if i < len(keys)]
            neighbours[letter] = "".join(near)
    return neighbours


_NEIGHBOURS = _keyboard_neighbours()


def strip_diacritics(text: str) -> str:
    """ "Łuczak" -> "Luczak", "Krężołek" -> "Krezolek", keeping the case of each letter."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_STROKED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def has_diacritics(text: str) -> bool:
    return not text.isascii() and strip_diacritics(text) != text


def typo(rng: Random, text: str) -> str:
    """One keying error: a neighbouring key, two letters swapped, a letter dropped or doubled.
    The first letter is left alone, as it usually is in practice."""
    if len(text) < 3:
        return text
    for _ in range(5):
        at = rng.randrange(1, len(text) - 1)
        operation = rng.randrange(4)
        if operation == 0 and text[at].lower() in _NEIGHBOURS:
            replacement = rng.choice(_NEIGHBOURS[text[at].lower()])
            changed = text[:at] + replacement + text[at + 1 :]
        elif operation == 1:
            changed = text[:at] + text[at + 1] + text[at] + text[at + 2 :]
        elif operation == 2:
            changed = text[:at] + text[at + 1 :]
        else:
            changed = text[:at] + text[at] + text[at:]
        if changed != text and changed.strip("'- "):
            return changed
    return text


@cache
def _nickname_table() -> dict[str, tuple[str, ...]]:
    """The `nicknames` dataset (Northern and Crews, hand-curated English nicknames), sorted so
    that choices are the same on every run."""
    table = NickNamer.default_lookup()
    return {
        name: tuple(sorted(n.capitalize() for n in nicks if n.isalpha() and len(n) > 1))
        for name, nicks in table.items()
    }


def given_name_variant(rng: Random, given: str) -> str | None:
    """A nickname, diminutive or anglicised form of a given name, if it has one."""
    options = GIVEN_NAME_VARIANTS.get(given) or _nickname_table().get(given.lower(), ())
    return rng.choice(options) if options else None


def surname_variant(rng: Random, surname: str) -> str | None:
    """A surname spelt as heard or anglicised (Łuczak as Lucak), if one is known."""
    options = SURNAME_VARIANTS.get(surname)
    return rng.choice(options) if options else None


_GENDERED_ENDINGS = (("dzki", "dzka"), ("cki", "cka"), ("ski", "ska"))


def gendered(surname: str, sex: str) -> str:
    """Polish surnames in -ski/-cki/-dzki take -ska/-cka/-dzka for women and girls."""
    if sex != "F":
        return surname
    for masculine, feminine in _GENDERED_ENDINGS:
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + feminine
    return surname


def other_gender(surname: str) -> str:
    """The same surname in the other gender's form (Kowalska for Kowalski and back)."""
    for masculine, feminine in _GENDERED_ENDINGS:
        if surname.endswith(feminine):
            return surname[: -len(feminine)] + masculine
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + feminine
    return surname
