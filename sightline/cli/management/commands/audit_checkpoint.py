import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sightline.audit.services import audit_checkpoint_write


class Command(BaseCommand):
    help = (
        "Seal pending audit entries and append the chain head to the checkpoint file outside the "
        "database. With --every N, repeat every N seconds (run it beside the web server)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="seconds between checkpoints")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            line = audit_checkpoint_write()
            self.stdout.write(
                f"checkpoint at chain position {line['position']}" if line else "audit trail empty"
            )
            if not options["every"]:
                return
            time.sleep(options["every"])
