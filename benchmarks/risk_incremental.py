"""How long the rules take to evaluate a child's case when a new event arrives, on the real path.

Setup, not timed as the figure: `sightline demo --no-serve` loads a generated population
(--children, --seed) into a fresh database, with background work queued for the database worker
as in production; the worker then runs the queued work, which includes evaluating every child
the import touched (timed and reported on its own, as the first evaluation of a whole
population). Then, in a fresh process, for --events children chosen at random among those with
events, a practitioner of the agency holding the child's record records a new concern through
the service the form uses (records' event_record), and the task the worker would run for it
(risk's `risk_evaluate_for_events`: finding the children the event touches, reading each
child's joined case, evaluating every rule, triaging, writing any signal with its audit entry
and notifications) is timed, one event at a time. The first --warm events warm the process and
are not counted. Within each task, keeping what is new (for a child with a new signal or new
evidence: its own transaction, committed, then the audit entries sealed and the emails sent
after the commit) is timed apart, so that the rules' evaluation is reported on its own too.

    .venv/bin/python -m benchmarks.risk_incremental --seed 5 --children 2000 --events 300

PostgreSQL: a database is created beside the one DATABASE_URL names and dropped afterwards.
"""

import argparse
import datetime as dt
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.import_events import ROOT, SIGHTLINE, Store, machine, reference_seconds, worker_once

MEASURE = """
import django, json, random, sys, time; django.setup()
from datetime import timedelta
from django.db import connection, connections
from sightline.agencies.selectors import agency_list, scope_for_user
from sightline.accounts.models import User
from sightline.core import clock
from sightline.records.selectors import recorded_person_identifying_facts, event_entry_list
from sightline.records.services import event_record
from sightline.risk import tasks
from sightline.risk.services import evaluating

events, warm, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
# The part of each task that keeps what is new (only for a child with something new: its own
# transaction, committed), and within it what runs after the commit (sealing the audit entries
# into the chain, sending the emails), timed apart from the rules' evaluation.
spent = {"keeping": 0.0, "after_commit": 0.0}
def timed(function, key):
    def run(*args, **kwargs):
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - began
    return run
evaluating._keep = timed(evaluating._keep, "keeping")
wrapper = connections["default"]
wrapper.run_and_clear_commit_hooks = timed(wrapper.run_and_clear_commit_hooks, "after_commit")
today = clock.now().date()
children = [f for f in recorded_person_identifying_facts()
            if f.date_of_birth[:4].isdigit() and today.year - int(f.date_of_birth[:4]) < 17]
random.Random(seed).shuffle(children)
timings, queries, touched, wrote, keeping, after_commit = [], [], [], [], [], []
for n, facts in enumerate(children):
    if len(timings) >= events:
        break
    if not event_entry_list(person_ids=[facts.recorded_person_id]):
        continue
    user = User.objects.get(username=f"{facts.agency_code}.practitioner")
    scope = scope_for_user(user_id=user.pk)
    agency = next(a for a in agency_list() if a.code == facts.agency_code)
    raw = {"source_reference": f"BENCH-{n}", "kind": "concern",
           "occurred_at": (clock.now() - timedelta(hours=2)).isoformat(timespec="minutes"),
           "summary": "A new worry about the child.",
           "subjects": [{"recorded_person_id": str(facts.recorded_person_id),
                         "role": "child_subject"}],
           "child_seen": "not_applicable", "child_seen_alone": "not_applicable",
           "child_voice": "not_applicable", "interpreter": "not_applicable",
           "details": {"categories": ["neglect"]}}
    event = event_record(actor=user, scope=scope, agency_id=agency.id, raw=raw).record_id
    # Counted, not captured: capturing makes Django format every statement for its log.
    statements = []
    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)
    spent.update(keeping=0.0, after_commit=0.0)
    with connection.execute_wrapper(count):
        began = time.perf_counter()
        result = tasks.risk_evaluate_for_events.func([str(event)])
        seconds = time.perf_counter() - began
    if n >= warm:
        timings.append(seconds * 1000)
        queries.append(len(statements))
        touched.append(result["children"])
        # Did the evaluation write (a new signal, or new evidence for one)?
        wrote.append(any(s.lstrip().upper().startswith("INSERT") for s in statements))
        keeping.append(spent["keeping"] * 1000)
        after_commit.append(spent["after_commit"] * 1000)
print(json.dumps({"ms": timings, "queries": queries, "children": touched, "wrote": wrote,
                  "keeping": keeping, "after_commit": after_commit}))
"""


