"""The Spark engine scores with a model that a DuckDB run trained and saved: on FEBRL4, the same
candidate pairs, match weights, conflicts and clusters as DuckDB."""

import csv
import math

import pytest

from benchmarks.linkage_data import FEBRL_TRUTH, febrl_csv
from sightline.identity.linkage.engine import LinkageRun, model_load, model_save
from sightline.identity.linkage.files import LinkageInputError, link_file
from tests.identity.linkage.spark import require_spark


def linked(run, path, model, clusters_path):
    run.load_csv(path, truth_column=FEBRL_TRUTH)
    run.build_features()
    run.use_model(model, across_sources_only=True)
    run.predict()
    run.cluster()
    run.write_clusters(clusters_path)
    return {(p["unique_id_l"], p["unique_id_r"]): p for p in run.pairs()}, run.clusters()


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.mark.slow
def test_spark_scores_febrl4_with_the_saved_model_exactly_as_duckdb_does(tmp_path):
    require_spark()
    from sightline.identity.linkage.spark_engine import SparkLinkageRun

    records = febrl_csv(4, tmp_path, with_soc_sec_id=True)
    trainer = LinkageRun()
    try:
        trainer.load_csv(records, truth_column=FEBRL_TRUTH)
        trainer.build_features()
        model_save(trainer.train(seed=1, across_sources_only=True), tmp_path / "model.json")
    finally:
        trainer.close()
    model = model_load(tmp_path / "model.json")

    duckdb_run = LinkageRun()
    try:
        duckdb_pairs, duckdb_clusters = linked(duckdb_run, records, model, tmp_path / "duckdb.csv")
        duckdb_counts = duckdb_run.counts
    finally:
        duckdb_run.close()
    spark_run = SparkLinkageRun()
    try:
        spark_pairs, spark_clusters = linked(spark_run, records, model, tmp_path / "spark.csv")
        spark_counts = spark_run.counts
    finally:
        spark_run.close()

    # FEBRL4 is 5,000 people recorded once in A and once in B: most pairs link A to B.
    assert 4_000 < len(duckdb_pairs) < 10_000
    assert spark_pairs.keys() == duckdb_pairs.keys()
    for key, expected in duckdb_pairs.items():
        found = spark_pairs[key]
        assert math.isclose(found["match_weight"], expected["match_weight"], abs_tol=1e-9), key
        assert math.isclose(
            found["match_probability"], expected["match_probability"], abs_tol=1e-12
        )
        assert found["conflict"] == expected["conflict"], key
    assert any(pair["conflict"] for pair in duckdb_pairs.values())
    assert spark_clusters == duckdb_clusters
    assert spark_counts == duckdb_counts
    assert read_rows(tmp_path / "spark.csv") == read_rows(tmp_path / "duckdb.csv")


def test_spark_is_refused_without_a_saved_model_before_anything_is_read(tmp_path):
    with pytest.raises(LinkageInputError, match="train one first with the default engine"):
        link_file(
            input_path=tmp_path / "absent.csv", output_path=tmp_path / "out.csv", engine="spark"
        )
