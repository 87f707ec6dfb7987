import shutil
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sightline.cli.import_display import ProgressBar
from sightline.cli.replay_display import signals_table, summary_lines
from sightline.core.exceptions import DomainError, InvalidInput
from sightline.risk.replay import replay_file, result_write
from sightline.risk.rules import CURRENT_RULESET


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of {text!r}: give a date as YYYY-MM-DD") from None


class Command(BaseCommand):
    help = (
        "Replay a chronology file in the import format (docs/import-format.md) through the risk "
        "rules, in memory, and print every signal with the day it would have fired, its rule and "
        "version, its evidence and whom it would have reached; also written as signals.json and "
        "signals.csv. Nothing is stored (docs/replay.md)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a .csv, .jsonl or .ndjson file")
        parser.add_argument("--agency", help="agency code for rows without an agency column")
        parser.add_argument("--rules", default=CURRENT_RULESET, help="the rule set to replay")
        parser.add_argument("--as-of", help="replay up to this day, YYYY-MM-DD (default: the last)")
        parser.add_argument(
            "--out", type=Path, help="where to write the files (default: ./replay-<file name>)"
        )
        parser.add_argument(
            "--agencies",
            type=Path,
            help="a JSON list of the file's agencies (code, name, kind), instead of Sightline's",
        )
        parser.add_argument(
            "--show", type=int, default=200, help="signals to print at most (all are written)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            result = replay_file(
                path=path,
                default_agency=options["agency"],
                ruleset_name=options["rules"],
                as_of=_day(options["as_of"]) if options["as_of"] else None,
                agencies_path=options["agencies"],
                progress=ProgressBar(),
            )
        except InvalidInput as error:
            for problem in error.problems:
                where = f"row {problem.row}, " if problem.row is not None else ""
                self.stderr.write(f"{where}field {problem.field}: {problem.message}")
            raise CommandError("Nothing was replayed: fix the rows above and try again.") from None
        except (DomainError, ValueError) as error:
            raise CommandError(str(error)) from None
        out = options["out"] or Path.cwd() / f"replay-{path.stem}"
        json_path, csv_path = result_write(result, out)
        shown = result.signals[: max(options["show"], 0)]
        if shown:
            width = max(120, shutil.get_terminal_size((160, 40)).columns)
            self.stdout.write(signals_table(shown, width=width), ending="")
        self.stdout.write(summary_lines(result, len(shown)), ending="")
        self.stdout.write(f"Written to {json_path} and {csv_path}.")
