"""What the model compares, field by field: each level as Splink SQL and as Python. Pure.

A level is written twice, side by side, so that the batch engine (SQL in DuckDB, through Splink)
and the real-time scorer (Python, one pair at a time) put every pair in the same level. Levels
use only what both can compute identically: equality of precomputed keys, overlap of key lists,
small Damerau-Levenshtein distances (a whole number, so never a rounding apart), and integer
arithmetic on date parts. Similarity scores in floating point (Jaro-Winkler) are not used: two
implementations can round one pair to either side of a level's boundary. A comparison
puts a pair in its first level whose condition holds; the last level is "ELSE".

SQL follows SQL's rules for NULL (a comparison with NULL is not true), and so does Python here:
`_same` is False when either value is None.

Household-awareness: an address is one comparison (full address, postcode, street, sector,
district) rather than several, so a shared home counts once; names and dates of birth then
decide between the people who live there.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import jellyfish

from sightline.identity.linkage.features import is_day_month_swap, is_near_miss

# Bump when a level's SQL or meaning changes: a saved model of another version cannot be scored.
COMPARISONS_VERSION = "3"

Row = Mapping[str, Any]
Test = Callable[[Row, Row], bool]


@dataclass(frozen=True)
class Level:
    label: str  # what a practitioner reads: "exact", "nickname or other form", "missing"
    sql: str  # Splink's sql_condition, columns written "name_l" and "name_r"
    test: Test  # the same condition in Python
    is_null: bool = False
    # A level whose m and u are fixed equal (weight 0) instead of trained; see ADDRESS.
    fixed: float | None = None


@dataclass(frozen=True)
class Comparison:
    field: str  # the field a reviewer sees, and Splink's output_column_name
    description: str
    levels: tuple[Level, ...]
    shown: str  # the feature column whose value a reviewer sees

    def level_index(self, left: Row, right: Row) -> int:
        """The position in `levels` of the first level this pair is in."""
        for index, level in enumerate(self.levels):
            if level.test(left, right):
                return index
        raise AssertionError("the last level of a comparison is ELSE")

    def gamma(self, index: int) -> int:
        """Splink's comparison vector value for the level at `index`: -1 for the null level,
        then the other levels counted down to 0 for the last."""
        if self.levels[index].is_null:
            return -1
        return len(self.levels) - 1 - index

    def index_of(self, label: str) -> int:
        return next(i for i, level in enumerate(self.levels) if level.label == label)

    def gamma_sql(self) -> str:
        """Splink's comparison vector value as one SQL CASE, over columns "name_l"/"name_r"."""
        cases = " ".join(
            f"WHEN {level.sql} THEN {self.gamma(i)}"
            for i, level in enumerate(self.levels)
            if level.sql != "ELSE"
        )
        return f"CASE {cases} ELSE {self.gamma(len(self.levels) - 1)} END"


# ------------------------------------------------------------------------ condition builders


def _same(a: object, b: object) -> bool:
    return a is not None and b is not None and a == b


def _sql_col(column: str, side: str) -> str:
    return f'"{column}_{side}"'


def _either_missing(column: str) -> tuple[str, Test]:
    sql = f"{_sql_col(column, 'l')} IS NULL OR {_sql_col(column, 'r')} IS NULL"
    return sql, lambda one, two: one[column] is None or two[column] is None


def _equal(column: str) -> tuple[str, Test]:
    sql = f"{_sql_col(column, 'l')} = {_sql_col(column, 'r')}"
    return sql, lambda one, two: _same(one[column], two[column])


def _overlap(column: str) -> tuple[str, Test]:
    sql = f"list_has_any({_sql_col(column, 'l')}, {_sql_col(column, 'r')})"
    return sql, lambda one, two: not set(one[column] or ()).isdisjoint(two[column] or ())


def _guarded(first: str, then: str) -> str:
    """`first AND then`, written so that DuckDB works out `then` only for the rows where
    `first` holds (a CASE evaluates its THEN for those rows alone): the costly part of a
    level then costs nothing for the many pairs that fail the cheap part."""
    return f"CASE WHEN {first} THEN {then} ELSE FALSE END"


