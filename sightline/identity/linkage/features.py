"""Pure normalisers that a linkage model's comparison columns and blocking keys are built from.

Agencies write the same person differently: diacritics lost (Łuczak, Luczak), names spelt as heard
(Kowalski, Kovalski), nicknames and diminutives (Bill for William, Kasia for Katarzyna), one part
of a double surname, a surname in the other gender's form (Kowalska), an earlier surname, day and
month swapped, a keying error in a date, a postcode without its space. Each function here sees
through one kind of difference. None raises on junk: it returns "", None, an empty set or
MISSING. Names repeat across millions of records, so the name and postcode functions are cached.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache, lru_cache

import jellyfish
from nicknames import NickNamer

from sightline.core.given_name_variants import GIVEN_NAME_VARIANTS
from sightline.records.schema.folding import fold

# Names and postcodes repeat across records far more than they vary, so each function keeps up to
# this many distinct answers and most calls are a dictionary look-up.
_CACHE_SIZE = 1 << 17

# ---------------------------------------------------------------------------------------- names

# Letters that neither fold() nor Unicode decomposition turn into plain Latin letters.
_EXTRA_LETTERS = str.maketrans(
    {"ẞ": "ss", "Þ": "th", "ð": "d", "Ð": "d", "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t"}
)
# Apostrophes join a name's letters (O'Brien is obrien), whichever character a system typed.
_APOSTROPHES = re.compile(r"['`´‘’ʹʻʼʽ]")
# Anything else that is not a letter separates words: hyphens, dots, digits, spaces.
_SEPARATORS = re.compile(r"[\W\d_]+")


@lru_cache(maxsize=_CACHE_SIZE)
def fold_name(text: str | None) -> str:
    """A name folded for comparison: lower case, no diacritics, apostrophes dropped, and every
    other run of non-letters one space. "Łuczak-Smith" -> "luczak smith", "O'Brien" -> "obrien",
    "Ștefan" -> "stefan"; "" for junk."""
    if not text:
        return ""
    text = _APOSTROPHES.sub("", text)
    if not text.isascii():
        text = _APOSTROPHES.sub("", fold(text.translate(_EXTRA_LETTERS)))
    return _SEPARATORS.sub(" ", text.lower()).strip()


# Polish spellings rewritten as an English ear hears them, so that Szymański and Shimanski, or
# Wójcik and Voytchik, meet in one phonetic key. Applied to every name alike: an English name
# rewritten the same way on both sides still meets itself.
_HEARD_DIGRAPHS = (("szcz", "shch"), ("sz", "sh"), ("cz", "ch"), ("rz", "zh"), ("wsk", "vsk"))
# Kowalski as Kovalski, Wróbel as Vrobel; not the "ow" of Chowdhury.
_W_AS_V = re.compile(r"(?<![aeiouy])w|w(?=[aeiouy])")
_J_AS_Y = re.compile(r"(?:^|(?<=[aeiou]))j")  # Jakub as Yakub, Wojtek as Voytek
_CI_AS_CHI = re.compile(r"(?<=[b-df-hj-np-tv-z])ci")  # Wójcik as Voychik
_NOT_LATIN = re.compile(r"[^a-z]+")


def _spelt_as_heard(letters: str) -> str:
    for written, heard in _HEARD_DIGRAPHS:
        letters = letters.replace(written, heard)
    letters = _W_AS_V.sub("v", letters)
    letters = _J_AS_Y.sub("y", letters)
    return _CI_AS_CHI.sub("chi", letters)


@lru_cache(maxsize=_CACHE_SIZE)
def phonetic_key(text: str | None) -> str | None:
    """A Metaphone key of the folded name spelt as heard, its words run together: "Kowalski",
    "Kovalski" and "Kowalsky" share one, and so do "Szymanski" and "Shimanski". None when there
    are no Latin letters."""
    letters = _NOT_LATIN.sub("", fold_name(text))
    if not letters:
        return None
    return jellyfish.metaphone(_spelt_as_heard(letters)) or None


# ---------------------------------------------------------------------------------- given names


def _single_word(name: str) -> bool:
    return bool(name) and " " not in name


def _english_nicknames() -> dict[str, set[str]]:
    """The `nicknames` dataset (formal name -> its nicknames), folded."""
    nicknames_of: dict[str, set[str]] = {}
    for formal, nicknames in NickNamer.default_lookup().items():
        folded = fold_name(formal)
        if _single_word(folded):
            short = {n for n in map(fold_name, nicknames) if _single_word(n) and n != folded}
            nicknames_of.setdefault(folded, set()).update(short)
    return nicknames_of


@cache
def _given_name_table() -> dict[str, frozenset[str]]:
    """Each known given name -> the formal names whose group it belongs to, itself included."""
    nicknames_of = _english_nicknames()
    groups: defaultdict[str, set[str]] = defaultdict(set)
    for formal, nicknames in nicknames_of.items():
        groups[formal].add(formal)
        for nickname in nicknames:
            # The dataset also lists some formal names under their own nicknames (William under
            # Bill, beside Robert); following those would make William and Robert one group.
            if formal in nicknames_of.get(nickname, ()) and len(formal) < len(nickname):
                continue
            groups[nickname].add(formal)
    # Formal names spelt two ways (Katherine, Catherine) that sound alike and share most of
    # their nicknames are one group, so Kate meets Catherine as well as Katherine. They must end
    # alike too: Metaphone ignores the endings that tell Alexandra from Alexander.
    by_sound: defaultdict[tuple[str | None, str], list[str]] = defaultdict(list)
    for formal in nicknames_of:
        by_sound[phonetic_key(formal), formal[-1]].append(formal)
    for spellings in by_sound.values():
        for i, first in enumerate(spellings):
            for second in spellings[i + 1 :]:
                shared = nicknames_of[first] & nicknames_of[second]
                fewer = min(len(nicknames_of[first]), len(nicknames_of[second]))
                if fewer and 2 * len(shared) >= fewer:
                    groups[first].add(second)
                    groups[second].add(first)
    # An original name whose English form is a formal name (Katherine for Katarzyna) joins that
    # name's groups, so Katarzyna meets Kate; then every form that agencies record, English or a
    # family diminutive (Kasia), joins the original's group.
    variants = [
        (fold_name(o), [fold_name(f) for f in forms]) for o, forms in GIVEN_NAME_VARIANTS.items()
    ]
    for original, forms in variants:
        for form in forms:
            if form in nicknames_of:
                groups[original] |= groups[form]
    for original, forms in variants:
        for form in forms:
            groups[form].add(original)
    return {name: frozenset(keys | {name}) for name, keys in groups.items()}


@lru_cache(maxsize=_CACHE_SIZE)
def given_name_groups(text: str | None) -> frozenset[str]:
    """The name-group keys of a given name: the formal names it may stand for, itself included.
    "Bill" -> {"bill", "william", "robert", ...}; "Kasia" -> {"kasia", "katarzyna"}. A name with
    several words gets the keys of each; empty for junk."""
    table = _given_name_table()
    keys: set[str] = set()
    for word in fold_name(text).split():
        keys |= table.get(word, {word})
    return frozenset(keys)


def share_given_name_group(first: str | None, second: str | None) -> bool:
    """Whether two given names can be the same name: equal after folding, nickname and formal
    name (Bill, William), or two nicknames of one name."""
    return not given_name_groups(first).isdisjoint(given_name_groups(second))


# ------------------------------------------------------------------------------------- surnames

# Words that begin a surname but do not tell one family from another (de la Cruz, Al Hassan).
_PARTICLES = frozenset(
    {"al", "el", "bin", "binti", "ibn"}  # Arabic
    | {"da", "de", "del", "della", "di", "du", "la", "le"}  # Romance
    | {"van", "von", "der", "den"}  # Dutch and German
)
# Prefixes that systems write apart or joined (O Brien, OBrien; Mac Donald, MacDonald).
_JOINED_PREFIXES = frozenset(("o", "mc", "mac"))
# Polish surnames in -ska/-cka/-dzka are the women's forms of -ski/-cki/-dzki, and -sky/-cky is
# how English forms spell them; all meet in the men's form.
_GENDERED_ENDINGS = (
    ("dzka", "dzki"),
    ("cka", "cki"),
    ("ska", "ski"),
    ("dzky", "dzki"),
    ("cky", "cki"),
    ("sky", "ski"),
)
_SHORTEST_STEM = 2


def _ungendered(word: str) -> str:
    for ending, masculine in _GENDERED_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _SHORTEST_STEM:
            return word[: -len(ending)] + masculine
    return word


@lru_cache(maxsize=_CACHE_SIZE)
def surname_parts(text: str | None) -> tuple[str, ...]:
    """The parts of a surname, folded, each in one gendered form: "Smith-Kowalska" ->
    ("smith", "kowalski"), "O'Brien" and "O Brien" -> ("obrien",), "de la Cruz" -> ("cruz",)."""
    words: list[str] = []
    for word in fold_name(text).split():
        if words and words[-1] in _JOINED_PREFIXES:
            words[-1] += word
        else:
            words.append(word)
    kept = [w for w in words if w not in _PARTICLES] or words
    return tuple(dict.fromkeys(_ungendered(w) for w in kept))


def surname_keys(surnames: Iterable[str | None]) -> frozenset[str]:
    """Every surname part of a person's names: the current surname and earlier ones (the
    `other_names` of a record), so that a record under a birth name meets one under a new
    name that kept the birth name as a previous name."""
    return frozenset(part for surname in surnames for part in surname_parts(surname))


def surname_phonetic_keys(surnames: Iterable[str | None]) -> frozenset[str]:
    """The phonetic keys of every surname part (see surname_keys)."""
    keys = (phonetic_key(part) for part in surname_keys(surnames))
    return frozenset(key for key in keys if key)


def surnames_overlap(first: str | None, second: str | None) -> bool:
    """Whether two surnames share a part: "Smith-Kowalska" meets "Kowalska", "Smith" and
    "Kowalski"."""
    return not set(surname_parts(first)).isdisjoint(surname_parts(second))


# ------------------------------------------------------------------------------- dates of birth


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date of birth as recorded: the year always, the month and day when known."""

    year: int
    month: int | None = None
    day: int | None = None

    def as_date(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


class DateOfBirthAgreement(StrEnum):
    """How two recorded dates of birth agree, from the strongest evidence to none."""

    EXACT = "exact"
    DAY_MONTH_SWAPPED = "day_month_swapped"
    NEAR_MISS = "near_miss"  # one day apart, or one field off by one or by one keying error
    SAME_YEAR_MONTH = "same_year_month"
    SAME_YEAR = "same_year"
    DIFFERENT = "different"
    MISSING = "missing"  # either date absent or unreadable


_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")


@lru_cache(maxsize=_CACHE_SIZE)
def parse_date_of_birth(text: str | None) -> PartialDate | None:
    """An ISO date of birth, or its year and month, or its year alone ("2015-03-07", "2015-03",
    "2015"); None when absent or not a real date."""
    match = _ISO_DATE.fullmatch(text.strip()) if text else None
    if match is None:
        return None
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    try:  # a real date: the year and month alone must also be real
        date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def is_day_month_swap(first: date, second: date) -> bool:
    """The same date with day and month exchanged (03/07 against 07/03), which can only happen
    when both are 12 or less and they differ."""
    return (
        first.year == second.year
        and first.day == second.month
        and first.month == second.day
        and first.day != first.month
    )


def _one_keying_error(first: int, second: int, width: int) -> bool:
    """One digit typed wrong (2015-03-17 for 2015-03-27), or two neighbouring digits typed in
    the wrong order (2015-03-12 for 2015-03-21)."""
    a, b = f"{first:0{width}d}", f"{second:0{width}d}"
    differ = [i for i in range(width) if a[i] != b[i]]
    if len(differ) == 1:
        return True
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and a[differ[0]] == b[differ[1]]
        and a[differ[1]] == b[differ[0]]
    )


