"""How fast `sightline import` takes in events, on SQLite and on PostgreSQL.

Builds a deterministic synthetic file (benchmarks/event_file.py), then, for each store, makes a
fresh database, migrates it and creates the file's agencies (not timed), and imports the file
in a fresh process through the real command, timed end to end: start-up, reading, validation,
writing, the audit entries, sealing them into the hash chain, and the checkpoint. Peak memory
comes from /usr/bin/time -v (Debian's `time` package). Afterwards the stored events are counted
and the audit trail verified, so a fast run is also a correct one. What follows an import is
background work, queued as in production (matching the imported persons in identity's real-time
index, working out households, evaluating the risk rules for the children the events touch);
the database worker's run through the queue is timed separately.

    .venv/bin/python -m benchmarks.import_events --seed 2 --events 100000

PostgreSQL: a database is created beside the one DATABASE_URL names (default
postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards.
"""

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchmarks.event_file import AGENCIES, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
SIGHTLINE = Path(sys.executable).with_name("sightline")
TIME = Path("/usr/bin/time")

PREPARE = """
import django, json, sys; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from sightline.agencies.services import agency_create
for code, kind in json.loads(sys.argv[1]).items():
    agency_create(actor=None, code=code, name=code, kind=kind)
"""

COUNT = """
import django, json; django.setup()
from django.apps import apps
from sightline.audit.selectors import audit_verify
event = apps.get_model("records", "Event")
report = audit_verify()
print(json.dumps({"events": event.objects.count(), "verified": report.ok,
                  "entries": report.entries_checked, "problems": report.problems}))
"""


QUEUED = """
import django, json; django.setup()
from django_tasks_db.models import DBTaskResult
ended = ["SUCCESSFUL", "FAILED"]
print(json.dumps({"unfinished": DBTaskResult.objects.exclude(status__in=ended).count(),
                  "failed": DBTaskResult.objects.filter(status="FAILED").count()}))
"""


@dataclass
class Result:
    store: str
    events: int
    seconds: float
    peak_mb: float | None
    audit_entries: int

    @property
    def rate(self) -> float:
        return self.events / self.seconds


class Store:
    """A fresh, empty database and the environment that points the command at it."""

    def __init__(self, kind: str, workdir: Path) -> None:
        self.kind = kind
        self.var = workdir / f"var-{kind}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "SIGHTLINE_VAR_DIR": str(self.var),
            "SIGHTLINE_AUDIT_CHECKPOINTS": str(self.var / "checkpoints.jsonl"),
            # Background work (matching the imported persons) is queued for the worker, as in
            # production, and timed on its own (worker_once).
            "SIGHTLINE_TASK_WORKER": "1",
        }
        self.env.pop("DATABASE_URL", None)
        base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
        self.server_url = urlunsplit(urlsplit(base)._replace(path="postgres"))
        self.name = f"sightline_bench_{uuid.uuid4().hex[:10]}"
        if kind == "postgres":
            self.env["DATABASE_URL"] = urlunsplit(urlsplit(base)._replace(path=self.name))

    def _server(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.server_url, autocommit=True) as server:
            server.execute(sql)

    def create(self) -> None:
        shutil.rmtree(self.var, ignore_errors=True)
        self.var.mkdir(parents=True)
        if self.kind == "postgres":
            self._server(f'CREATE DATABASE "{self.name}"')
        self.python(PREPARE, json.dumps(AGENCIES))

    def drop(self) -> None:
        if self.kind == "postgres":
            self._server(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        shutil.rmtree(self.var, ignore_errors=True)

    def python(self, code: str, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"{self.kind}: {done.stderr}")
        return done.stdout


def peak_mb(report: str) -> float | None:
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    return int(found.group(1)) / 1024 if found else None


def import_once(store: Store, path: Path, events: int) -> Result:
    command = [str(SIGHTLINE), "import", str(path)]
    if TIME.exists():
        command = [str(TIME), "-v", *command]
    began = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=store.env, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if done.returncode != 0 or "committed import" not in done.stdout:
        raise SystemExit(f"{store.kind}: the import failed\n{done.stdout}\n{done.stderr[-3000:]}")
    check = json.loads(store.python(COUNT))
    if check["events"] != events or not check["verified"]:
        raise SystemExit(f"{store.kind}: stored or audited wrongly: {check}")
    return Result(store.kind, events, seconds, peak_mb(done.stderr), check["entries"])


def worker_once(store: Store) -> float:
    """Run the database worker until the queue is empty: the seconds it took."""
    command = [str(SIGHTLINE), "db_worker", "--batch", "--no-startup-delay", "-v", "0"]
    began = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=store.env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{store.kind}: the worker failed\n{done.stderr[-3000:]}")
    seconds = time.perf_counter() - began
    left = json.loads(store.python(QUEUED))
    if left["unfinished"] or left["failed"]:
        raise SystemExit(f"{store.kind}: the worker left tasks undone: {left}")
    return seconds


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.*)", cpuinfo)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    memory = re.search(r"MemTotal:\s*(\d+) kB", meminfo)
    return (
        f"{os.cpu_count()} processors ({model.group(1) if model else platform.processor()}), "
        f"{int(memory.group(1)) / 1024 / 1024:.1f} GiB memory"
        if memory
        else f"{os.cpu_count()} processors"
    )


def reference_seconds() -> float:
    """A fixed pure-Python workload: how fast this machine is running Python right now, so
    that runs on a shared or throttled machine can be compared."""
    began = time.process_time()
    total = 0
    for i in range(3_000_000):
        total += i * i % 7
    [json.dumps({"a": i, "b": [1, 2, 3], "c": "x" * 20}) for i in range(200_000)]
    return time.process_time() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2, help="the synthetic file's seed")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--stores", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--workdir", type=Path, help="where the file and databases go")
    options = parser.parse_args()
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="sightline-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"events-seed{options.seed}-{options.events}.jsonl"
    if not path.exists():
        write_jsonl(path, seed=options.seed, events=options.events)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    today = dt.datetime.now(tz=dt.UTC).date().isoformat()
    print(f"{today}; {machine()}; load average {load:.2f} at start")
    print(f"reference workload: {reference_seconds():.2f} s (lower is faster)")
    print(f"file: {path.name}, {path.stat().st_size / 1e6:.1f} MB, {options.events:,} events")
    if not TIME.exists():
        print("(/usr/bin/time is missing: `apt-get install time` to measure peak memory)")
    for kind in options.stores.split(","):
        store = Store(kind.strip(), workdir)
        store.create()
        try:
            result = import_once(store, path, options.events)
            worker_seconds = worker_once(store)
        finally:
            store.drop()
        peak = f"{result.peak_mb:,.0f} MB" if result.peak_mb else "unknown"
        print(
            f"{result.store:<9} {result.events:,} events in {result.seconds:.1f} s: "
            f"{result.rate:,.0f} events/s; peak memory {peak}; "
            f"{result.audit_entries:,} audit entries chained and verified; "
            f"then the worker ran the queued work in {worker_seconds:.1f} s"
        )


if __name__ == "__main__":
    main()
