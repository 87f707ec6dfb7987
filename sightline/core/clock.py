"""The one clock: timezone-aware UTC. Tests freeze time here and nowhere else."""

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)
