"""How `sightline link` shows itself: its stages as a progress bar on stderr, and a summary."""

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from sightline.cli.population_display import render
from sightline.identity.linkage.files import LinkSummary

ENGINE_NAMES = {"duckdb": "DuckDB", "spark": "Apache Spark (local mode)"}


class StageBar:
    """The stages of a linkage run drawn with rich on stderr; silent when stderr is not a
    terminal. Called as files.Progress: (stage, its number, how many stages)."""

    def __init__(self) -> None:
        console = Console(stderr=True)
        self._bar = Progress(
            TextColumn("{task.description:<13}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        self._task: TaskID | None = None

    def __call__(self, stage: str, number: int, stages: int) -> None:
        if self._task is None:
            self._bar.start()
            self._task = self._bar.add_task(stage, total=stages)
        self._bar.update(self._task, description=stage, completed=number - 1)

    def end(self) -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=self._bar.tasks[-1].total)
        self._bar.stop()
        self._task = None


def summary_table(summary: LinkSummary) -> str:
    table = Table(title="Linkage", show_header=False)
    table.add_column("What")
    table.add_column("Value", justify="right")
    model = "trained on this file" if summary.trained else "loaded"
    rows = [
        ("records", f"{summary.records:,}"),
        ("pairs scored", f"{summary.pairs_scored:,}"),
        ("links", f"{summary.links:,}"),
        ("pairs for review", f"{summary.review:,}"),
        ("  of which conflicts", f"{summary.conflicts:,}"),
        ("clusters", f"{summary.clusters:,}"),
        ("model", f"{summary.model_version} ({model})"),
        ("engine", ENGINE_NAMES.get(summary.engine, summary.engine)),
        (
            "thresholds (match weight)",
            f"link ≥ {summary.thresholds.upper:g}, review ≥ {summary.thresholds.lower:g}",
        ),
    ]
    rows += [(f"time: {stage}", f"{seconds:.2f} s") for stage, seconds in summary.seconds.items()]
    rows.append(("time: total", f"{sum(summary.seconds.values()):.2f} s"))
    for label, value in rows:
        table.add_row(label, value)
    output = render(table)
    if summary.truth is not None:
        output += truth_table(summary)
    return output


def truth_table(summary: LinkSummary) -> str:
    truth = summary.truth
    assert truth is not None
    table = Table(title="Against the ground truth")
    for column in ("Measure", "Precision", "Recall", "F1"):
        table.add_column(column, justify="left" if column == "Measure" else "right")
    for name, scores in (("pairs", truth.pairwise), ("clusters", truth.clusters)):
        table.add_row(name, f"{scores.precision:.4f}", f"{scores.recall:.4f}", f"{scores.f1:.4f}")
    table.add_row("blocking", "", f"{truth.blocking_recall:.4f}", "")
    return render(table) + (
        f"True pairs not linked: {truth.true_pairs_missed:,} of {truth.true_pairs:,};"
        f" {truth.true_pairs_for_review:,} of them wait for review.\n"
    )
