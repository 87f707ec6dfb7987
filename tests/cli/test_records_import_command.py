"""`sightline import FILE --agency CODE`: a summary on success, every problem on failure."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connections

from sightline.cli.management.commands.records_import import Command
from tests.records.test_imports import injury, jsonl, person, table_counts

pytestmark = pytest.mark.django_db


def run_like_the_shell(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    """As `sightline import …` runs it: exit code, stdout and stderr. (The command closes the
    database connections as it ends, which would end the test's own transaction too.)"""
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["sightline", "records_import", *args])
        raise SystemExit(0)
    captured = capsys.readouterr()
    return int(exit_.value.code or 0), captured.out, captured.err


def test_a_good_file_prints_a_summary_and_the_committed_import(school, tmp_path):
    path = str(jsonl(tmp_path, [person(), injury()]))
    out = io.StringIO()
    call_command("records_import", path, agency=school.code, stdout=out)
    lines = out.getvalue().splitlines()
    assert re.fullmatch(r"committed import [0-9a-f-]{36}", lines[-1])
    persons = next(line for line in lines if "persons" in line)
    events = next(line for line in lines if "events" in line)
    assert re.findall(r"\d+", persons) == ["1", "0", "0"]  # created, amended, unchanged
    assert re.findall(r"\d+", events) == ["1", "0", "0"]


def test_the_same_file_again_reports_that_nothing_changed(school, tmp_path):
    path = str(jsonl(tmp_path, [person(), injury()]))
    call_command("records_import", path, agency=school.code, stdout=io.StringIO())
    out = io.StringIO()
    call_command("records_import", path, agency=school.code, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "nothing changed"
    assert re.findall(r"\d+", next(line for line in lines if "events" in line)) == ["0", "0", "1"]


def test_bad_rows_are_each_listed_with_their_field_and_nothing_is_stored(
    school, tmp_path, capsys, monkeypatch
):
    path = jsonl(
        tmp_path,
        [person(), injury(child_seen="maybe"), injury(reference="I-2", child="P-404")],
    )
    before = table_counts()
    code, out, err = run_like_the_shell(capsys, monkeypatch, str(path), "--agency", school.code)
    assert code != 0
    assert "row 2, field child_seen.answer: " in err
    assert "row 3, field subjects.0.person: no person 'P-404'" in err
    assert "Traceback" not in err and "committed" not in out
    assert table_counts() == before


@pytest.mark.parametrize(
    ("file_name", "agency", "expected"),
    [
        ("missing.jsonl", "oak-primary", "There is no file"),
        ("records.jsonl", "no-such-agency", "no agency with the code 'no-such-agency'"),
    ],
)
def test_a_missing_file_or_an_unknown_agency_is_a_one_line_error(
    school, tmp_path, capsys, monkeypatch, file_name, agency, expected
):
    jsonl(tmp_path, [person()], name="records.jsonl")
    path = str(tmp_path / file_name)
    code, _, err = run_like_the_shell(capsys, monkeypatch, path, "--agency", agency)
    assert code != 0
    assert expected in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
