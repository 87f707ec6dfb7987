"""`sightline link --input FILE --output FILE [--truth COLUMN]`: clusters and a summary."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from benchmarks.linkage_data import generated_csv
from tests.identity.linkage.spark import require_spark


@pytest.fixture(scope="module")
def records_csv(tmp_path_factory):
    return generated_csv(300, 7, tmp_path_factory.mktemp("population"))


def test_linking_a_file_prints_a_summary_and_precision_and_recall(records_csv, tmp_path):
    output = tmp_path / "clusters.csv"
    out = io.StringIO()
    call_command(
        "linkage_link", input=str(records_csv), output=str(output), truth="person_id", stdout=out
    )
    text = out.getvalue()
    with open(records_csv, newline="", encoding="utf-8") as file:
        records = sum(1 for _ in csv.DictReader(file))
    assert re.search(rf"records\s+│\s+{records:,}", text)
    pairs = re.search(r"pairs\s+│\s+([\d.]+)\s+│\s+([\d.]+)\s+│\s+([\d.]+)", text)
    assert pairs is not None and all(0.9 < float(value) <= 1.0 for value in pairs.groups())
    assert text.rstrip().endswith(f"clusters written to {output}")
    with open(output, newline="", encoding="utf-8") as file:
        assert sum(1 for _ in csv.DictReader(file)) == records


def test_without_a_truth_column_no_metrics_are_printed(records_csv, tmp_path):
    out = io.StringIO()
    call_command("linkage_link", input=str(records_csv), output=str(tmp_path / "c.csv"), stdout=out)
    assert "Precision" not in out.getvalue() and "clusters" in out.getvalue()


def test_a_bad_file_is_a_command_error_that_says_why(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("given_name\nAnn\n")
    with pytest.raises(CommandError, match="no record_id column"):
        call_command("linkage_link", input=str(bad), output=str(tmp_path / "c.csv"))


def test_the_link_verb_runs_the_command():
    from sightline.cli.main import translate

    assert translate(["link", "--input", "a.csv"]) == ["linkage_link", "--input", "a.csv"]


def test_the_spark_engine_is_refused_without_a_saved_model(records_csv, tmp_path):
    output = tmp_path / "clusters.csv"
    with pytest.raises(CommandError, match="train one first with the default engine and --save"):
        call_command("linkage_link", input=str(records_csv), output=str(output), engine="spark")
    assert not output.exists()


def test_the_spark_engine_links_files_only():
    with pytest.raises(CommandError, match="--engine spark links a file"):
        call_command("linkage_link", engine="spark")


@pytest.mark.slow
def test_the_spark_engine_writes_the_clusters_duckdb_writes_with_the_same_model(
    records_csv, tmp_path
):
    require_spark()
    model, on_duckdb, on_spark = (tmp_path / n for n in ("m.json", "duckdb.csv", "spark.csv"))
    call_command(
        "linkage_link",
        input=str(records_csv),
        output=str(on_duckdb),
        save_model=str(model),
        stdout=io.StringIO(),
    )
    out = io.StringIO()
    call_command(
        "linkage_link",
        input=str(records_csv),
        output=str(on_spark),
        model=str(model),
        engine="spark",
        stdout=out,
    )
    assert re.search(r"engine\s+│\s+Apache Spark", out.getvalue())
    assert re.search(r"time: starting Spark\s+│\s+[\d.]+ s", out.getvalue())
    assert "(loaded)" in out.getvalue()
    assert on_spark.read_text() == on_duckdb.read_text()
