"""Which pairs of records are compared at all: the blocking rules, as data. Pure.

Comparing every record with every other is out of reach at a million records, so only pairs
that agree exactly on one of these groups of feature columns are scored. Each group catches
matches that the others miss. Identifiers catch most; then a name and the full date of birth
(for people who moved), the home and a name or the year of birth (for a nickname, a new surname
or a mistyped date).

The same groups are Splink's blocking rules in a batch run (as SQL, `rule_sql`) and the indexed
lookups of real-time matching (`rule_values`), so a new record finds the candidates a batch run
would have compared it with.
"""

from collections.abc import Mapping
from typing import Any

BLOCKING_KEYS: tuple[tuple[str, ...], ...] = (
    ("nhs_number",),
    ("upn",),
    ("dob_days", "given_phonetic"),
    ("dob_days", "family_phonetic"),
    ("postcode_unit", "given_phonetic"),
    ("postcode_unit", "dob_year"),
    ("given_phonetic", "family_phonetic", "dob_year"),
)

# Every feature column some rule reads.
BLOCKING_COLUMNS: tuple[str, ...] = tuple(
    sorted({column for columns in BLOCKING_KEYS for column in columns})
)


def rule_sql(columns: tuple[str, ...]) -> str:
    """A group as a Splink blocking rule: "l.dob_days = r.dob_days AND l.given_phonetic = ..."."""
    return " AND ".join(f"l.{column} = r.{column}" for column in columns)


BLOCKING_RULES: tuple[str, ...] = tuple(rule_sql(columns) for columns in BLOCKING_KEYS)


def rule_values(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """For each rule the record can be blocked on, the values a candidate must equal. A rule
    reading a missing value finds nothing, as in SQL, where NULL equals nothing."""
    found = []
    for columns in BLOCKING_KEYS:
        values = {column: row.get(column) for column in columns}
        if all(value is not None for value in values.values()):
            found.append(values)
    return found


def blocked_together(left: Mapping[str, Any], right: Mapping[str, Any]) -> bool:
    """Whether some rule makes the pair a candidate."""
    return any(
        all(left.get(c) is not None and left.get(c) == right.get(c) for c in columns)
        for columns in BLOCKING_KEYS
    )
