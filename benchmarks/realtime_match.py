"""How long a practitioner waits for a new record to be matched against a million on PostgreSQL.

Real-time matching (sightline.identity.services.matching) runs when a recorded person is saved:
its candidates come from the indexed blocking columns, the trained model's weights score them,
and the result is applied as a small linkage run. This measures it through the service the
form uses (records' recorded_person_create, whose commit runs the matching), in a fresh process,
against a store of about a million recorded persons.

Setup, not timed as the figure: a generated population (benchmarks/linkage_data.py); its person
records, less a held-out sample, imported into a fresh PostgreSQL database with the real
`sightline import` and made findable by the database worker, as in production; a model trained
on the same records by the DuckDB engine and recorded in the store as `sightline link` records
it. Then the held-out records (persons the store already holds under other agencies' records,
and some it does not) are saved one by one. The first `--warm` saves warm the process and are
not counted.

    .venv/bin/python -m benchmarks.realtime_match --seed 2 --persons 315000

PostgreSQL: a database is created beside the one DATABASE_URL names and dropped afterwards
(unless --keep).
"""

import argparse
import csv
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from benchmarks.import_events import (
    TIME,
    Store,
    machine,
    peak_mb,
    reference_seconds,
    worker_once,
)
from benchmarks.linkage_data import GENERATOR_TRUTH, generated_csv

SIGHTLINE = Path(sys.executable).with_name("sightline")

PREPARE = """
import django, json, sys; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from sightline.agencies.services import agency_create
for row in json.load(open(sys.argv[1], encoding="utf-8")):
    agency_create(actor=None, **row)
"""

TRAIN = """
import django, json, sys; django.setup()
from datetime import datetime
from pathlib import Path
from sightline.identity.linkage.engine import LinkageRun
from sightline.identity.services import linkage_model_record
run = LinkageRun()
run.load_csv(Path(sys.argv[1]), truth_column=sys.argv[2])
run.build_features()
model = run.train(seed=1)
run.close()
linkage_model_record(actor=None, version=model.model_version, parameters=model.as_json(),
                     trained_at=datetime.fromisoformat(model.trained_at),
                     summary=model.training_summary)
print(model.model_version)
"""

MEASURE = """
import django, json, sys, time; django.setup()
from sightline.agencies.selectors import agency_get_by_code, scope_for_user
from sightline.agencies.services import practitioner_create
from sightline.core import messages
from sightline.identity import tasks
from sightline.records.messages import RecordedPersonSaved
from sightline.records.services import recorded_person_create

lines = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
warm, round_ = int(sys.argv[2]), sys.argv[3]
# The matching's own time as well as the whole save's: the save's commit runs the handler.
match_seconds, results = [], []
matching = tasks.recorded_persons_match
def match_and_remember(**kwargs):
    began = time.perf_counter()
    results.append(matching(**kwargs))
    match_seconds.append(time.perf_counter() - began)
tasks.recorded_persons_match = match_and_remember

practitioners = {}
for line in lines:
    code = line["agency"]
    if code not in practitioners:
        user = practitioner_create(actor=None, username=f"bench-{round_}.{code}", password=None,
                                   display_name="Benchmark", agency=agency_get_by_code(code=code),
                                   role="practitioner")
        practitioners[code] = (user, scope_for_user(user_id=user.pk))
save_seconds = []
for line in lines:
    code = line.pop("agency")
    line.pop("record_type")
    user, scope = practitioners[code]
    (agency_id,) = scope.agency_ids
    began = time.perf_counter()
    recorded_person_create(actor=user, scope=scope, agency_id=agency_id, raw=line)
    save_seconds.append(time.perf_counter() - began)
print(json.dumps({
    "save": save_seconds[warm:], "match": match_seconds[warm:],
    "pairs": [r.candidates for r in results[warm:]],
    "linked": sum(1 for r in results[warm:] if r.linked),
    "queued": sum(1 for r in results[warm:] if r.queued),
}))
"""


