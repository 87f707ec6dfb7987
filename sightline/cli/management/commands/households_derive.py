from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sightline.cli.households_display import summary_line
from sightline.core.exceptions import Conflict
from sightline.households.services import households_derive


class Command(BaseCommand):
    help = (
        "Work out who lives with whom from the agencies' current addresses and stated "
        "relationships, and record only what changed: each person joining or leaving a "
        "household, or turning 18, is a dated, audited row in its history. Protected addresses "
        "(a refuge) never put anyone in a household. Running it again changes nothing."
    )
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = households_derive(actor=None)
        except Conflict as error:
            raise CommandError(str(error)) from None
        self.stdout.write(summary_line(summary))
