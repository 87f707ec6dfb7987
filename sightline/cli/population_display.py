"""How `sightline generate` and `sightline demo` show a generated population."""

import io

from rich.console import Console
from rich.table import Table

from sightline.agencies.data import AgencyKind
from sightline.synthetic.generator import GenerationSummary


def render(table: Table) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(table)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def population_table(summary: GenerationSummary) -> str:
    table = Table(title=f"Synthetic population (seed {summary.seed})", show_header=False)
    table.add_column("What")
    table.add_column("How many", justify="right")
    rows = [
        ("persons", summary.persons),
        ("  of whom children", summary.children),
        ("households", summary.households),
        ("agencies", summary.agencies),
        ("recorded persons", summary.recorded_persons),
        ("relationships", summary.relationships),
        ("events", summary.events),
    ]
    by_kind = summary.events_by_agency_kind
    rows += [(f"  from {AgencyKind(kind).label.lower()}", n) for kind, n in by_kind.items()]
    rows += [(f"harm: {label.replace('_', ' ')}", n) for label, n in summary.harm.items()]
    rows += [
        (f"look-alike: {label.replace('_', ' ')}", n) for label, n in summary.lookalikes.items()
    ]
    for label, count in rows:
        table.add_row(label, f"{count:,}")
    return render(table)
