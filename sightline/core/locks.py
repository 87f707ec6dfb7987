"""Making writers take turns on PostgreSQL."""

from django.db import connection


def take_turn(key: int) -> None:
    """Wait for, then hold until the current transaction ends, the PostgreSQL advisory lock
    that `key` names. SQLite lets one write transaction in at a time already: nothing to do."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
