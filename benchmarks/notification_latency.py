"""How soon a school hears of a police domestic-abuse incident: from the import's commit to the
notifications existing, with the database task worker running as a separate process.

Makes a fresh PostgreSQL database beside the one DATABASE_URL names (default
postgres://postgres@127.0.0.1:5432/postgres) and, not timed: a police force, three schools and
a school nursing service with their practitioners, and children whose police, school and school
nursing records are linked as one person, each enrolled at a school and on the nurses'
caseload. Then starts `sightline db_worker` (SIGHTLINE_TASK_WORKER=1: tasks are queued in the
database, as in production) and, round after round, imports a one-incident file through the
real import service and polls until both notifications (the school's DSL, the school nurse)
exist. A round's time runs from the import's EventsImported message, published inside the
import's transaction just before it commits (so the commit itself is counted), to the moment
the poll sees the notifications. The database is dropped afterwards.

    .venv/bin/python -m benchmarks.notification_latency --rounds 40 --interval 0.1

The worker looks for new tasks every --interval seconds when its queue is empty, so a round
waits on average half an interval before routing starts; rounds are spaced at random so that
they sample the whole interval.
"""

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
from pathlib import Path

from benchmarks.import_events import ROOT, SIGHTLINE, Store, machine

PREPARE = """
import django, sys; django.setup()
from datetime import UTC, datetime
from django.core.management import call_command
call_command("migrate", verbosity=0)
from sightline.agencies.selectors import scope_for_user
from sightline.agencies.services import agency_create, practitioner_create
from sightline.identity.linkage.data import FieldContribution, ScoredPair, Thresholds
from sightline.identity.services import linkage_model_record, linkage_run_apply
from sightline.records.services import recorded_person_create, relationship_record

children = int(sys.argv[1])
def agency(code, kind):
    return agency_create(actor=None, code=code, name=code.replace("-", " ").title(), kind=kind)
def practitioner(name, where, role):
    return practitioner_create(actor=None, username=name, password=None, display_name=name,
                               agency=where, role=role, email=f"{name}@bench.invalid")
police = agency("bench-police", "police")
schools = [agency(f"bench-school-{n}", "school") for n in range(3)]
nursing = agency("bench-school-nursing", "school_nursing")
officer = practitioner("officer", police, "practitioner")
dsls = [practitioner(f"dsl-{n}", school, "dsl") for n, school in enumerate(schools)]
nurse = practitioner("nurse", nursing, "practitioner")
def person(user, where, reference, n):
    raw = {"source_reference": reference, "given_name": f"Child{n}", "family_name": "Bench",
           "date_of_birth": "2016-05-01", "sex": "F"}
    scope = scope_for_user(user_id=user.pk)
    return recorded_person_create(actor=user, scope=scope, agency_id=where.id, raw=raw).record_id
def relate(user, where, kind, reference):
    scope = scope_for_user(user_id=user.pk)
    raw = {"kind": kind, "person": reference, "start": "2021-09-01"}
    relationship_record(actor=user, scope=scope, agency_id=where.id, raw=raw)
pairs = []
for n in range(children):
    school, dsl = schools[n % 3], dsls[n % 3]
    ids = [person(officer, police, f"POL-{n}", n), person(dsl, school, f"SCH-{n}", n),
           person(nurse, nursing, f"SN-{n}", n)]
    relate(dsl, school, "school_enrolment", f"SCH-{n}")
    relate(nurse, nursing, "school_nursing_caseload", f"SN-{n}")
    pairs += [(ids[0], ids[1]), (ids[1], ids[2])]
linkage_model_record(actor=None, version="bench", parameters={"prior": -8.0},
                     trained_at=datetime(2026, 1, 1, tzinfo=UTC))
evidence = (FieldContribution("date_of_birth", "exact", 23.0, "2016-05-01", "2016-05-01"),)
linkage_run_apply(actor=None, model_version="bench", thresholds=Thresholds(10.0, 2.0), pairs=[
    ScoredPair(str(a), str(b), 15.0, 0.99997, evidence) for a, b in pairs])
"""

