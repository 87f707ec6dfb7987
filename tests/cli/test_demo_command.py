"""`sightline demo --no-serve` from nothing, in its own embedded database, as a new user runs it."""

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


def _sightline(*args: str, var: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        SIGHTLINE_VAR_DIR=str(var),
        SIGHTLINE_AUDIT_CHECKPOINTS=str(var / "audit-checkpoints.jsonl"),
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", "from sightline.cli.main import main; main()", *args],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    var = tmp_path_factory.mktemp("demo-var")
    (var / "sightline.sqlite3").write_text("an old database, to be replaced")
    result = _sightline("demo", "--no-serve", "--children", "300", "--seed", "3", var=var)
    assert result.returncode == 0, result.stderr
    return var, result.stdout


def test_the_demo_loads_and_summarises_a_population(demo):
    _, out = demo
    for heading in ("recorded persons", "relationships", "events", "audit entries"):
        assert heading in out
    assert "(verified)" in out
    assert "oak-primary-school.dsl" in out
    assert "Password for every demo account: demo-only-password" in out
    assert "DEMO ONLY" in out


def test_events_from_at_least_eight_agency_kinds_are_stored(demo):
    var, _ = demo
    with sqlite3.connect(var / "sightline.sqlite3") as db:
        kinds = db.execute(
            "SELECT DISTINCT a.kind FROM records_event e "
            "JOIN agencies_agency a ON a.id = e.agency_id"
        ).fetchall()
        practitioners = db.execute("SELECT COUNT(*) FROM accounts_user").fetchone()[0]
        agencies = db.execute("SELECT COUNT(*) FROM agencies_agency").fetchone()[0]
    assert len(kinds) >= 8
    assert practitioners == agencies * 8  # every agency, every role


def test_the_demo_works_out_households_and_a_second_run_changes_nothing(demo):
    var, out = demo
    assert "Households: " in out and " formed; " in out
    with sqlite3.connect(var / "sightline.sqlite3") as db:
        households = db.execute("SELECT COUNT(*) FROM households_household").fetchone()[0]
    assert households > 50  # about one for every two children generated
    again = _sightline("households", var=var)
    assert again.returncode == 0, again.stderr
    assert "nothing changed" in again.stdout


def test_the_demo_audit_trail_verifies(demo):
    var, _ = demo
    result = _sightline("audit", "verify", var=var)
    assert result.returncode == 0, result.stderr
    assert "audit trail verified" in result.stdout


def test_the_demo_refuses_postgresql_without_force(tmp_path):
    result = _sightline(
        "demo", "--no-serve", var=tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:5432/x"
    )
    assert result.returncode != 0
    assert "DATABASE_URL points at PostgreSQL" in result.stderr


def test_the_demo_ends_with_notifications_in_school_dsls_inboxes(demo):
    var, out = demo
    assert "Last night's police incidents: " in out and " notifications sent" in out
    with sqlite3.connect(var / "sightline.sqlite3") as db:
        recipients = db.execute(
            "SELECT u.username, COUNT(*) FROM notifications_notification n "
            "JOIN accounts_user u ON u.id = n.recipient_id GROUP BY u.username"
        ).fetchall()
    assert any(username.endswith(".dsl") for username, _ in recipients)
    assert "Subject: Sightline notification: Domestic abuse incident" in out  # console email


_OVERSIGHT = re.compile(
    r"Oversight: (\d+) assessments? waiting for sign-off \(eastbridge-csc\.manager\), (\d+) "
    r"closures? waiting for senior review \(eastbridge-csc\.senior_manager\), (\d+) meetings? "
    r"with \d+ overdue actions?; \d+ signals? without a response\. Open /oversight/"
)


def test_the_demo_leaves_childrens_social_care_managers_work_to_oversee(demo):
    var, out = demo
    line = _OVERSIGHT.search(out)
    assert line is not None, out
    with sqlite3.connect(var / "sightline.sqlite3") as db:
        waiting = db.execute(
            "SELECT COUNT(*) FROM assessments_submission s LEFT JOIN assessments_decision d "
            "ON d.submission_id = s.id WHERE d.id IS NULL"
        ).fetchone()[0]
        reviewing = db.execute(
            "SELECT COUNT(*) FROM assessments_decision d LEFT JOIN assessments_seniorreview r "
            "ON r.decision_id = d.id WHERE d.senior_review_required AND r.id IS NULL"
        ).fetchone()[0]
        meetings = db.execute("SELECT COUNT(*) FROM meetings_meeting").fetchone()[0]
    assert (int(line[1]), int(line[2]), int(line[3])) == (waiting, reviewing, meetings)
    assert waiting >= 1 and reviewing >= 1
    assert re.search(r"oversight \d+\.\d s", out)
