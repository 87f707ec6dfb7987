"""A recorded person in the linkage column format -> the feature columns the model compares. Pure.

The input is a plain mapping with the columns of docs/linkage.md: record_id, source, given_name,
family_name, other_names (";"-separated "given family"), date_of_birth (ISO, may be partial),
sex, postcode, address, nhs_number, upn. Missing or blank values are None.

Each column is built from one input value (or, for names, the value and the other names), so a
batch can build each column once per distinct value and join it back: `feature_row` is the
reference that the engine's batch path must reproduce exactly, and the one the real-time scorer
uses for a single record. Lists are sorted, so both paths agree on order.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sightline.identity.linkage import features
from sightline.records.schema.folding import fold

FeatureRow = dict[str, Any]

INPUT_COLUMNS = (
    "record_id",
    "source",
    "given_name",
    "family_name",
    "other_names",
    "date_of_birth",
    "sex",
    "postcode",
    "address",
    "nhs_number",
    "upn",
)

# The columns feature_row builds, in order; the engine's table has exactly these.
FEATURE_COLUMNS = (
    "unique_id",
    "source",
    # shown to a reviewer
    "given_name",
    "family_name",
    "date_of_birth",
    "address_shown",
    # compared
    "given_folded",
    "given_phonetic",
    "given_keys",
    "family_folded",
    "family_phonetic",
    "surname_keys",
    "surname_sounds",
    "dob_year",
    "dob_month",
    "dob_day",
    "dob_days",
    "sex",
    "postcode_unit",
    "postcode_sector",
    "postcode_district",
    "address_key",
    "nhs_number",
    "upn",
)


# What clean() strips from either end: the engine's SQL trims exactly these too.
_SPACES = " \t\r\n"


def clean(value: object) -> str | None:
    """A value as text with surrounding spaces dropped; None when absent or blank."""
    if value is None:
        return None
    text = str(value).strip(_SPACES)
    return text or None


# ------------------------------------------------------------------------------------- names


@dataclass(frozen=True)
class OtherName:
    given: str | None
    family: str | None


def parse_other_names(text: str | None) -> tuple[OtherName, ...]:
    """ "Laura Chapman;Kasia Nowak" -> (Laura, Chapman), (Kasia, Nowak). In each name the first
    word is the given name and the rest the family name; a single word is a family name (an
    earlier surname is what agencies record most)."""
    names: list[OtherName] = []
    for entry in (text or "").split(";"):
        words = entry.split()
        if len(words) == 1:
            names.append(OtherName(None, words[0]))
        elif words:
            names.append(OtherName(words[0], " ".join(words[1:])))
    return tuple(names)


def given_folded(given: str | None) -> str | None:
    return features.fold_name(given) or None


def given_phonetic(given: str | None) -> str | None:
    return features.phonetic_key(given)


def given_keys(givens: Iterable[str | None]) -> list[str]:
    """The name-group keys of every given name a person is recorded under (see
    features.given_name_groups): Bill and William share "william"."""
    keys: set[str] = set()
    for given in givens:
        keys |= features.given_name_groups(given)
    return sorted(keys)


def family_folded(family: str | None) -> str | None:
    return features.fold_name(family) or None


def family_phonetic(family: str | None) -> str | None:
    return features.phonetic_key(family)


def surname_keys(surnames: Iterable[str | None]) -> list[str]:
    return sorted(features.surname_keys(surnames))


def surname_sounds(surnames: Iterable[str | None]) -> list[str]:
    return sorted(features.surname_phonetic_keys(surnames))


# ----------------------------------------------------------------------------- dates of birth


@dataclass(frozen=True)
class BirthDate:
    """A date of birth as columns: the ISO text shown (zero-padded), its parts, and the day
    number (date.toordinal) when the date is full. All None when absent or not a date."""

    shown: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    days: int | None = None


def birth_date(text: str | None) -> BirthDate:
    parsed = features.parse_date_of_birth(text)
    if parsed is None:
        return BirthDate()
    full = parsed.as_date()
    if full is not None:
        return BirthDate(full.isoformat(), parsed.year, parsed.month, parsed.day, full.toordinal())
    if parsed.month is not None:
        return BirthDate(f"{parsed.year:04d}-{parsed.month:02d}", parsed.year, parsed.month)
    return BirthDate(f"{parsed.year:04d}", parsed.year)


# ---------------------------------------------------------------------------------- the rest


def sex(text: str | None) -> str | None:
    """ "M" or "F"; anything else (U, unknown, blank) is None."""
    value = (text or "").strip().upper()[:1]
    return value if value in ("M", "F") else None


# Street words that systems abbreviate differently; both forms become the long one.
_STREET_WORDS = {
    "rd": "road",
    "st": "street",
    "ave": "avenue",
    "av": "avenue",
    "ln": "lane",
    "dr": "drive",
    "cl": "close",
    "ct": "court",
    "cres": "crescent",
    "cr": "crescent",
    "gdns": "gardens",
    "gr": "grove",
    "pl": "place",
    "sq": "square",
    "ter": "terrace",
    "terr": "terrace",
    "wy": "way",
}
_ADDRESS_WORDS = re.compile(r"[a-z0-9]+")


def address_key(text: str | None) -> str | None:
    """The first line of an address (up to the first comma), folded, with street words in one
    form: "17 Ash Rd, Eastbridge" and "17 ASH ROAD" -> "17 ash road"."""
    first_line = (text or "").split(",")[0]
    if not first_line.strip():
        return None
    letters = fold(first_line) if not first_line.isascii() else first_line.lower()
    words = [_STREET_WORDS.get(w, w) for w in _ADDRESS_WORDS.findall(letters)]
    return " ".join(words) or None


@dataclass(frozen=True)
class Postcode:
    unit: str | None = None
    sector: str | None = None
    district: str | None = None


_NOT_POSTCODE = re.compile(r"[^A-Z0-9]")


def postcode(text: str | None) -> Postcode:
    """A UK postcode at its levels (features.postcode_parts). Any other postcode (another
    country's, say "2615") is kept whole as its unit, in upper case without spaces, so equal
    postcodes still agree."""
    parts = features.postcode_parts(text)
    if parts.district is not None:
        return Postcode(parts.unit, parts.sector, parts.district)
    other = _NOT_POSTCODE.sub("", (text or "").upper())
    return Postcode(other or None)


def address_shown(address: str | None, postcode: str | None) -> str | None:
    parts = [part for part in (clean(address), clean(postcode)) if part]
    return ", ".join(parts) or None


def nhs_number(text: str | None) -> str | None:
    """Ten digits, spaces and hyphens dropped; None otherwise (the check digit is not checked:
    a mistyped number still disagrees with the right one)."""
    digits = re.sub(r"[\s-]", "", text or "")
    return digits if re.fullmatch(r"[0-9]{10}", digits) else None


def upn(text: str | None) -> str | None:
    """Thirteen letters and digits in upper case; None otherwise."""
    value = re.sub(r"\s", "", text or "").upper()
    return value if re.fullmatch(r"[A-Z0-9]{13}", value) else None


# ------------------------------------------------------------------------------- one record


def feature_row(record: Mapping[str, object]) -> FeatureRow:
    """The feature columns of one record in the linkage column format."""
    value = {column: clean(record.get(column)) for column in INPUT_COLUMNS}
    others = parse_other_names(value["other_names"])
    given, family = value["given_name"], value["family_name"]
    born = birth_date(value["date_of_birth"])
    code = postcode(value["postcode"])
    surnames = [family, *(other.family for other in others)]
    return {
        "unique_id": value["record_id"],
        "source": value["source"],
        "given_name": given,
        "family_name": family,
        "date_of_birth": born.shown or value["date_of_birth"],
        "address_shown": address_shown(value["address"], value["postcode"]),
        "given_folded": given_folded(given),
        "given_phonetic": given_phonetic(given),
        "given_keys": given_keys([given, *(other.given for other in others)]),
        "family_folded": family_folded(family),
        "family_phonetic": family_phonetic(family),
        "surname_keys": surname_keys(surnames),
        "surname_sounds": surname_sounds(surnames),
        "dob_year": born.year,
        "dob_month": born.month,
        "dob_day": born.day,
        "dob_days": born.days,
        "sex": sex(value["sex"]),
        "postcode_unit": code.unit,
        "postcode_sector": code.sector,
        "postcode_district": code.district,
        "address_key": address_key(value["address"]),
        "nhs_number": nhs_number(value["nhs_number"]),
        "upn": upn(value["upn"]),
    }
