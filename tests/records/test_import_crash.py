"""Importers killed at random: an import is there whole or not at all, and the audit verifies.

Several `sightline import` processes run at once against one file-based database (a SQLite
file, or a fresh PostgreSQL database when DATABASE_URL is set) and are killed with SIGKILL at
random moments: while starting, checking, writing, committing or sealing. Each file has its
own source references, so what each import left behind can be counted. Set
SIGHTLINE_CRASH_SEED to replay a run.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings

ROUNDS = 20
IMPORTERS_PER_ROUND = 3
PERSONS_PER_FILE = 30
EVENTS_PER_FILE = 150
AGENCY = "crash-school"
# About one importer in four is left to finish; the rest are killed at a random moment.
LEFT_TO_FINISH = 0.25

SETUP = f"""
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from sightline.agencies.services import agency_create
agency_create(actor=None, code={AGENCY!r}, name="Crash Test School", kind="school")
"""

TALLY = """
import collections, json, django; django.setup()
from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.audit.selectors import audit_verify
from sightline.audit.services import audit_seal_pending
from sightline.records.models import Event, EventVersion, RecordedPerson
audit_seal_pending()  # a killed importer may have committed without sealing
tally = collections.defaultdict(lambda: collections.Counter())
for model, name in ((RecordedPerson, "persons"), (Event, "events"), (EventVersion, "versions")):
    field = "event__source_reference" if model is EventVersion else "source_reference"
    for reference in model.objects.values_list(field, flat=True):
        tally[reference.rsplit("-", 1)[0]][name] += 1
committed = [
    entry.payload["import_id"]
    for entry in AuditEntry.objects.filter(action=AuditAction.IMPORT_COMMITTED)
]
report = audit_verify()
print(json.dumps({"files": tally, "committed": committed, "verified": report.ok,
                  "problems": report.problems, "entries": report.entries_checked}))
"""


def _file(directory: Path, prefix: str) -> Path:
    """One importer's file: its own persons, and events about them, all under `prefix`."""
    lines: list[dict[str, Any]] = []
    for n in range(PERSONS_PER_FILE):
        lines.append(
            {
                "record_type": "person",
                "source_reference": f"{prefix}-P{n}",
                "given_name": "Test",
                "family_name": f"Crash {n}",
                "date_of_birth": "2018",
            }
        )
    for n in range(EVENTS_PER_FILE):
        child = f"{prefix}-P{n % PERSONS_PER_FILE}"
        lines.append(
            {
                "record_type": "event",
                "source_reference": f"{prefix}-E{n}",
                "kind": "note",
                "occurred_at": "2024-03-01T10:00",
                "summary": f"Note {n}",
                "subjects": [{"person": child, "role": "child_subject"}],
                "child_seen": "not_applicable",
                "child_seen_alone": "not_applicable",
                "child_voice": "not_applicable",
                "interpreter": "not_applicable",
            }
        )
    path = directory / f"{prefix}.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