def _edits(column: str, most: int) -> tuple[str, Test]:
    """The same first letter, then at most `most` keying errors (Damerau-Levenshtein: a letter
    inserted, dropped or changed, or two neighbours exchanged; DuckDB and jellyfish both compute
    the unrestricted distance over characters). Keying errors seldom touch a name's first
    letter, and checking it first spares the distance for most pairs."""
    left, right = _sql_col(column, "l"), _sql_col(column, "r")
    sql = _guarded(
        f"left({left}, 1) = left({right}, 1) AND abs(length({left}) - length({right})) <= {most}",
        f"damerau_levenshtein({left}, {right}) <= {most}",
    )

    def test(row_l: Row, row_r: Row) -> bool:
        a, b = row_l[column], row_r[column]
        return (
            a is not None
            and b is not None
            and a[:1] == b[:1]
            and abs(len(a) - len(b)) <= most
            and jellyfish.damerau_levenshtein_distance(a, b) <= most
        )

    return sql, test


def _level(label: str, condition: tuple[str, Test], *, is_null: bool = False) -> Level:
    return Level(label, condition[0], condition[1], is_null)


def _any_level_but_last(comparison: "Comparison") -> tuple[str, Test]:
    """The comparison's finding is not its last level ("different"); missing counts as not
    different."""
    sql = " OR ".join(f"({level.sql})" for level in comparison.levels[:-1])
    last = len(comparison.levels) - 1
    return f"({sql})", lambda one, two: comparison.level_index(one, two) != last


_ELSE: tuple[str, Test] = ("ELSE", lambda one, two: True)


def _identifier(field: str, column: str, description: str) -> Comparison:
    return Comparison(
        field,
        description,
        (
            _level("missing", _either_missing(column), is_null=True),
            _level("same", _equal(column)),
            _level("different", _ELSE),
        ),
        column,
    )


# ------------------------------------------------------------------------------ names


# Given and family names written the wrong way round (a form filled in surname first, or a
# name whose order differs between cultures): each agrees with the other's other name.
_SWAPPED: tuple[str, Test] = (
    '"given_folded_l" = "family_folded_r" AND "family_folded_l" = "given_folded_r"',
    lambda one, two: (
        _same(one["given_folded"], two["family_folded"])
        and _same(one["family_folded"], two["given_folded"])
    ),
)


def _crossed(one: str, other: str) -> tuple[str, Test]:
    """The `one` name of the left is the `other` name of the right, and the left's `other` name
    is missing on either side or within two keying errors of the right's `one` name: names
    written the wrong way round, one of them mistyped or left out."""
    a, b = f"{one}_folded", f"{other}_folded"
    al, br = _sql_col(a, "l"), _sql_col(b, "r")
    bl, ar = _sql_col(b, "l"), _sql_col(a, "r")
    # The distance only in a branch of its own, where neither name is NULL.
    sql = _guarded(
        f"{al} = {br}",
        f"CASE WHEN {bl} IS NULL OR {ar} IS NULL THEN TRUE"
        f" WHEN abs(length({bl}) - length({ar})) <= 2"
        f" THEN damerau_levenshtein({bl}, {ar}) <= 2 ELSE FALSE END",
    )

    def test(left: Row, right: Row) -> bool:
        if not _same(left[a], right[b]):
            return False
        x, y = left[b], right[a]
        return (
            x is None
            or y is None
            or (abs(len(x) - len(y)) <= 2 and jellyfish.damerau_levenshtein_distance(x, y) <= 2)
        )

    return sql, test


def _either_crossed() -> tuple[str, Test]:
    forward, backward = _crossed("given", "family"), _crossed("family", "given")
    return (
        f"({forward[0]}) OR ({backward[0]})",
        lambda one, two: forward[1](one, two) or backward[1](one, two),
    )


_SWAPPED_LOOSELY = _either_crossed()

GIVEN_NAME = Comparison(
    "given_name",
    "Given name: folded, nickname groups, sound, one or two keying errors",
    (
        _level("missing", _either_missing("given_folded"), is_null=True),
        _level("exact", _equal("given_folded")),
        _level("swapped with the family name", _SWAPPED),
        _level("swapped, one name mistyped or missing", _SWAPPED_LOOSELY),
        _level("nickname or other form", _overlap("given_keys")),
        _level("sounds alike", _equal("given_phonetic")),
        _level("one letter different", _edits("given_folded", 1)),
        _level("two letters different", _edits("given_folded", 2)),
        _level("different", _ELSE),
    ),
    "given_name",
)

FAMILY_NAME = Comparison(
    "family_name",
    "Family name: folded, any part or earlier surname, sound, one or two keying errors",
    (
        _level("missing", _either_missing("family_folded"), is_null=True),
        _level("exact", _equal("family_folded")),
        _level("swapped with the given name", _SWAPPED),
        _level("swapped, one name mistyped or missing", _SWAPPED_LOOSELY),
        _level("shares a surname", _overlap("surname_keys")),
        _level("sounds alike", _overlap("surname_sounds")),
        _level("one letter different", _edits("family_folded", 1)),
        _level("two letters different", _edits("family_folded", 2)),
        _level("different", _ELSE),
    ),
    "family_name",
)


