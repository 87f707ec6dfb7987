from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from sightline.records.database_roles import apply_app_role


class Command(BaseCommand):
    help = (
        "PostgreSQL: create the application role and make records, versions and the audit trail "
        "append-only for it. Run as the database owner after every migrate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--role", default=settings.DATABASE_APP_ROLE)

    def handle(self, *args: Any, **options: Any) -> None:
        tables = apply_app_role(connection, options["role"])
        self.stdout.write(
            f"Role {options['role']}: SELECT and INSERT only on {len(tables)} append-only tables."
        )