def is_near_miss(first: date, second: date) -> bool:
    """A keying error: one day apart (across a month or year end too), or only one of day,
    month and year differs, by one (December and January count as one month apart) or by one
    keying error in its digits."""
    if first == second:
        return False
    if abs((first - second).days) == 1:
        return True
    if first.year != second.year:
        return (first.month, first.day) == (second.month, second.day) and (
            abs(first.year - second.year) == 1 or _one_keying_error(first.year, second.year, 4)
        )
    if first.month != second.month:
        return first.day == second.day and (
            (first.month - second.month) % 12 in (1, 11)
            or _one_keying_error(first.month, second.month, 2)
        )
    return _one_keying_error(first.day, second.day, 2)


def compare_dates_of_birth(first: str | None, second: str | None) -> DateOfBirthAgreement:
    """How two recorded dates of birth agree. A date known only to its year or month agrees at
    most as SAME_YEAR or SAME_YEAR_MONTH, even with itself: it says less than a full date."""
    a, b = parse_date_of_birth(first), parse_date_of_birth(second)
    if a is None or b is None:
        return DateOfBirthAgreement.MISSING
    full_a, full_b = a.as_date(), b.as_date()
    if full_a is not None and full_b is not None:
        if full_a == full_b:
            return DateOfBirthAgreement.EXACT
        if is_day_month_swap(full_a, full_b):
            return DateOfBirthAgreement.DAY_MONTH_SWAPPED
        if is_near_miss(full_a, full_b):
            return DateOfBirthAgreement.NEAR_MISS
    if a.year != b.year:
        return DateOfBirthAgreement.DIFFERENT
    if a.month is not None and a.month == b.month:
        return DateOfBirthAgreement.SAME_YEAR_MONTH
    return DateOfBirthAgreement.SAME_YEAR


