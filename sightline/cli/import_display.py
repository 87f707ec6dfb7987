"""How `sightline import` shows itself: a progress bar on stderr and a summary table."""

import io

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

from sightline.records.data import Outcome
from sightline.records.services.imports import ImportReport, RecordType


class ProgressBar:
    """An ImportProgress drawn with rich on stderr; silent when stderr is not a terminal."""

    def __init__(self) -> None:
        console = Console(stderr=True)
        self._bar = Progress(
            TextColumn("{task.description:<9}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        self._task: TaskID | None = None

    def begin(self, stage: str, total: int) -> None:
        self._bar.start()
        self._task = self._bar.add_task(stage, total=total)

    def advance(self, count: int) -> None:
        if self._task is not None:
            self._bar.advance(self._task, count)

    def end(self) -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=self._bar.tasks[-1].total)
        self._bar.stop()
        self._task = None


def summary_table(report: ImportReport) -> str:
    table = Table(title="Records in the file")
    table.add_column("Record type")
    for outcome in Outcome:
        table.add_column(outcome.value.capitalize(), justify="right")
    for record_type in RecordType:
        table.add_row(
            f"{record_type.value}s",
            *(f"{report.count(record_type, outcome):,}" for outcome in Outcome),
        )
    console = Console(file=io.StringIO(), width=80, color_system=None)
    console.print(table)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()
