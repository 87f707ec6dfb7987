"""How well the risk rules find the generator's harmed children, and at what cost in alerts.

Generates a synthetic population (`sightline generate`) with its ground truth, replays the
whole population through a rule set exactly as `sightline replay` does (docs/replay.md), and
measures the signals against the truth (sightline/synthetic/truth.py):

- sensitivity, per harm trajectory and overall: of the children on a harm trajectory, the
  share with at least one signal on or after the trajectory's start;
- lead time: the median number of days from a trajectory's start to the child's first signal on
  or after it (smaller is earlier);
- positive predictive value against the benign look-alikes: of the children with a signal
  (on or after the start of their trajectory or look-alike) among the harmed and the
  look-alike children, the share harmed; signals on children who are neither are counted too;
- alert burden: new signals per 1,000 children per month over the replayed window;
- per rule: its signals, and how many fell on harmed children, on look-alikes and on others.

A signal belongs to the true person most of its child's records belong to. Thresholds must be
frozen before a seed's figures are taken as the result: the rules were written against seed 1.

    .venv/bin/python -m benchmarks.risk_detection --seed 1 --children 5000
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIGHTLINE = Path(sys.executable).with_name("sightline")
DAYS_PER_MONTH = 365.25 / 12


@dataclass
class Truth:
    person_of_record: dict[tuple[str, str], str] = field(default_factory=dict)
    children: set[str] = field(default_factory=set)
    harm: list[tuple[str, str, date]] = field(default_factory=list)  # (person, trajectory, start)
    lookalikes: list[tuple[str, str, date]] = field(default_factory=list)


def truth_read(path: Path) -> Truth:
    truth = Truth()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["type"] == "person":
                for record in row["records"]:
                    truth.person_of_record[record["agency"], record["source_reference"]] = row[
                        "person_id"
                    ]
                if row["child"]:
                    truth.children.add(row["person_id"])
            elif row["type"] == "harm":
                start = date.fromisoformat(row["start"])
                truth.harm.append((row["person_id"], row["trajectory"], start))
            elif row["type"] == "lookalike":
                start = date.fromisoformat(row["start"])
                truth.lookalikes.append((row["person_id"], row["lookalike"], start))
    return truth


@dataclass(frozen=True)
class Fired:
    person: str  # the true person the signal's child is
    rule_id: str
    on: date


def fired(signals: Iterable[Any], truth: Truth) -> list[Fired]:
    found = []
    for signal in signals:
        people = Counter(
            truth.person_of_record.get((r.agency, r.source_reference), "") for r in signal.child
        )
        person = people.most_common(1)[0][0]
        found.append(Fired(person, signal.rule_id, signal.fired_on))
    return found


def _first_on_or_after(signals: dict[str, list[Fired]], person: str, start: date) -> date | None:
    return min((s.on for s in signals.get(person, ()) if s.on >= start), default=None)


def measure(found: list[Fired], truth: Truth, since: date, until: date) -> dict[str, Any]:
    by_person: dict[str, list[Fired]] = defaultdict(list)
    for signal in found:
        by_person[signal.person].append(signal)
    trajectories: dict[str, dict[str, Any]] = {}
    leads: dict[str, list[int]] = defaultdict(list)
    harmed_flagged: set[str] = set()
    for person, trajectory, start in truth.harm:
        row = trajectories.setdefault(trajectory, {"children": 0, "flagged": 0})
        row["children"] += 1
        first = _first_on_or_after(by_person, person, start)
        if first is not None:
            row["flagged"] += 1
            harmed_flagged.add(person)
            leads[trajectory].append((first - start).days)
    for trajectory, row in trajectories.items():
        row["sensitivity"] = row["flagged"] / row["children"]
        row["median_lead_days"] = (
            statistics.median(leads[trajectory]) if leads[trajectory] else None
        )
    harmed = {person for person, _, _ in truth.harm}
    lookalike_rows: dict[str, dict[str, Any]] = {}
    lookalike_flagged: set[str] = set()
    for person, kind, start in truth.lookalikes:
        row = lookalike_rows.setdefault(kind, {"children": 0, "flagged": 0})
        row["children"] += 1
        if _first_on_or_after(by_person, person, start) is not None:
            row["flagged"] += 1
            if person not in harmed:
                lookalike_flagged.add(person)
    lookalikes = {person for person, _, _ in truth.lookalikes}
    neither = [s for s in found if s.person not in harmed and s.person not in lookalikes]
    all_leads = [lead for values in leads.values() for lead in values]
    months = max((until - since).days, 1) / DAYS_PER_MONTH
    flagged = len(harmed_flagged) + len(lookalike_flagged)
    return {
        "trajectories": dict(sorted(trajectories.items())),
        "overall": {
            "children": len(truth.harm),
            "flagged": sum(r["flagged"] for r in trajectories.values()),
            "sensitivity": (
                sum(r["flagged"] for r in trajectories.values()) / len(truth.harm)
                if truth.harm
                else None
            ),
            "median_lead_days": statistics.median(all_leads) if all_leads else None,
        },
        "lookalikes": dict(sorted(lookalike_rows.items())),
        "ppv": len(harmed_flagged) / flagged if flagged else None,
        "harmed_flagged": len(harmed_flagged),
        "lookalikes_flagged": len(lookalike_flagged),
        "neither": {
            "children_flagged": len({s.person for s in neither}),
            "signals": len(neither),
        },
        "burden": {
            "signals": len(found),
            "children": len(truth.children),
            "months": round(months, 1),
            "per_1000_children_per_month": len(found) / (len(truth.children) / 1000) / months,
        },
        "rules": _per_rule(found, truth),
    }


def _per_rule(found: list[Fired], truth: Truth) -> dict[str, dict[str, int]]:
    starts: dict[str, date] = {}
    for person, _, start in truth.harm:
        starts[person] = min(start, starts.get(person, start))
    lookalikes = {person for person, _, _ in truth.lookalikes}
    rules: dict[str, Counter[str]] = defaultdict(Counter)
    for signal in found:
        if signal.person in starts and signal.on >= starts[signal.person]:
            where = "harmed"
        elif signal.person in starts:
            where = "harmed, before the start"
        elif signal.person in lookalikes:
            where = "look-alike"
        else:
            where = "neither"
        rules[signal.rule_id]["signals"] += 1
        rules[signal.rule_id][where] += 1
    return {rule: dict(counts) for rule, counts in sorted(rules.items())}


def population(args: argparse.Namespace, workdir: Path) -> Path:
    if args.population:
        return Path(args.population)
    out = workdir / f"population-{args.seed}-{args.persons or args.children}"
    if not (out / "truth.jsonl").exists():
        persons = args.persons or _persons_for(args.children, args.seed)
        command = [str(SIGHTLINE), "generate", "--persons", str(persons), "--seed", str(args.seed)]
        subprocess.run([*command, "--out", str(out)], cwd=ROOT, check=True, env=_env(workdir))
    return out


def _env(workdir: Path) -> dict[str, str]:
    env = {**os.environ, "SIGHTLINE_VAR_DIR": str(workdir / "var")}
    env.pop("DATABASE_URL", None)
    return env


def _persons_for(children: int, seed: int) -> int:
    from sightline.synthetic.generator import persons_for_children

    return persons_for_children(children, seed)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def report(result: dict[str, Any]) -> str:
    lines = [
        "| harm trajectory | children | flagged | sensitivity | median lead (days) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in [*result["trajectories"].items(), ("**overall**", result["overall"])]:
        lead = row["median_lead_days"]
        lines.append(
            f"| {name.replace('_', ' ')} | {row['children']:,} | {row['flagged']:,} | "
            f"{_percent(row['sensitivity'])} | {'—' if lead is None else f'{lead:g}'} |"
        )
    lines += ["", "| look-alike | children | flagged |", "|---|---:|---:|"]
    for name, row in result["lookalikes"].items():
        lines.append(f"| {name.replace('_', ' ')} | {row['children']:,} | {row['flagged']:,} |")
    burden = result["burden"]
    lines += [
        "",
        f"Positive predictive value: {_percent(result['ppv'])} ({result['harmed_flagged']:,} "
        f"harmed and {result['lookalikes_flagged']:,} look-alike children with a signal).",
        f"Children who are neither with a signal: {result['neither']['children_flagged']:,} "
        f"({result['neither']['signals']:,} signals).",
        f"Alert burden: {burden['per_1000_children_per_month']:.2f} new signals per 1,000 "
        f"children per month ({burden['signals']:,} signals, {burden['children']:,} children, "
        f"{burden['months']} months).",
        "",
        "| rule | signals | harmed | harmed, before the start | look-alike | neither |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for rule, counts in result["rules"].items():
        cells = [counts.get(k, 0) for k in ("signals", "harmed", "harmed, before the start")]
        cells += [counts.get("look-alike", 0), counts.get("neither", 0)]
        lines.append(f"| {rule} | " + " | ".join(f"{c:,}" for c in cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1, help="the population's seed")
    parser.add_argument("--children", type=int, default=5_000, help="about this many children")
    parser.add_argument("--persons", type=int, help="generate this many persons instead")
    parser.add_argument("--ruleset", default="2026.1")
    parser.add_argument("--workdir", type=Path, help="where the population goes")
    parser.add_argument("--population", type=Path, help="measure this generated population")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here too")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sightline-risk-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["SIGHTLINE_VAR_DIR"] = str(workdir / "var")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from sightline.risk.replay import replay_file

    directory = population(args, workdir)
    began = time.perf_counter()
    replayed = replay_file(
        path=directory / "records.jsonl",
        agencies_path=directory / "agencies.json",
        ruleset_name=args.ruleset,
    )
    seconds = time.perf_counter() - began
    truth = truth_read(directory / "truth.jsonl")
    manifest = json.loads((directory / "truth.json").read_text())
    result = measure(fired(replayed.signals, truth), truth, replayed.since, replayed.as_of)
    result["population"] = {
        "seed": manifest["seed"],
        "persons": manifest["persons"],
        "children": manifest["children"],
        "events": manifest["events"],
        "ruleset": args.ruleset,
        "replay_seconds": round(seconds, 1),
    }
    print(
        f"seed {manifest['seed']}: {manifest['persons']:,} persons, {manifest['children']:,} "
        f"children, {manifest['events']:,} events; rule set {args.ruleset}; replayed in "
        f"{seconds:.1f} s\n"
    )
    print(report(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
