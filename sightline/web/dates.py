"""Dates and times as GOV.UK writes them, in UK time, as precisely as they are known."""

from datetime import date, datetime

from django.utils import timezone


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _clock(value: datetime) -> str:
    hour = value.hour % 12 or 12
    return f"{hour}:{value:%M}{'am' if value.hour < 12 else 'pm'}"


def occurred(value: datetime | None, precision: str = "exact") -> str:
    """ "4 March 2024 at 9:10am", "March 2024 (month only)", "About 4 March 2024"."""
    if value is None:
        return "Not given"
    local = timezone.localtime(value)
    if precision == "exact":
        return f"{_day(local)} at {_clock(local)}"
    return partial_date(local.date(), precision)


def partial_date(value: date | None, precision: str = "day") -> str:
    """A date of birth or an event's date, with its precision."""
    if value is None:
        return "Not known"
    if precision == "year":
        return f"{value.year} (year only)"
    if precision == "month":
        return f"{value:%B %Y} (month only)"
    if precision == "approximate":
        return f"About {_day(value)}"
    return _day(value)


def moment(value: datetime | None) -> str:
    return occurred(value, "exact")
