"""The one clock: timezone-aware UTC. Tests freeze time here and nowhere else.

Days are England's: an event recorded for a day is stored as that day's midnight in London,
which in summer is the evening before in UTC, so a day is always read in London time.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

ENGLAND = ZoneInfo("Europe/London")


def now() -> datetime:
    return datetime.now(UTC)


def day_of(instant: datetime) -> date:
    """The day an instant falls on in England."""
    return instant.astimezone(ENGLAND).date()


def today() -> date:
    return day_of(now())
