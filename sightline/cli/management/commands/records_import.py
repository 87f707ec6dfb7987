from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sightline.cli.import_display import ProgressBar, summary_table
from sightline.core.exceptions import DomainError, InvalidInput
from sightline.records.services.imports import import_file


class Command(BaseCommand):
    help = (
        "Import persons, relationships and events from a CSV or JSON Lines file "
        "(docs/import-format.md). All or nothing; importing the same file again changes nothing."
    )
    # The web stack's checks say nothing about an import, and would slow every run.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a .csv, .jsonl or .ndjson file")
        parser.add_argument("--agency", help="agency code for rows without an agency column")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_file(
                actor=None,
                path=options["file"],
                default_agency_code=options["agency"],
                progress=ProgressBar(),
            )
        except InvalidInput as error:
            for problem in error.problems:
                where = f"row {problem.row}, " if problem.row is not None else ""
                self.stderr.write(f"{where}field {problem.field}: {problem.message}")
            raise CommandError("Nothing was imported: fix the rows above and try again.") from None
        except DomainError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(summary_table(report), ending="")
        self.stdout.write(
            f"committed import {report.import_id}" if report.changed else "nothing changed"
        )
