"""Linking a CSV file: clusters out, a summary, progress by stage, metrics with a truth column."""

import csv

import pytest

from benchmarks.linkage_data import GENERATOR_TRUTH
from sightline.identity.linkage.engine import model_save
from sightline.identity.linkage.files import LinkageInputError, link_file


def read_clusters(path):
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_a_file_is_linked_into_clusters_with_progress_and_metrics(population_csv, tmp_path):
    output, model = tmp_path / "clusters.csv", tmp_path / "model.json"
    stages = []
    summary = link_file(
        input_path=population_csv,
        output_path=output,
        truth_column=GENERATOR_TRUTH,
        save_model_path=model,
        progress=lambda stage, number, total: stages.append((stage, number, total)),
    )
    assert [stage for stage, _, _ in stages] == [
        "reading",
        "preparing",
        "training",
        "saving model",
        "scoring",
        "clustering",
        "writing",
        "evaluating",
    ]
    assert [number for _, number, _ in stages] == list(range(1, 9))
    assert set(summary.seconds) == {stage for stage, _, _ in stages}
    rows = read_clusters(output)
    assert list(rows[0]) == ["record_id", "cluster_id", "match_weight"]
    assert len(rows) == summary.records == len({row["record_id"] for row in rows})
    assert len({row["cluster_id"] for row in rows}) == summary.clusters
    joined = [row for row in rows if row["match_weight"]]
    assert all(float(row["match_weight"]) >= summary.thresholds.upper for row in joined)
    assert summary.truth is not None
    assert summary.truth.pairwise.f1 > 0.97 and summary.truth.blocking_recall > 0.97
    assert model.exists() and summary.trained


def test_a_saved_model_links_another_file_without_training(population_csv, tmp_path, trained_model):
    model = tmp_path / "model.json"
    model_save(trained_model, model)
    summary = link_file(
        input_path=population_csv, output_path=tmp_path / "out.csv", model_path=model
    )
    assert not summary.trained and summary.truth is None
    assert summary.model_version == trained_model.model_version
    assert "training" not in summary.seconds and "loading model" in summary.seconds


def test_linking_across_sources_only_never_joins_two_records_of_one_source(tmp_path, trained_model):
    path = tmp_path / "in.csv"
    path.write_text(
        "record_id,source,given_name,family_name,date_of_birth,postcode,address\n"
        "a1,A,Mia,Rowe,2012-02-02,ZY1 1AA,1 Elm Road\n"
        "a2,A,Mia,Rowe,2012-02-02,ZY1 1AA,1 Elm Road\n"
        "b1,B,Mia,Rowe,2012-02-02,ZY1 1AA,1 Elm Road\n"
    )
    model = tmp_path / "model.json"
    model_save(trained_model, model)
    output = tmp_path / "out.csv"
    both = link_file(input_path=path, output_path=output, model_path=model)
    across = link_file(
        input_path=path, output_path=output, model_path=model, across_sources_only=True
    )
    assert (both.pairs_scored, across.pairs_scored) == (3, 2)


def test_true_pairs_not_linked_are_counted_with_those_left_for_review(tmp_path, trained_model):
    # The truth joins three pairs: one plainly the same, one sharing an NHS number but not a
    # date of birth (a conflict, which always goes to review), one with nothing in common.
    path = tmp_path / "in.csv"
    path.write_text(
        "record_id,source,given_name,family_name,date_of_birth,postcode,address,nhs_number,who\n"
        "a1,A,Mia,Rowe,2012-02-02,ZY1 1AA,1 Elm Road,,p1\n"
        "b1,B,Mia,Rowe,2012-02-02,ZY1 1AA,1 Elm Road,,p1\n"
        "a2,A,Tom,Hale,1990-05-06,ZY2 2BB,4 Oak Lane,9434765919,p2\n"
        "b2,B,Tom,Hale,1971-08-19,ZY2 2BB,4 Oak Lane,9434765919,p2\n"
        "a3,A,Ruth,Quill,1985-01-01,ZY3 3CC,9 Ash Way,,p3\n"
        "b3,B,Zoe,Marsh,2001-07-07,ZY4 4DD,2 Yew Row,,p3\n"
    )
    model = tmp_path / "model.json"
    model_save(trained_model, model)
    summary = link_file(
        input_path=path, output_path=tmp_path / "out.csv", model_path=model, truth_column="who"
    )
    assert summary.truth is not None
    assert summary.truth.true_pairs == 3
    assert (summary.truth.true_pairs_missed, summary.truth.true_pairs_for_review) == (2, 1)


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(LinkageInputError, match="no such file"):
        link_file(input_path=tmp_path / "none.csv", output_path=tmp_path / "out.csv")


def test_an_output_that_cannot_be_written_is_an_input_error(tmp_path, trained_model):
    path = tmp_path / "in.csv"
    path.write_text("record_id,given_name\na,Ann\n")
    model = tmp_path / "model.json"
    model_save(trained_model, model)
    with pytest.raises(LinkageInputError, match="cannot write"):
        link_file(input_path=path, output_path=tmp_path / "no" / "out.csv", model_path=model)