# ------------------------------------------------------------------------------------ postcodes


@dataclass(frozen=True, slots=True)
class PostcodeParts:
    """A UK postcode at each level, each a prefix of the next: area "CV", district "CV1",
    sector "CV1 1", unit "CV1 1AA". Levels the text does not give are None."""

    area: str | None = None
    district: str | None = None
    sector: str | None = None
    unit: str | None = None


# The shapes A9, A99, AA9, AA99, A9A and AA9A for the outward code, then 9AA for the inward code.
_FULL_POSTCODE = re.compile(r"([A-Z]{1,2})([0-9][A-Z0-9]?)([0-9])([A-Z]{2})")
_OUTWARD_CODE = re.compile(r"([A-Z]{1,2})([0-9][A-Z0-9]?)")
# Spaces and punctuation are dropped; any other letter or digit makes the text junk.
_SPACES_AND_PUNCTUATION = re.compile(r"[\W_]+")
_NO_POSTCODE = PostcodeParts()


@lru_cache(maxsize=_CACHE_SIZE)
def postcode_parts(text: str | None) -> PostcodeParts:
    """The levels of a postcode written in any case, with or without its space ("cv11aa" ->
    CV, CV1, CV1 1, CV1 1AA); an outward code alone gives area and district; junk gives
    all None. Only the shape is checked, not that the postcode exists."""
    compact = _SPACES_AND_PUNCTUATION.sub("", text.upper()) if text else ""
    if full := _FULL_POSTCODE.fullmatch(compact):
        area, district_number, sector_digit, unit_letters = full.groups()
        district = area + district_number
        sector = f"{district} {sector_digit}"
        return PostcodeParts(area, district, sector, sector + unit_letters)
    if outward := _OUTWARD_CODE.fullmatch(compact):
        area, district_number = outward.groups()
        return PostcodeParts(area, area + district_number)
    return _NO_POSTCODE


def normalise_postcode(text: str | None) -> str | None:
    """A full postcode in upper case with one space ("cv1  1aa" -> "CV1 1AA"); None otherwise."""
    return postcode_parts(text).unit
