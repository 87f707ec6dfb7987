import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from sightline.audit.services import audit_checkpoint_write

# The brief asks for a checkpoint of the chain head outside the database at least every minute.
CHECKPOINT_SECONDS = 30


def _checkpoint_forever(stop: threading.Event) -> None:
    while not stop.wait(CHECKPOINT_SECONDS):
        close_old_connections()
        audit_checkpoint_write()


class Command(BaseCommand):
    help = "Serve the web UI and API, writing an audit checkpoint every 30 seconds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        audit_checkpoint_write()
        stop = threading.Event()
        ticker = threading.Thread(target=_checkpoint_forever, args=(stop,), daemon=True)
        ticker.start()
        try:
            call_command(
                "runserver", options["addrport"], use_reloader=False, insecure_serving=True
            )
        finally:
            stop.set()
