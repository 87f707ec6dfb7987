"""Each comparison level holds for a pair in DuckDB's SQL exactly when it holds in Python.

(The scoring tests check this through Splink for made-up records; here the parts that two
implementations compute, string distance and date arithmetic, are checked on many values.)
"""

from datetime import date, timedelta

import duckdb
import jellyfish
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sightline.identity.linkage.columns import birth_date
from sightline.identity.linkage.comparisons import COMPARISONS, DATE_OF_BIRTH, conflict


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


@settings(max_examples=300)
@given(st.text(alphabet="abcdeé ", max_size=8), st.text(alphabet="abcdeé ", max_size=8))
def test_duckdb_and_jellyfish_agree_on_damerau_levenshtein(con, a, b):
    (distance,) = con.execute("SELECT damerau_levenshtein(?, ?)", [a, b]).fetchall()[0]
    assert distance == jellyfish.damerau_levenshtein_distance(a, b)


def _dob_row(text):
    born = birth_date(text)
    return {
        "dob_year": born.year,
        "dob_month": born.month,
        "dob_day": born.day,
        "dob_days": born.days,
    }


days = st.integers(0, 9000).map(lambda n: date(2000, 1, 1) + timedelta(days=n))


def _written(day, shape):
    return day.isoformat()[: {0: 10, 1: 7, 2: 4}[shape]]


@settings(max_examples=300)
@given(days, days, st.integers(0, 2), st.integers(0, 2), st.booleans())
def test_date_of_birth_levels_agree_in_sql_and_python(con, first, second, s1, s2, close):
    if close:  # near misses and swaps are rare among random dates: make some
        second = first.replace(day=min(first.day, 12), month=min(first.month, 12))
    left, right = _dob_row(_written(first, s1)), _dob_row(_written(second, s2))
    values = {f"{k}_l": v for k, v in left.items()} | {f"{k}_r": v for k, v in right.items()}
    names = ", ".join(f'CAST(${k} AS INTEGER) AS "{k}"' for k in values)
    (gamma,) = con.execute(
        f"SELECT {DATE_OF_BIRTH.gamma_sql()} FROM (SELECT {names})", values
    ).fetchall()[0]
    assert gamma == DATE_OF_BIRTH.gamma(DATE_OF_BIRTH.level_index(left, right))


def test_each_comparison_ends_in_an_else_level_and_starts_with_missing():
    for comparison in COMPARISONS:
        assert comparison.levels[0].is_null and comparison.levels[-1].sql == "ELSE"


def test_an_identifier_shared_with_a_different_birth_date_is_a_conflict():
    assert conflict({"nhs_number": "same", "date_of_birth": "different"}) == (
        "same NHS number, different date of birth"
    )
    assert conflict({"upn": "same", "date_of_birth": "different"}) == (
        "same UPN, different date of birth"
    )
    assert conflict({"nhs_number": "same", "date_of_birth": "one keying error"}) is None
    assert conflict({"nhs_number": "missing", "date_of_birth": "different"}) is None