WRITING = "a signal raised or evidence added (written, with audit entries and notices)"


def summary(label: str, values: list[float]) -> str:
    if not values:
        return f"{label}: none"
    return (
        f"{label}: {len(values)} events, p50 {statistics.median(values):.1f} ms, "
        f"p95 {percentile(values, 0.95):.1f} ms"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(kind: str, args: argparse.Namespace, workdir: Path) -> None:
    store = Store(kind, workdir)
    store.var.mkdir(parents=True, exist_ok=True)
    if kind == "postgres":
        store._server(f'CREATE DATABASE "{store.name}"')
    try:
        demo = [str(SIGHTLINE), "demo", "--no-serve", "--force", "--children", str(args.children),
                "--seed", str(args.seed), "--out", str(workdir / f"population-{kind}")]  # fmt: skip
        began = time.perf_counter()
        subprocess.run(demo, cwd=ROOT, env=store.env, check=True, capture_output=True)
        loaded = time.perf_counter() - began
        first = worker_once(store)
        printed = store.python(MEASURE, str(args.events), str(args.warm), str(args.seed))
        # The console email backend prints the notifications sent; the figures come last.
        found = json.loads(printed.strip().splitlines()[-1])
        ms = found["ms"]
        read_only = [t for t, wrote in zip(ms, found["wrote"], strict=True) if not wrote]
        writing = [t for t, wrote in zip(ms, found["wrote"], strict=True) if wrote]
        # The rules' evaluation: the task without keeping what is new.
        evaluation = [t - kept for t, kept in zip(ms, found["keeping"], strict=True)]
        keeping = [k for k, wrote in zip(found["keeping"], found["wrote"], strict=True) if wrote]
        after = [a for a, wrote in zip(found["after_commit"], found["wrote"], strict=True) if wrote]
        print(
            f"{kind:9} demo loaded in {loaded:.1f} s; the worker's queued work (linking, routing "
            f"and evaluating every child the import touched) {first:.1f} s\n"
            f"{'':9} {len(ms)} new events: evaluation p50 {statistics.median(ms):.1f} ms, "
            f"p95 {percentile(ms, 0.95):.1f} ms, max {max(ms):.1f} ms; "
            f"queries median {statistics.median(found['queries']):.0f}; "
            f"children per event median {statistics.median(found['children']):.0f}\n"
            f"{'':9} {summary('nothing new to keep', read_only)}; "
            f"{summary(WRITING, writing)}\n"
            f"{'':9} the rules' evaluation (finding the children, reading their cases, the "
            f"rules, the triage) without keeping what is new: p50 "
            f"{statistics.median(evaluation):.1f} ms, p95 {percentile(evaluation, 0.95):.1f} ms, "
            f"max {max(evaluation):.1f} ms\n"
            f"{'':9} {summary('keeping what is new (committed, sealed, emailed)', keeping)}; "
            f"{summary('of which after the commit (sealing, emails)', after)}"
        )
    finally:
        store.drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--children", type=int, default=2_000)
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--stores", default="sqlite,postgres")
    args = parser.parse_args()
    with open("/proc/loadavg") as load:
        average = load.read().split()[0]
    print(f"{dt.datetime.now(dt.UTC).date()}; {machine()}; load average {average} at start")
    print(f"reference workload: {reference_seconds():.2f} s (lower is faster)")
    with tempfile.TemporaryDirectory(prefix="sightline-risk-") as workdir:
        for kind in args.stores.split(","):
            run(kind, args, Path(workdir))


if __name__ == "__main__":
    main()