DRIVE = """
import django, json, random, sys, time; django.setup()
from datetime import UTC, datetime, timedelta
from pathlib import Path
from django.apps import apps
from sightline.core.messages import subscribe
from sightline.records.messages import EventsImported
from sightline.records.services.imports import import_file

rounds, children = int(sys.argv[1]), int(sys.argv[2])
workdir, interval = Path(sys.argv[3]), float(sys.argv[4])
notification = apps.get_model("notifications", "Notification")
committing = {}
subscribe(EventsImported, lambda m: committing.update(at=time.perf_counter()), in_transaction=True)
seconds, imports = [], []
for number in range(rounds):
    reference = f"DA-BENCH-{number:05d}"
    line = {
        "record_type": "event", "kind": "domestic_abuse_incident", "source_reference": reference,
        "occurred_at": (datetime.now(UTC) - timedelta(hours=2)).isoformat(),
        "summary": "Police attended a report of a struggle at the home; children present.",
        "subjects": [{"person": f"POL-{number % children}", "role": "child_subject"}],
        "child_seen": "no:child_asleep", "child_seen_alone": "no:not_seen",
        "child_voice": "no:not_seen", "interpreter": "not_applicable",
        "details": {"risk_level": "medium", "children_present": True},
    }
    path = workdir / f"{reference}.jsonl"
    path.write_text(json.dumps(line) + "\\n")
    began = time.perf_counter()
    import_file(actor=None, path=path, default_agency_code="bench-police")
    imports.append(time.perf_counter() - began)
    start = committing["at"]
    while notification.objects.filter(event__source_reference=reference).count() < 2:
        if time.perf_counter() - start > 30:
            sys.exit(f"round {number}: no notifications after 30 s")
        time.sleep(0.002)
    seconds.append(time.perf_counter() - start)
    time.sleep(random.uniform(0.05, 0.05 + 2 * interval))
print(json.dumps({"seconds": seconds, "imports": imports,
                  "notifications": notification.objects.count()}))
"""


class TownStore(Store):
    """A fresh PostgreSQL database holding the benchmark's town (see PREPARE)."""

    def __init__(self, workdir: Path, children: int) -> None:
        super().__init__("postgres", workdir)
        self.children = children

    def create(self) -> None:
        shutil.rmtree(self.var, ignore_errors=True)
        self.var.mkdir(parents=True)
        self._server(f'CREATE DATABASE "{self.name}"')
        self.python(PREPARE, str(self.children))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--children", type=int, default=30)
    parser.add_argument("--interval", type=float, default=0.1, help="the worker's poll interval")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="sightline-notify-bench-"))
    store = TownStore(workdir, options.children)
    store.create()
    log = open(workdir / "worker.log", "w")  # noqa: SIM115 - the worker writes to it until stopped
    worker = subprocess.Popen(
        [str(SIGHTLINE), "db_worker", "--interval", str(options.interval), "--no-startup-delay",
         "--no-reload"],
        cwd=ROOT, env=store.env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        found = json.loads(
            store.python(
                DRIVE,
                str(options.rounds),
                str(options.children),
                str(workdir),
                str(options.interval),
            )
        )
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
        log.close()
        store.drop()
        shutil.rmtree(workdir, ignore_errors=True)
    seconds = [s * 1000 for s in found["seconds"]]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"{dt.datetime.now(tz=dt.UTC).date().isoformat()}; {machine()}; load average {load:.2f}")
    print(
        f"PostgreSQL, worker polling every {options.interval:g} s; {options.rounds} imports of one "
        f"domestic-abuse incident; {found['notifications']} notifications written"
    )
    print(
        f"commit → notifications: median {statistics.median(seconds):.0f} ms, "
        f"p95 {percentile(seconds, 0.95):.0f} ms, max {max(seconds):.0f} ms, "
        f"min {min(seconds):.0f} ms; within 1 s: {sum(s <= 1000 for s in seconds)}/{len(seconds)}"
    )
    imports = [s * 1000 for s in found["imports"]]
    print(f"(each import itself took a median {statistics.median(imports):.0f} ms)")


if __name__ == "__main__":
    main()
