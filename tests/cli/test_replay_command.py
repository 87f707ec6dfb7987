"""`sightline replay FILE`: dated signals printed, and the same written as JSON and CSV."""

import csv
import json
import re

import pytest
from django.db import connections

from sightline.cli.main import translate
from sightline.cli.management.commands.risk_replay import Command
from sightline.risk.rules import multi_agency_concerns
from tests.records.test_imports import jsonl, table_counts
from tests.risk.test_replay import (
    TEST_RULESET,
    chronology,
    make_case_agencies,
    register_test_ruleset,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _test_ruleset(monkeypatch):
    register_test_ruleset(monkeypatch)


@pytest.fixture
def case_agencies(make_agency):
    return make_case_agencies(make_agency)


def replay(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    """As `sightline replay …` runs it: exit code, stdout and stderr, on a terminal wide enough
    that no cell of the table wraps. (The command closes the database connections as it ends,
    which would end the test's own transaction too.)"""
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["sightline", "risk_replay", *args])
        raise SystemExit(0)
    captured = capsys.readouterr()
    return int(exit_.value.code or 0), captured.out, captured.err


def test_the_verb_replay_runs_the_replay_command():
    assert translate(["replay", "file.csv", "--as-of", "2024-01-01"]) == [
        "risk_replay",
        "file.csv",
        "--as-of",
        "2024-01-01",
    ]


def test_prints_the_dated_signal_and_writes_the_same_as_json_and_csv(
    case_agencies, tmp_path, capsys, monkeypatch
):
    path = jsonl(tmp_path, chronology(), name="review.jsonl")
    out = tmp_path / "out"
    code, printed, _ = replay(
        capsys, monkeypatch, str(path), "--rules", TEST_RULESET, "--out", str(out)
    )
    assert code == 0
    written = json.loads((out / "signals.json").read_text())
    assert written["ruleset"] == TEST_RULESET
    [signal] = written["signals"]
    assert signal["fired_on"] == "2024-03-22"
    assert (signal["rule_id"], signal["version"]) == ("multi_agency_concerns", 1)
    assert [e["source_reference"] for e in signal["evidence"]] == ["SCH-EV-1", "POL-INC-1"]
    # Everything the file says is in the printed table too.
    for text in (
        signal["fired_on"],
        "multi_agency_concerns v1",
        multi_agency_concerns.TITLE,
        *(
            f"{e['date']} {e['agency']} {e['kind']} {e['source_reference']}"
            for e in signal["evidence"]
        ),
        *(a["description"] for a in signal["reached"]),
        *(f"{r['agency']} {r['source_reference']} ({r['name']})" for r in signal["child"]),
    ):
        assert text in printed, text
    with (out / "signals.csv").open(newline="", encoding="utf-8") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["fired_on"] == signal["fired_on"]
    assert row["rule_id"] == signal["rule_id"] and row["version"] == str(signal["version"])
    assert row["title"] == signal["title"] and row["explanation"] == signal["explanation"]
    assert row["evidence"] == "; ".join(
        f"{e['date']} {e['agency']} {e['kind']} {e['source_reference']}" for e in signal["evidence"]
    )
    assert row["reached"] == "; ".join(a["description"] for a in signal["reached"])
    assert f"Written to {out / 'signals.json'} and {out / 'signals.csv'}." in printed


def test_without_out_the_files_go_beside_the_working_directory(
    case_agencies, tmp_path, capsys, monkeypatch
):
    path = jsonl(tmp_path, chronology(), name="review.jsonl")
    monkeypatch.chdir(tmp_path)
    code, printed, _ = replay(capsys, monkeypatch, str(path), "--rules", TEST_RULESET)
    assert code == 0
    assert (tmp_path / "replay-review" / "signals.csv").exists()
    assert str(tmp_path / "replay-review" / "signals.json") in printed


def test_as_of_before_the_second_concern_prints_no_signal(
    case_agencies, tmp_path, capsys, monkeypatch
):
    path = jsonl(tmp_path, chronology())
    out = tmp_path / "out"
    args = (str(path), "--rules", TEST_RULESET, "--as-of", "2024-03-21", "--out", str(out))
    code, printed, _ = replay(capsys, monkeypatch, *args)
    assert code == 0
    assert "as of 2024-03-21: 0 signals" in printed
    assert json.loads((out / "signals.json").read_text())["signals"] == []


def test_a_bad_file_exits_non_zero_naming_row_and_field(
    case_agencies, tmp_path, capsys, monkeypatch
):
    records = chronology()
    records[6]["child_seen"] = "maybe"
    records[7]["subjects"][0]["person"] = "POL-404"
    path = jsonl(tmp_path, records)
    before = table_counts()
    code, _, err = replay(capsys, monkeypatch, str(path), "--out", str(tmp_path / "out"))
    assert code != 0
    assert "row 7, field child_seen.answer: " in err
    assert "row 8, field subjects.0.person: no person 'POL-404'" in err
    assert "Nothing was replayed" in err
    assert not (tmp_path / "out").exists()
    assert table_counts() == before


def test_the_database_is_unchanged_by_a_replay(case_agencies, tmp_path, capsys, monkeypatch):
    before = table_counts()
    path = jsonl(tmp_path, chronology())
    code, _, _ = replay(capsys, monkeypatch, str(path), "--out", str(tmp_path / "out"))
    assert code == 0
    assert table_counts() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--rules", "1999.9"), "no rule set '1999.9'"),
        (("--as-of", "31/03/2024"), "--as-of '31/03/2024': give a date as YYYY-MM-DD"),
    ],
)
def test_bad_options_are_named(case_agencies, tmp_path, capsys, monkeypatch, args, message):
    path = jsonl(tmp_path, chronology())
    code, _, err = replay(capsys, monkeypatch, str(path), *args)
    assert code != 0
    assert re.search(re.escape(message), err)
