"""How `sightline replay` shows what it found: a table of dated signals, and a summary."""

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sightline.risk.replay import ReplayedSignal, ReplayResult


def _rule(signal: ReplayedSignal) -> Text:
    text = Text(f"{signal.rule_id} v{signal.version}\n", style="bold")
    text.append(signal.title + "\n")
    text.append(signal.explanation, style="italic")
    return text


def _later(signal: ReplayedSignal) -> list[str]:
    return [
        f"+ {later.added_on.isoformat()}: {e.text}"
        for later in signal.later
        for e in later.evidence
    ]


def signals_table(signals: tuple[ReplayedSignal, ...], *, width: int) -> str:
    table = Table(title="Signals the rules would have raised", show_lines=True)
    table.add_column("Fired", no_wrap=True)
    table.add_column("Child")
    table.add_column("Rule, version and why", max_width=60)
    table.add_column("Evidence")
    table.add_column("Would have reached")
    for signal in signals:
        table.add_row(
            signal.fired_on.isoformat(),
            "\n".join(r.text for r in signal.child),
            _rule(signal),
            "\n".join([e.text for e in signal.evidence] + _later(signal)),
            "\n".join(a.description for a in signal.reached),
        )
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(table)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def summary_lines(result: ReplayResult, shown: int) -> str:
    signals = len(result.signals)
    children = len({s.child for s in result.signals})
    lines = [
        f"Rule set {result.ruleset}, as of {result.as_of.isoformat()}: {signals:,} "
        f"signal{'s' if signals != 1 else ''} for {children:,} of {result.children:,} children "
        f"({result.events:,} events; {result.records:,} records linked into "
        f"{result.persons:,} persons)."
    ]
    if 0 < shown < signals:
        lines.append(f"The table shows the first {shown:,}; every signal is in the files.")
    seconds = ", ".join(f"{stage} {s:.1f} s" for stage, s in result.seconds.items())
    lines.append(f"Took {sum(result.seconds.values()):.1f} s ({seconds}).")
    return "\n".join(lines) + "\n"
