"""The engine links what agencies write differently and keeps apart the people of one home.

Every person here is made up. The model is trained once on a generated population (conftest)
and then links small sets of records written for each behaviour.
"""

import json

import pytest

from benchmarks.linkage_data import GENERATOR_TRUTH
from sightline.identity.linkage import evaluation
from sightline.identity.linkage.engine import (
    LinkageInputError,
    LinkageRun,
    ModelDocument,
    model_load,
    model_save,
)

HOME = {"postcode": "ZY3 4QP", "address": "14 Willow Close, Eastbridge"}


def record(record_id, given, family, born, *, source="school", **fields):
    return {
        "record_id": record_id,
        "source": source,
        "given_name": given,
        "family_name": family,
        "date_of_birth": born,
        "sex": fields.pop("sex", "M"),
        **HOME,
        **fields,
    }


def linked(model, rows):
    """Cluster of each record, and the scored pairs, after linking `rows` with `model`."""
    run = LinkageRun()
    try:
        run.load_rows(rows)
        run.build_features()
        run.use_model(model)
        run.predict()
        run.cluster()
        return run.clusters(), run.pairs()
    finally:
        run.close()


def test_twins_with_one_surname_home_and_birthday_but_different_names_stay_apart(trained_model):
    clusters, _ = linked(
        trained_model,
        [
            record("oliver-school", "Oliver", "Hartley", "2016-04-09"),
            record("oliver-gp", "Oliver", "Hartley", "2016-04-09", source="gp"),
            record("harry-school", "Harry", "Hartley", "2016-04-09"),
            record("harry-gp", "Harry", "Hartley", "2016-04-09", source="gp"),
        ],
    )
    assert clusters["oliver-school"] == clusters["oliver-gp"]
    assert clusters["harry-school"] == clusters["harry-gp"]
    assert clusters["oliver-school"] != clusters["harry-school"]


def test_a_parent_and_child_of_one_name_in_one_home_stay_apart(trained_model):
    clusters, _ = linked(
        trained_model,
        [
            record("mother", "Priya", "Joshi", "1985-06-11", sex="F"),
            record("daughter", "Priya", "Joshi", "2014-11-29", sex="F"),
        ],
    )
    assert clusters["mother"] != clusters["daughter"]


@pytest.mark.parametrize(
    ("written", "other"),
    [
        (("Łukasz", "Łuczak"), ("Lukasz", "Luczak")),
        (("Zofia", "Krężołek"), ("Zofia", "Krezolek")),
        (("Ștefan", "Popescu"), ("Stefan", "Popescu")),
    ],
)
def test_names_with_and_without_diacritics_link(trained_model, written, other):
    clusters, _ = linked(
        trained_model,
        [
            record("police", written[0], written[1], "2012-10-02", source="police", address=""),
            record("school", other[0], other[1], "2012-10-02"),
        ],
    )
    assert clusters["police"] == clusters["school"]


@pytest.mark.parametrize(
    ("formal", "nickname"), [("William", "Bill"), ("Katarzyna", "Kasia"), ("Elizabeth", "Beth")]
)
def test_a_nickname_links_to_the_formal_name(trained_model, formal, nickname):
    clusters, _ = linked(
        trained_model,
        [
            record("gp", formal, "Nowak", "2010-01-15", source="gp"),
            record("school", nickname, "Nowak", "2010-01-15"),
        ],
    )
    assert clusters["gp"] == clusters["school"]


def test_one_nhs_number_with_two_dates_of_birth_goes_to_review_not_a_link(trained_model):
    clusters, pairs = linked(
        trained_model,
        [
            record("gp", "Amelia", "Brown", "2014-02-02", sex="F", nhs_number="9434765919"),
            record("hospital", "Amelia", "Brown", "2019-09-09", sex="F", nhs_number="9434765919"),
        ],
    )
    assert clusters["gp"] != clusters["hospital"]
    (pair,) = pairs
    assert pair["conflict"] == "same NHS number, different date of birth"
    assert pair["match_weight"] >= trained_model.thresholds.lower


def test_a_model_saved_and_loaded_links_the_same(trained_model, tmp_path, population_rows):
    path = tmp_path / "model.json"
    model_save(trained_model, path)
    saved = json.loads(path.read_text())
    assert saved["model_version"] == trained_model.model_version
    assert {"trained_at", "training_summary", "splink_settings", "thresholds"} <= set(saved)
    rows = population_rows[:400]
    assert linked(model_load(path), rows) == linked(trained_model, rows)


def test_a_trained_model_links_its_population_well(population_csv):
    run = LinkageRun()
    try:
        run.load_csv(population_csv, truth_column=GENERATOR_TRUTH)
        run.build_features()
        model = run.train(seed=1)
        run.predict()
        run.cluster()
        scores = evaluation.pairwise_scores(run.cluster_contingency())
    finally:
        run.close()
    assert isinstance(model, ModelDocument)
    assert scores.precision > 0.97 and scores.recall > 0.97


def test_a_model_trained_without_identifiers_links_its_population_well(population_rows):
    run = LinkageRun()
    try:
        run.load_rows(
            [{**row, "nhs_number": "", "upn": ""} for row in population_rows],
            truth_column=GENERATOR_TRUTH,
        )
        run.build_features()
        run.train(seed=1)
        run.predict()
        run.cluster()
        scores = evaluation.pairwise_scores(run.cluster_contingency())
    finally:
        run.close()
    assert scores.precision > 0.97 and scores.recall > 0.98


def test_the_features_the_engine_builds_are_those_of_columns_feature_row(population_rows):
    from sightline.identity.linkage.columns import feature_row

    rows = population_rows[:300]
    run = LinkageRun()
    try:
        run.load_rows(rows)
        run.build_features()
        built = run.feature_rows()
    finally:
        run.close()
    for row in rows:
        expected = feature_row(row)
        assert built[expected["unique_id"]] == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("given_name,family_name\nAnn,Lee\n", "no record_id column"),
        ("record_id,given_name\n ,Ann\n", "1 rows have no record_id"),
        ("record_id,given_name\na,Ann\na,Bea\n", "must be unique; repeated: 'a'"),
    ],
)
def test_a_file_that_cannot_be_linked_is_refused_with_the_reason(tmp_path, text, message):
    path = tmp_path / "records.csv"
    path.write_text(text)
    run = LinkageRun()
    try:
        with pytest.raises(LinkageInputError, match=message):
            run.load_csv(path)
    finally:
        run.close()


def test_a_missing_truth_column_is_named(tmp_path):
    path = tmp_path / "records.csv"
    path.write_text("record_id,given_name\na,Ann\n")
    run = LinkageRun()
    try:
        with pytest.raises(LinkageInputError, match="no person_id column"):
            run.load_csv(path, truth_column="person_id")
    finally:
        run.close()


def test_scoring_before_a_model_is_refused():
    run = LinkageRun()
    try:
        run.load_rows([{"record_id": "a"}])
        run.build_features()
        with pytest.raises(LinkageInputError, match="model"):
            run.predict()
    finally:
        run.close()


def test_a_conflict_goes_to_review_even_when_its_weight_is_low(trained_model):
    _, pairs = linked(
        trained_model,
        [
            record("brother", "Jacob", "Ward", "2013-05-05", nhs_number="9434765919"),
            record("sister", "Emily", "Ward", "2017-10-10", sex="F", nhs_number="9434765919"),
        ],
    )
    (pair,) = pairs
    assert pair["conflict"] == "same NHS number, different date of birth"
    assert pair["match_weight"] < trained_model.thresholds.lower