def _person_lines(records: Path) -> list[str]:
    with records.open(encoding="utf-8") as file:
        return [line for line in file if line.startswith('{"record_type":"person"')]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _run(command: list[str], store: Store, what: str) -> tuple[str, float, str]:
    began = time.perf_counter()
    done = subprocess.run(command, env=store.env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{what} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout, seconds, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=315_000, help="people to generate")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--new", type=int, default=1_000, help="records saved and timed")
    parser.add_argument("--warm", type=int, default=100, help="saves not counted")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of records held out")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/sightline-bench-realtime"))
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--database", help="measure again on a database kept earlier (with the same options)"
    )
    parser.add_argument("--round", type=int, default=0, help="which held-out round to save")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)

    print(machine())
    print(f"reference workload: {reference_seconds():.2f} s (lower is faster)")
    csv_path = generated_csv(args.persons, args.seed, args.workdir)
    population = args.workdir / f"population-{args.persons}-{args.seed}"
    lines = _person_lines(population / "records.jsonl")
    per_round = args.new + args.warm
    held = random.Random(args.seed).sample(range(len(lines)), per_round * args.rounds)
    chosen = sorted(held[args.round * per_round : (args.round + 1) * per_round])
    new = args.workdir / f"new-{args.round}.jsonl"
    new.write_text("".join(lines[i] for i in chosen))
    print(f"store: {len(lines) - len(held):,} recorded persons; saved and timed: {args.new:,}")

    store = Store("postgres", args.workdir)
    if args.database:
        store.env["DATABASE_URL"] = args.database
    else:
        _set_up(store, population, lines, set(held), csv_path)
    try:
        measure = [sys.executable, "-c", MEASURE, str(new), str(args.warm), str(args.round)]
        if TIME.exists():
            measure = [str(TIME), "-v", *measure]
        out, _, report = _run(measure, store, "the measurement")
        _print(json.loads(out.strip().splitlines()[-1]), peak_mb(report))
    finally:
        if args.keep or args.database:
            print(f"kept: {store.env['DATABASE_URL']}")
        else:
            store.drop()


def _set_up(
    store: Store, population: Path, lines: list[str], held: set[int], csv_path: Path
) -> None:
    """A fresh database holding every record not held out, and a model trained on them."""
    stored = store.var.parent / "stored.jsonl"
    stored.write_text("".join(line for i, line in enumerate(lines) if i not in held))
    training = store.var.parent / "training.csv"
    _training_csv(csv_path, training, {_record_id(json.loads(lines[i])) for i in held})
    shutil.rmtree(store.var, ignore_errors=True)
    store.var.mkdir(parents=True)
    store._server(f'CREATE DATABASE "{store.name}"')
    store.python(PREPARE, str(population / "agencies.json"))
    _, seconds, _ = _run([str(SIGHTLINE), "import", str(stored)], store, "the import")
    print(f"setup: imported in {seconds:.0f} s")
    print(f"setup: made findable by the worker in {worker_once(store):.0f} s")
    # The tables as autovacuum leaves them soon after a large import (statistics gathered, the
    # audit queue's emptied rows reclaimed): the steady state a practitioner works in.
    with psycopg.connect(store.env["DATABASE_URL"], autocommit=True) as database:
        database.execute("VACUUM ANALYZE")
    train = [sys.executable, "-c", TRAIN, str(training), GENERATOR_TRUTH]
    out, seconds, _ = _run(train, store, "training")
    print(f"setup: model {out.strip().splitlines()[-1]} trained and recorded in {seconds:.0f} s")


def _record_id(line: dict[str, str]) -> str:
    """A person line's record_id in the linkage CSV (benchmarks/linkage_data.py)."""
    return f"{line['agency']}:{line['source_reference']}"


def _training_csv(source: Path, target: Path, held_ids: set[str]) -> None:
    """The linkage CSV of the stored records only."""
    with source.open(newline="", encoding="utf-8") as file:
        rows = csv.reader(file)
        header = next(rows)
        with target.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            for row in rows:
                if row[0] not in held_ids:
                    writer.writerow(row)


def _print(figures: dict[str, list[float] | int], peak: float | None) -> None:
    for name in ("match", "save"):
        values = [v * 1000 for v in figures[name]]  # type: ignore[union-attr]
        print(
            f"{name:>6}: p50 {_percentile(values, 0.5):.1f} ms, p95 {_percentile(values, 0.95):.1f}"
            f" ms, p99 {_percentile(values, 0.99):.1f} ms, max {max(values):.1f} ms"
            f" ({len(values)} records)"
        )
    pairs = figures["pairs"]
    print(
        f"pairs scored per record: mean {sum(pairs) / len(pairs):.1f}, max {max(pairs)};"  # type: ignore[arg-type]
        f" records linked at once: {figures['linked']}, queued for review: {figures['queued']}"
    )
    if peak is not None:
        print(f"peak memory of the measuring process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
