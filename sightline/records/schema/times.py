"""When things happened, with how precisely it is known."""

import re
from datetime import UTC, date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
_YEAR = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"\d{4}-\d{2}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Precision(StrEnum):
    EXACT = "exact"  # date and time of day
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"  # the date is an estimate


def parse_instant(value: str | date | datetime) -> tuple[datetime, Precision]:
    """Parse "2024-03-02T22:15", "2024-03-02", "2024-03" or "2024" into an aware UTC instant and
    its precision. Times without an offset are UK local time (GMT or BST)."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=LONDON)
        return moment.astimezone(UTC), Precision.EXACT
    if isinstance(value, date):
        return _local_midnight(value), Precision.DAY
    text = value.strip()
    if _YEAR.fullmatch(text):
        return _local_midnight(date(int(text), 1, 1)), Precision.YEAR
    if _YEAR_MONTH.fullmatch(text):
        year, month = text.split("-")
        return _local_midnight(date(int(year), int(month), 1)), Precision.MONTH
    if _DAY.fullmatch(text):
        return _local_midnight(date.fromisoformat(text)), Precision.DAY
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment.astimezone(UTC), Precision.EXACT


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=LONDON).astimezone(UTC)


def parse_partial_date(value: str | date) -> tuple[date, Precision]:
    """A date of birth or similar: "2019-05-14", "2019-05" or "2019"."""
    if isinstance(value, date):
        return value, Precision.DAY
    text = value.strip()
    if _YEAR.fullmatch(text):
        return date(int(text), 1, 1), Precision.YEAR
    if _YEAR_MONTH.fullmatch(text):
        year, month = text.split("-")
        return date(int(year), int(month), 1), Precision.MONTH
    return date.fromisoformat(text), Precision.DAY