# ------------------------------------------------------------------------------ dates of birth

_DATE_SQL = {
    "full": '"dob_days_l" IS NOT NULL AND "dob_days_r" IS NOT NULL',
    "swap": (
        '"dob_days_l" IS NOT NULL AND "dob_days_r" IS NOT NULL'
        ' AND "dob_year_l" = "dob_year_r" AND "dob_day_l" = "dob_month_r"'
        ' AND "dob_month_l" = "dob_day_r" AND "dob_day_l" <> "dob_month_l"'
    ),
}


def _padded(column: str, side: str, width: int) -> str:
    return f"lpad(CAST({_sql_col(column, side)} AS VARCHAR), {width}, '0')"


def _keying_error_sql(column: str, width: int) -> str:
    """One digit wrong, or two neighbouring digits exchanged: for strings of one width, exactly
    a Damerau-Levenshtein distance of 1."""
    left, right = _padded(column, "l", width), _padded(column, "r", width)
    return f"damerau_levenshtein({left}, {right}) = 1"


# One CASE, so that the digit comparisons run only for the pairs whose other parts agree.
_NEAR_MISS_SQL = (
    'CASE WHEN "dob_days_l" IS NULL OR "dob_days_r" IS NULL THEN FALSE'
    ' WHEN abs("dob_days_l" - "dob_days_r") = 1 THEN TRUE'
    ' WHEN "dob_year_l" <> "dob_year_r" AND "dob_month_l" = "dob_month_r"'
    ' AND "dob_day_l" = "dob_day_r"'
    f' THEN abs("dob_year_l" - "dob_year_r") = 1 OR {_keying_error_sql("dob_year", 4)}'
    ' WHEN "dob_year_l" = "dob_year_r" AND "dob_month_l" <> "dob_month_r"'
    ' AND "dob_day_l" = "dob_day_r"'
    ' THEN abs("dob_month_l" - "dob_month_r") IN (1, 11)'
    f" OR {_keying_error_sql('dob_month', 2)}"
    ' WHEN "dob_year_l" = "dob_year_r" AND "dob_month_l" = "dob_month_r"'
    f" THEN {_keying_error_sql('dob_day', 2)}"
    " ELSE FALSE END"
)


def _full_dates(left: Row, right: Row) -> bool:
    return left["dob_days"] is not None and right["dob_days"] is not None


def _as_date(row: Row) -> date:
    return date.fromordinal(row["dob_days"])


def _swapped(left: Row, right: Row) -> bool:
    return _full_dates(left, right) and is_day_month_swap(_as_date(left), _as_date(right))


def _near_miss(left: Row, right: Row) -> bool:
    return _full_dates(left, right) and is_near_miss(_as_date(left), _as_date(right))


def _same_month_day_unknown(left: Row, right: Row) -> bool:
    return (
        _same(left["dob_year"], right["dob_year"])
        and _same(left["dob_month"], right["dob_month"])
        and (left["dob_day"] is None or right["dob_day"] is None)
    )


def _same_year_month_unknown(left: Row, right: Row) -> bool:
    return _same(left["dob_year"], right["dob_year"]) and (
        left["dob_month"] is None or right["dob_month"] is None
    )


# A date that is not a real date (1923-11-64) one keying error from the other's real date
# (1923-11-14): a mistyped date of birth, which says more than a missing one. A real date is
# written in full (YYYY-MM-DD), so text one keying error from it is shaped like a date, never
# a placeholder such as "N/K"; two dates that are both not real are left as missing.
_MISTYPED_SQL = _guarded(
    '(("dob_year_l" IS NULL AND "dob_days_r" IS NOT NULL)'
    ' OR ("dob_days_l" IS NOT NULL AND "dob_year_r" IS NULL))'
    ' AND "date_of_birth_l" IS NOT NULL AND "date_of_birth_r" IS NOT NULL'
    ' AND abs(length("date_of_birth_l") - length("date_of_birth_r")) <= 1',
    'damerau_levenshtein("date_of_birth_l", "date_of_birth_r") = 1',
)


def _mistyped(left: Row, right: Row) -> bool:
    a, b = left["date_of_birth"], right["date_of_birth"]
    one_real = (left["dob_year"] is None and right["dob_days"] is not None) or (
        left["dob_days"] is not None and right["dob_year"] is None
    )
    return (
        one_real
        and a is not None
        and b is not None
        and abs(len(a) - len(b)) <= 1
        and jellyfish.damerau_levenshtein_distance(a, b) == 1
    )


