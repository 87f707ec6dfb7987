"""How fast `sightline replay` replays a million events, in a fresh process.

Generates the synthetic population (`sightline generate`, not timed) at a size giving about the
events asked for, then runs `sightline replay records.jsonl --agencies agencies.json` once in a
fresh process under /usr/bin/time -v (Debian's `time` package): reading and checking every row
with the import's validators, linking the records into persons, working out households over
time, and replaying every child's chronology through the rule set, day by day. The command
reports each stage's seconds in signals.json; the replay proper (everything after the file is
read and checked: linking, households, replaying) is what the issue's target of 60 s is for.

    .venv/bin/python -m benchmarks.replay --seed 1 --events 1000000

A replay given --agencies reads nothing from Sightline's database; the benchmark still points
the command at an empty directory of its own, so nothing of the developer's is touched.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.import_events import machine, peak_mb, reference_seconds

ROOT = Path(__file__).resolve().parent.parent
SIGHTLINE = Path(sys.executable).with_name("sightline")
TIME = Path("/usr/bin/time")
# Events the generator makes per person (seed 1, 10,000 to 240,000 persons: 4.11 to 4.16).
EVENTS_PER_PERSON = 4.1
IN_MEMORY = ("linking", "households", "replaying")


def _environment(workdir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "SIGHTLINE_VAR_DIR": str(workdir / "var"),
    }
    env.pop("DATABASE_URL", None)
    return env


def generate(persons: int, seed: int, out: Path, env: dict[str, str]) -> dict[str, Any]:
    if not (out / "records.jsonl").exists():
        command = [str(SIGHTLINE), "generate", "--persons", str(persons), "--seed", str(seed)]
        subprocess.run([*command, "--out", str(out)], cwd=ROOT, env=env, check=True)
    manifest: dict[str, Any] = json.loads((out / "truth.json").read_text())
    return manifest


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"


def wall_seconds(report: str) -> float | None:
    found = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", report)
    if not found:
        return None
    seconds = 0.0
    for part in found.group(1).split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def processor_seconds(report: str) -> float | None:
    """User and system time of the command and its worker processes."""
    found = [
        float(match.group(1))
        for name in ("User", "System")
        if (match := re.search(rf"{name} time \(seconds\): ([\d.]+)", report))
    ]
    return sum(found) if found else None


def replay_once(population: Path, out: Path, env: dict[str, str], ruleset: str) -> dict[str, Any]:
    command = [
        str(SIGHTLINE), "replay", str(population / "records.jsonl"),
        "--agencies", str(population / "agencies.json"),
        "--rules", ruleset, "--out", str(out), "--show", "0",
    ]  # fmt: skip
    if TIME.exists():
        command = [str(TIME), "-v", *command]
    began = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"the replay failed\n{done.stdout}\n{done.stderr[-3000:]}")
    written = json.loads((out / "signals.json").read_text())
    replayed = written["replayed"]
    return {
        "seconds": seconds,
        "wall_seconds": wall_seconds(done.stderr),
        "peak_mb": peak_mb(done.stderr),
        "processor_seconds": processor_seconds(done.stderr),
        "signals": len(written["signals"]),
        **replayed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1, help="the population's seed")
    parser.add_argument("--events", type=int, default=1_000_000, help="about this many events")
    parser.add_argument("--persons", type=int, help="generate this many persons instead")
    parser.add_argument("--ruleset", default="2026.1")
    parser.add_argument("--workdir", type=Path, help="where the population and output go")
    parser.add_argument("--population", type=Path, help="replay this generated population")
    options = parser.parse_args()
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="sightline-replay-bench-"))
    env = _environment(workdir)
    persons = options.persons or round(options.events / EVENTS_PER_PERSON)
    population = options.population or workdir / f"population-{options.seed}-{persons}"
    manifest = generate(persons, options.seed, population, env)
    reference = reference_seconds()
    before = load_average()
    result = replay_once(population, workdir / "out", env, options.ruleset)
    after = load_average()
    stages = result["seconds"] if isinstance(result["seconds"], dict) else {}
    in_memory = sum(stages.get(stage, 0.0) for stage in IN_MEMORY)
    print(f"machine: {machine()}; reference workload {reference:.2f} s")
    print(f"load average before {before}, after {after}")
    print(
        f"population: seed {manifest['seed']}, {manifest['persons']:,} persons, "
        f"{manifest['children']:,} children, {manifest['events']:,} events"
    )
    print(
        f"replayed: {result['events']:,} events, {result['records']:,} records linked into "
        f"{result['persons']:,} persons, {result['children']:,} children, "
        f"{result['evaluations']:,} evaluations, {result['signals']:,} signals"
    )
    print("stages: " + ", ".join(f"{name} {s:.1f} s" for name, s in stages.items()))
    print(f"replay in memory (linking, households, replaying): {in_memory:.1f} s")
    print(
        f"whole command, fresh process: {result['wall_seconds'] or result['seconds']:.1f} s; "
        f"{result['processor_seconds'] or 0:.0f} s of processor time; "
        f"peak memory {result['peak_mb'] or 0:,.0f} MB"
    )


if __name__ == "__main__":
    main()
