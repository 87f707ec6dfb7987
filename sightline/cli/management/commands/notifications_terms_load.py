import csv
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sightline.agencies.selectors import agency_ids_by_code
from sightline.core.exceptions import InvalidInput
from sightline.notifications.calendar import Term
from sightline.notifications.services import school_terms_replace

COLUMNS = ("agency", "name", "starts_on", "ends_on")


class Command(BaseCommand):
    help = (
        "Load term dates from a CSV file with the columns agency, name, starts_on, ends_on "
        "(dates as YYYY-MM-DD; agency is a school's code, or empty for the local authority's "
        "default calendar). Each calendar in the file replaces that calendar's stored terms. "
        "Notification deadlines of 'before the next school day' count only term days."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        calendars = self._read(options["path"])
        try:
            for agency_id, terms in calendars.items():
                school_terms_replace(agency_id=agency_id, terms=terms)
        except InvalidInput as error:
            raise CommandError(str(error)) from None
        total = sum(len(terms) for terms in calendars.values())
        self.stdout.write(f"Loaded {total:,} terms into {len(calendars):,} calendars.")

    def _read(self, path: Path) -> dict[Any, list[tuple[str, Term]]]:
        agencies = agency_ids_by_code()
        calendars: dict[Any, list[tuple[str, Term]]] = defaultdict(list)
        with open(path, newline="", encoding="utf-8") as file:
            rows = csv.DictReader(file)
            if tuple(rows.fieldnames or ()) != COLUMNS:
                raise CommandError(f"{path}: the columns must be {', '.join(COLUMNS)}")
            for number, row in enumerate(rows, start=2):
                code = row["agency"].strip()
                if code and code not in agencies:
                    raise CommandError(f"{path} row {number}: agency: no agency {code!r}")
                try:
                    term = Term(
                        date.fromisoformat(row["starts_on"]), date.fromisoformat(row["ends_on"])
                    )
                except ValueError as error:
                    raise CommandError(f"{path} row {number}: {error}") from None
                calendars[agencies.get(code)].append((row["name"].strip(), term))
        return dict(calendars)