def _unknown(left: Row, right: Row) -> bool:
    return (left["dob_year"] is None or right["dob_year"] is None) and not _mistyped(left, right)


DATE_OF_BIRTH = Comparison(
    "date_of_birth",
    "Date of birth: exact, day and month swapped, one keying error, partial dates",
    (
        Level(
            "missing",
            f'("dob_year_l" IS NULL OR "dob_year_r" IS NULL) AND NOT ({_MISTYPED_SQL})',
            _unknown,
            is_null=True,
        ),
        _level("exact", _equal("dob_days")),
        Level("day and month swapped", _DATE_SQL["swap"], _swapped),
        Level("one keying error", _NEAR_MISS_SQL, _near_miss),
        Level("one keying error, not a real date", _MISTYPED_SQL, _mistyped),
        Level(
            "same year and month, day not known",
            '"dob_year_l" = "dob_year_r" AND "dob_month_l" = "dob_month_r"'
            ' AND ("dob_day_l" IS NULL OR "dob_day_r" IS NULL)',
            _same_month_day_unknown,
        ),
        Level(
            "same year, month not known",
            '"dob_year_l" = "dob_year_r" AND ("dob_month_l" IS NULL OR "dob_month_r" IS NULL)',
            _same_year_month_unknown,
        ),
        _level("different", _ELSE),
    ),
    "date_of_birth",
)

SEX = Comparison(
    "sex",
    "Sex (M or F; unknown is missing)",
    (
        _level("missing", _either_missing("sex"), is_null=True),
        _level("same", _equal("sex")),
        _level("different", _ELSE),
    ),
    "sex",
)


# ------------------------------------------------------------------------------------ address


def _no_address(row: Row) -> bool:
    return row["postcode_unit"] is None and row["address_key"] is None


def _same_street(left: Row, right: Row) -> bool:
    return _same(left["address_key"], right["address_key"]) and (
        _same(left["postcode_district"], right["postcode_district"])
        or left["postcode_district"] is None
        or right["postcode_district"] is None
    )


def _same_address(left: Row, right: Row) -> bool:
    return _same(left["address_key"], right["address_key"]) and _same(
        left["postcode_unit"], right["postcode_unit"]
    )


_SAME_ADDRESS_SQL = '"address_key_l" = "address_key_r" AND "postcode_unit_l" = "postcode_unit_r"'
_SAME_POSTCODE_SQL, _same_postcode = _equal("postcode_unit")
_SAME_STREET_SQL = (
    '"address_key_l" = "address_key_r" AND ("postcode_district_l" = "postcode_district_r"'
    ' OR "postcode_district_l" IS NULL OR "postcode_district_r" IS NULL)'
)
# Nobody in a shared home is told apart by the home: only names and dates of birth do that.
# So a shared home counts for a pair only when neither the given name nor the date of birth is
# different; otherwise it counts for nothing (m = u), and siblings, twins, a parent and a child
# of the same name are left to the fields that tell them apart.
_NAME_SQL, _name_not_different = _any_level_but_last(GIVEN_NAME)
_BIRTH_SQL, _birth_not_different = _any_level_but_last(DATE_OF_BIRTH)
_PERSON_SQL = f"{_NAME_SQL} AND {_BIRTH_SQL}"


def _person_agrees(left: Row, right: Row) -> bool:
    return _name_not_different(left, right) and _birth_not_different(left, right)


def _within(column: str, most: int, left: Row, right: Row) -> bool:
    a, b = left[column], right[column]
    return (
        a is not None
        and b is not None
        and abs(len(a) - len(b)) <= most
        and jellyfish.damerau_levenshtein_distance(a, b) <= most
    )


def _within_sql(column: str, most: int) -> tuple[str, str]:
    """(a cheap condition that must hold, the distance itself), so that the distance is worked
    out only where the lengths allow it."""
    left, right = _sql_col(column, "l"), _sql_col(column, "r")
    return (
        f"abs(length({left}) - length({right})) <= {most}",
        f"damerau_levenshtein({left}, {right}) <= {most}",
    )


