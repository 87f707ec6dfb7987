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

from sightline.identity.linkage.columns import birth_date, feature_row
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
        "date_of_birth": born.shown or text,
        "dob_year": born.year,
        "dob_month": born.month,
        "dob_day": born.day,
        "dob_days": born.days,
    }


days = st.integers(0, 9000).map(lambda n: date(2000, 1, 1) + timedelta(days=n))


def _written(day, shape):
    """The full date, its year and month, its year; one not a real date (its day's first
    digit mistyped as 4: 2003-04-47); or none."""
    if shape == 3:
        return f"{day.isoformat()[:8]}4{day.isoformat()[9]}"
    if shape == 4:
        return None
    return day.isoformat()[: {0: 10, 1: 7, 2: 4}[shape]]


@settings(max_examples=400)
@given(days, days, st.integers(0, 4), st.integers(0, 4), st.booleans())
def test_date_of_birth_levels_agree_in_sql_and_python(con, first, second, s1, s2, close):
    if close:  # near misses and swaps are rare among random dates: make some
        second = first.replace(day=min(first.day, 12), month=min(first.month, 12))
    left, right = _dob_row(_written(first, s1)), _dob_row(_written(second, s2))
    values = {f"{k}_l": v for k, v in left.items()} | {f"{k}_r": v for k, v in right.items()}
    names = ", ".join(
        f'CAST(${k} AS {"VARCHAR" if k.startswith("date_of_birth") else "INTEGER"}) AS "{k}"'
        for k in values
    )
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


# Records from a few letters and digits, so that random pairs often fall in the levels between
# exact and different: names swapped or a letter apart, a date mistyped, a postcode or first
# line of an address a keying error apart.
_letters = st.text(alphabet="abn", min_size=1, max_size=5)
_records = st.fixed_dictionaries(
    {
        "record_id": st.just("r"),
        "given_name": st.none() | _letters,
        "family_name": st.none() | _letters,
        "date_of_birth": st.none()
        | st.sampled_from(["2015-03-07", "2015-07-03", "2015-03-08", "2015-03-47", "2016-03-07"]),
        "postcode": st.none() | st.sampled_from(["2615", "2651", "2616", "ZY1 1AA", "ZY1 1AB"]),
        "address": st.none() | st.sampled_from(["1 ab road", "1 ba road", "11 ab road", "7 nn"]),
    }
)
_LIST_COLUMNS = ("given_keys", "surname_keys", "surname_sounds")
_INTEGER_COLUMNS = ("dob_year", "dob_month", "dob_day", "dob_days")


def _sql_type(column):
    if column in _LIST_COLUMNS:
        return "VARCHAR[]"
    return "INTEGER" if column in _INTEGER_COLUMNS else "VARCHAR"


@settings(max_examples=300)
@given(_records, _records)
def test_every_comparison_puts_a_pair_in_the_same_level_in_sql_and_python(con, first, second):
    left, right = feature_row(first), feature_row(second)
    values = {f"{k}_l": v for k, v in left.items()} | {f"{k}_r": v for k, v in right.items()}
    names = ", ".join(
        f'CAST(${k} AS {_sql_type(k.removesuffix("_l").removesuffix("_r"))}) AS "{k}"'
        for k in values
    )
    gammas = ", ".join(comparison.gamma_sql() for comparison in COMPARISONS)
    found = con.execute(f"SELECT {gammas} FROM (SELECT {names})", values).fetchall()[0]
    expected = tuple(c.gamma(c.level_index(left, right)) for c in COMPARISONS)
    assert found == expected