class CrashDatabase:
    """A database of its own, migrated, in its own directory; PostgreSQL when DATABASE_URL is
    set (a new database beside that one, dropped afterwards), otherwise a SQLite file."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.base_url = os.environ.get("DATABASE_URL", "")
        self.name = f"sightline_crash_{uuid.uuid4().hex[:12]}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "SIGHTLINE_VAR_DIR": str(directory / "var"),
            "SIGHTLINE_AUDIT_CHECKPOINTS": str(directory / "var" / "checkpoints.jsonl"),
        }
        self.env.pop("DATABASE_URL", None)
        if self.base_url:
            self.env["DATABASE_URL"] = urlunsplit(urlsplit(self.base_url)._replace(path=self.name))

    def _server(self) -> psycopg.Connection:
        return psycopg.connect(
            urlunsplit(urlsplit(self.base_url)._replace(path="postgres")), autocommit=True
        )

    def create(self) -> None:
        (self.directory / "var").mkdir(parents=True)
        if self.base_url:
            with self._server() as server:
                server.execute(f'CREATE DATABASE "{self.name}"')
        self.python(SETUP)

    def drop(self) -> None:
        if self.base_url:
            with self._server() as server:
                server.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def python(self, code: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=settings.BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def importer(self, path: Path, output: Path) -> subprocess.Popen[bytes]:
        command = Path(sys.executable).with_name("sightline")
        with output.open("wb") as out:
            return subprocess.Popen(
                [str(command), "import", str(path), "--agency", AGENCY],
                cwd=settings.BASE_DIR,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )


def _printed_import(output: Path) -> str | None:
    """The id after "committed import", if the importer got as far as printing it."""
    words = output.read_text(errors="replace").split()
    for at, word in enumerate(words[:-2]):
        if word == "committed" and words[at + 1] == "import":
            return words[at + 2]
    return None


def _round(
    database: CrashDatabase, rng: random.Random, number: int, kill_within: tuple[float, float]
) -> tuple[dict[str, str | None], float]:
    """Start a round of importers and kill most of them at random moments within the window.
    Returns, per file, the import id its importer printed as committed (or None), and how
    long the round took."""
    started = []
    for k in range(IMPORTERS_PER_ROUND):
        prefix = f"R{number:02d}K{k}"
        path, output = _file(database.directory, prefix), database.directory / f"{prefix}.out"
        kill_at = None if rng.random() < LEFT_TO_FINISH else rng.uniform(*kill_within)
        started.append((prefix, output, database.importer(path, output), kill_at))
    began = time.monotonic()
    for _, _, process, kill_at in sorted(started, key=lambda s: s[3] or float("inf")):
        if kill_at is not None:
            time.sleep(max(0.0, kill_at - (time.monotonic() - began)))
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)  # only our own importer, by its id
        process.wait(timeout=120)
    took = time.monotonic() - began
    return {prefix: _printed_import(output) for prefix, output, _, _ in started}, took


@pytest.mark.slow
def test_importers_killed_at_random_leave_whole_imports_or_none_and_a_verified_audit(tmp_path):
    seed = int(os.environ.get("SIGHTLINE_CRASH_SEED") or random.randrange(10**6))
    rng = random.Random(seed)
    database = CrashDatabase(tmp_path)
    database.create()
    try:
        # A first round runs undisturbed, to learn how long a round takes on this machine:
        # kills are then spread from start-up to just past the last commit.
        printed, took = _round(database, rng, 0, kill_within=(0.0, 0.0))
        for number in range(1, ROUNDS + 1):
            printed |= _round(database, rng, number, kill_within=(0.1 * took, 1.1 * took))[0]
        tally = json.loads(database.python(TALLY))
    finally:
        database.drop()
    reported = sum(1 for i in printed.values() if i)
    kept = sum(1 for p in printed if tally["files"].get(p))
    print(
        f"{reported} imports reported committed, {kept - reported} more committed before "
        f"their importer was killed, {len(printed) - kept} left nothing; seed {seed}"
    )
    whole = {"persons": PERSONS_PER_FILE, "events": EVENTS_PER_FILE, "versions": EVENTS_PER_FILE}
    replay = f"(replay with SIGHTLINE_CRASH_SEED={seed})"
    for prefix, import_id in printed.items():
        stored = dict(tally["files"].get(prefix, {}))
        assert stored in ({}, whole), f"{prefix} is partly stored: {stored} {replay}"
        if import_id is not None:
            assert stored == whole, f"{prefix} printed committed but is missing {replay}"
            assert import_id in tally["committed"], f"{prefix}: no audit entry {replay}"
    assert len(tally["committed"]) == kept, f"one audit entry per stored import {replay}"
    assert kept < len(printed), f"no importer was stopped before committing {replay}"
    assert tally["verified"], f"{tally['problems']} {replay}"
