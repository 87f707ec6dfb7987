from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sightline.cli.linkage_display import StageBar, summary_table
from sightline.identity.linkage.files import LinkageInputError, link_file


class Command(BaseCommand):
    help = (
        "Link the records of a CSV file in the linkage column format (docs/linkage.md) into "
        "clusters of one person each, and write the clusters to a CSV file. The store is not "
        "touched. With --truth, the clusters are measured against a ground-truth column."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", type=Path, required=True, help="the records (CSV)")
        parser.add_argument("--output", type=Path, required=True, help="the clusters (CSV)")
        parser.add_argument("--truth", metavar="COLUMN", help="a ground-truth column to measure")
        parser.add_argument("--model", type=Path, help="a saved model (JSON) instead of training")
        parser.add_argument("--save-model", type=Path, help="save the model used (JSON)")

    def handle(self, *args: Any, **options: Any) -> None:
        bar = StageBar()
        try:
            summary = link_file(
                input_path=Path(options["input"]),
                output_path=Path(options["output"]),
                truth_column=options["truth"],
                model_path=_path(options["model"]),
                save_model_path=_path(options["save_model"]),
                progress=bar,
            )
        except (LinkageInputError, OSError) as error:
            raise CommandError(str(error)) from None
        finally:
            bar.end()
        self.stdout.write(summary_table(summary), ending="")
        self.stdout.write(f"clusters written to {options['output']}")


def _path(value: str | Path | None) -> Path | None:
    return None if value is None else Path(value)