# The first line and the postcode each written with keying errors (a mistyped house number or
# street, a mistyped postcode): the same home, as far as the address can tell, and like the
# other homes counted only when the person agrees. A UK postcode's keying error is looked for
# within its district (a mistyped district is another place); a postcode with no district
# (another country's) is compared whole.
_NEAR_POSTCODE, _NEAR_LINE = _within_sql("postcode_unit", 1), _within_sql("address_key", 2)
_ONE_DISTRICT_SQL = (
    '("postcode_district_l" = "postcode_district_r"'
    ' OR "postcode_district_l" IS NULL OR "postcode_district_r" IS NULL)'
)
# A pair with the same postcode or first line is in an earlier level or in "same home, but a
# different name or date of birth", so only pairs with both different are looked at; each step
# is in a CASE of its own, cheapest first (DuckDB works out both sides of an AND for every pair,
# and a distance costs far more than an equality).
_BOTH_DIFFER_SQL = '"postcode_unit_l" <> "postcode_unit_r" AND "address_key_l" <> "address_key_r"'
_NEAR_ADDRESS_SQL = _guarded(
    f"{_BOTH_DIFFER_SQL} AND {_NEAR_POSTCODE[0]} AND {_NEAR_LINE[0]} AND {_ONE_DISTRICT_SQL}",
    _guarded(_NEAR_POSTCODE[1], _guarded(_NEAR_LINE[1], _PERSON_SQL)),
)


def _one_district(left: Row, right: Row) -> bool:
    return (
        _same(left["postcode_district"], right["postcode_district"])
        or left["postcode_district"] is None
        or right["postcode_district"] is None
    )


def _near_address(left: Row, right: Row) -> bool:
    return (
        left["postcode_unit"] != right["postcode_unit"]
        and left["address_key"] != right["address_key"]
        and _one_district(left, right)
        and _within("postcode_unit", 1, left, right)
        and _within("address_key", 2, left, right)
        and _person_agrees(left, right)
    )


ADDRESS = Comparison(
    "address",
    "Address as one comparison (first line and postcode together), counted only when the given"
    " name and date of birth are not different",
    (
        Level(
            "missing",
            '("postcode_unit_l" IS NULL AND "address_key_l" IS NULL)'
            ' OR ("postcode_unit_r" IS NULL AND "address_key_r" IS NULL)',
            lambda one, two: _no_address(one) or _no_address(two),
            is_null=True,
        ),
        Level(
            "same address",
            _guarded(f"({_SAME_ADDRESS_SQL})", _PERSON_SQL),
            lambda one, two: _same_address(one, two) and _person_agrees(one, two),
        ),
        Level(
            "same postcode",
            _guarded(f"({_SAME_POSTCODE_SQL})", _PERSON_SQL),
            lambda one, two: _same_postcode(one, two) and _person_agrees(one, two),
        ),
        Level(
            "same street address",
            _guarded(f"({_SAME_STREET_SQL})", _PERSON_SQL),
            lambda one, two: _same_street(one, two) and _person_agrees(one, two),
        ),
        Level("nearly the same address", _NEAR_ADDRESS_SQL, _near_address),
        Level(
            "same home, but a different name or date of birth",
            f"({_SAME_POSTCODE_SQL}) OR ({_SAME_STREET_SQL})",
            lambda one, two: _same_postcode(one, two) or _same_street(one, two),
            fixed=0.01,
        ),
        _level("same postcode sector", _equal("postcode_sector")),
        _level("same postcode district", _equal("postcode_district")),
        _level("different", _ELSE),
    ),
    "address_shown",
)

NHS_NUMBER = _identifier("nhs_number", "nhs_number", "NHS number")
UPN = _identifier("upn", "upn", "Unique pupil number")

COMPARISONS: tuple[Comparison, ...] = (
    GIVEN_NAME,
    FAMILY_NAME,
    DATE_OF_BIRTH,
    SEX,
    ADDRESS,
    NHS_NUMBER,
    UPN,
)

# ------------------------------------------------------------------------------------ conflicts

# (identifier comparison, the reason shown): the same identifier with a different date of birth
# is a wrong identifier or a wrong date, for a person to decide, never an automatic link.
CONFLICTS = (
    (NHS_NUMBER, "same NHS number, different date of birth"),
    (UPN, "same UPN, different date of birth"),
)


def conflict(levels: Mapping[str, str]) -> str | None:
    """Why a pair with these levels (field -> level label) must go to review, or None."""
    if levels.get(DATE_OF_BIRTH.field) != "different":
        return None
    for identifier, reason in CONFLICTS:
        if levels.get(identifier.field) == "same":
            return reason
    return None


def conflict_sql() -> str:
    """The same rule in SQL over a pair's feature columns ("name_l"/"name_r")."""
    different = DATE_OF_BIRTH.gamma(DATE_OF_BIRTH.index_of("different"))
    same = " ".join(
        f"WHEN {identifier.gamma_sql()} = {identifier.gamma(identifier.index_of('same'))}"
        f" THEN '{reason}'"
        for identifier, reason in CONFLICTS
    )
    return f"CASE WHEN {DATE_OF_BIRTH.gamma_sql()} <> {different} THEN NULL {same} END"
