"""The Python scorer scores a pair exactly as Splink does, level by level and in weight.

The records are made up to put pairs in every level of every comparison; all their pairs are
scored by Splink (on DuckDB) and by the scorer, with the same trained model.
"""

import math

import pytest

from sightline.identity.linkage.comparisons import COMPARISONS
from sightline.identity.linkage.engine import LinkageRun
from sightline.identity.linkage.scoring import ModelMismatch, Scorer

FIELDS = (
    "record_id",
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
POOL = [
    (
        "b0",
        "Katarzyna",
        "Kowalska",
        "",
        "2015-03-07",
        "F",
        "ZY1 1AA",
        "1 Mill Lane, Eastbridge",
        "9434765919",
        "",
    ),
    ("b1", "Kasia", "Kowalski", "", "2015-07-03", "F", "ZY1 1AB", "1 Mill Lane", "9434765919", ""),
    ("b2", "Katarzyna", "Kovalska", "", "2015-03-08", "F", "ZY1 1AA", "2 Mill Lane", "", ""),
    ("b3", "Mary", "Snith", "", "2015-03", "U", "ZY1 2AA", "", "9434765920", ""),
    ("b4", "", "Smith", "", "2015", "M", "ZY1 1AC", "5 Oak Road", "", "A12345678901B"),
    ("b5", "Mary", "Snith", "Mary Smith", "1990-01-01", "F", "", "", "", "A12345678901B"),
    (
        "b6",
        "Marz",
        "Smith",
        "",
        "1990-01-01",
        "F",
        "ZY9 9ZZ",
        "9 Elm Street",
        "1234567890",
        "A12345678901B",
    ),
    (
        "b7",
        "Harry",
        "Kowalski",
        "",
        "2015-03-07",
        "M",
        "ZY1 1AA",
        "1 Mill Lane",
        "9434765919",
        "C98765432101D",
    ),
    (
        "b8",
        "Katarzyna",
        "Kowalska",
        "",
        "2019-11-11",
        "F",
        "ZY1 1AA",
        "1 Mill Lane",
        "9434765919",
        "",
    ),
    ("b9", "Jakub", "Nowak", "", "", "", "ZY5 5AA", "3 High St", "", ""),
    ("b10", "Yakub", "Nowak", "", "2001-02-03", "M", "zy55aa", "3 High Street", "", ""),
    ("b11", "Łukasz", "Łuczak", "", "2016-12-31", "M", "ZY5 5AB", "3 High Street", "", ""),
    ("b12", "Lukasz", "Luczak", "", "2017-01-01", "M", "ZY5 5AA", "4 High Street", "", ""),
    ("b13", "William", "Jones", "", "2011-05-20", "M", "ZY7 7AA", "8 Park Road", "", ""),
    ("b14", "Bill", "Jones-Smith", "", "2011-05-21", "M", "ZY7 7AA", "8 Park Rd", "", ""),
    ("b15", "Oliver", "Jones", "", "2011-05-20", "M", "ZY7 7AA", "8 Park Road", "", ""),
    ("b16", "Zofia", "", "", "2001-02-03", "F", "", "", "", ""),
    ("b17", "Rowe", "Zain", "", "1988-08-08", "M", "ZY8 8AA", "2 Ash Road", "", ""),
    ("b18", "Zain", "Rowe", "", "1988-08-08", "M", "ZY8 8AA", "2 Ash Road", "", ""),
    ("b19", "Zara", "Rowe", "", "1990-10-10", "F", "ZY8 8AA", "2 Ash Road", "", ""),
    ("b20", "Amy", "Brown", "", "1999-09-09", "F", "ZY2 2AA", "5 Oak Road", "", ""),
    ("b21", "Amy", "Brook", "", "1999-09-09", "F", "ZY2 2AA", "5 Oak Road", "", ""),
    # Names the wrong way round, one of them mistyped; a date that is not a real one.
    ("b22", "Rowe", "Zian", "", "1988-08-48", "M", "ZY8 8AA", "2 Ash Road", "", ""),
    # The first line and the postcode each mistyped.
    ("b23", "Amy", "Brown", "", "1999-09-09", "F", "ZY2 2AB", "5 Oak Raod", "", ""),
]


def pool_rows():
    return [dict(zip(FIELDS, values, strict=True), source="test") for values in POOL]


@pytest.fixture(scope="module")
def splink_pairs(trained_model):
    run = LinkageRun()
    try:
        run.load_rows(pool_rows())
        run.build_features()
        run.use_model(trained_model)
        run.predict(keep_levels=True, every_pair=True, lower=-math.inf)
        return run.pairs(), run.feature_rows()
    finally:
        run.close()


def test_every_level_of_every_comparison_is_exercised(splink_pairs):
    pairs, _ = splink_pairs
    for comparison in COMPARISONS:
        seen = {pair[f"gamma_{comparison.field}"] for pair in pairs}
        missing = [
            level.label
            for index, level in enumerate(comparison.levels)
            if comparison.gamma(index) not in seen
        ]
        assert not missing, f"{comparison.field}: no pair at {missing}"


def test_the_scorer_puts_each_pair_in_the_level_splink_does(splink_pairs, trained_model):
    pairs, rows = splink_pairs
    scorer = Scorer(trained_model.as_json())
    for pair in pairs:
        scored = scorer.score(rows[pair["unique_id_l"]], rows[pair["unique_id_r"]])
        for comparison, contribution in zip(COMPARISONS, scored.contributions, strict=True):
            index = comparison.index_of(contribution.level)
            assert comparison.gamma(index) == pair[f"gamma_{comparison.field}"], (
                pair["unique_id_l"],
                pair["unique_id_r"],
                comparison.field,
            )
            assert contribution.weight == pytest.approx(pair[f"mw_{comparison.field}"], abs=1e-9)


def test_the_scorer_gives_the_match_weight_and_probability_splink_does(splink_pairs, trained_model):
    pairs, rows = splink_pairs
    scorer = Scorer(trained_model.as_json())
    assert len(pairs) == len(POOL) * (len(POOL) - 1) // 2
    for pair in pairs:
        scored = scorer.score(rows[pair["unique_id_l"]], rows[pair["unique_id_r"]])
        assert abs(scored.match_weight - pair["match_weight"]) <= 1e-9
        assert abs(scored.match_probability - pair["match_probability"]) <= 1e-9
        assert scored.conflict == pair["conflict"]


def test_scoring_records_builds_their_features_first(trained_model):
    scorer = Scorer(trained_model.as_json())
    left, right = pool_rows()[13], pool_rows()[14]  # William Jones, Bill Jones-Smith
    pair = scorer.score_records(left, right)
    given = next(c for c in pair.contributions if c.field == "given_name")
    assert (given.level, given.left, given.right) == ("nickname or other form", "William", "Bill")
    assert pair.match_weight == pytest.approx(
        scorer.prior_weight + sum(c.weight for c in pair.contributions)
    )


def test_a_model_with_other_levels_is_refused(trained_model):
    document = trained_model.as_json()
    levels = document["splink_settings"]["comparisons"][0]["comparison_levels"]
    levels[1]["sql_condition"] = '"given_name_l" = "given_name_r"'
    with pytest.raises(ModelMismatch):
        Scorer(document)


def test_the_scorer_agrees_with_splink_on_a_generated_populations_candidate_pairs(
    trained_model, population_rows
):
    run = LinkageRun()
    try:
        run.load_rows(population_rows[:800])
        run.build_features()
        run.use_model(trained_model)
        run.predict(keep_levels=True, lower=-math.inf)
        pairs, rows = run.pairs(), run.feature_rows()
    finally:
        run.close()
    scorer = Scorer(trained_model.as_json())
    assert len(pairs) > 500
    for pair in pairs:
        scored = scorer.score(rows[pair["unique_id_l"]], rows[pair["unique_id_r"]])
        assert abs(scored.match_weight - pair["match_weight"]) <= 1e-9
        assert scored.conflict == pair["conflict"]
