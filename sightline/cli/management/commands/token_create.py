from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sightline.agencies.services import token_create
from sightline.core.exceptions import NotFound


class Command(BaseCommand):
    help = (
        "Issue an API bearer token for a practitioner. The token is printed once, alone on "
        "standard output (so it can be captured by a script); Sightline stores only its hash."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The practitioner's sign-in name.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            issued = token_create(actor=None, username=options["username"])
        except NotFound as error:
            raise CommandError(str(error)) from None
        self.stderr.write(
            f"API token for {issued.username}. It is shown only this once: Sightline stores a "
            "hash of it, not the token, so copy it now. Send it as 'Authorization: Bearer …'."
        )
        self.stdout.write(issued.secret)
