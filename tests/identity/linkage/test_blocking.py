"""The blocking rules as data: the same pairs whether Splink finds them in a batch run or
real-time matching finds them one record at a time."""

import itertools
import math

from sightline.identity.linkage.blocking import (
    BLOCKING_KEYS,
    BLOCKING_RULES,
    blocked_together,
    rule_values,
)
from sightline.identity.linkage.engine import LinkageRun


def test_each_rule_is_its_columns_compared_for_equality():
    assert BLOCKING_RULES[2] == "l.dob_days = r.dob_days AND l.given_phonetic = r.given_phonetic"
    assert len(BLOCKING_RULES) == len(BLOCKING_KEYS)


def test_a_rule_reading_a_missing_value_finds_nothing():
    row = {
        "nhs_number": None,
        "upn": "A123456789012",
        "dob_days": 736000,
        "given_phonetic": "TNL",
        "family_phonetic": None,
        "postcode_unit": None,
        "dob_year": 2016,
    }
    assert rule_values(row) == [
        {"upn": "A123456789012"},
        {"dob_days": 736000, "given_phonetic": "TNL"},
    ]
    assert not blocked_together(row, {**row, "upn": None, "dob_days": None})
    assert blocked_together(row, {**row, "upn": None})


def test_splink_compares_exactly_the_pairs_the_rules_make_candidates(
    trained_model, population_rows
):
    run = LinkageRun()
    try:
        run.load_rows(population_rows[:700])
        run.build_features()
        run.use_model(trained_model)
        run.predict(lower=-math.inf)  # every candidate pair, whatever its weight
        found = {frozenset((str(p["unique_id_l"]), str(p["unique_id_r"]))) for p in run.pairs()}
        rows = list(run.feature_rows().values())
    finally:
        run.close()

    expected = {
        frozenset((left["unique_id"], right["unique_id"]))
        for left, right in itertools.combinations(rows, 2)
        if blocked_together(left, right)
    }
    assert len(expected) > 100
    assert found == expected
