"""Plain English for findings: dates, lengths of time and agencies, written the same way by every
rule so that an explanation reads like a practitioner's note. Pure Python."""

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sightline.records.schema.body_map import MARK_TYPES, REGIONS_BY_CODE
from sightline.risk.rules.base import Item, say_count

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# How agency kinds read in a sentence, where the code alone would not.
_AGENCY_NAMES = {
    "gp": "GP",
    "childrens_social_care": "children's social care",
    "children_social_care": "children's social care",
    "": "an agency",
}
# Beyond this many days, a list of dates gives only its first and last.
_MOST_DAYS_LISTED = 6
# Beyond this many marks, an injury's description counts the rest.
_MOST_MARKS_NAMED = 3


def day_text(day: date) -> str:
    """'3 Mar 2025'."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def join_words(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def days_text(days: Iterable[date]) -> str:
    """'12 Jan, 3 Mar and 28 Sep 2025': each year said once, after its last day."""
    unique = sorted(set(days))
    if len(unique) > _MOST_DAYS_LISTED:
        return f"{len(unique)} days from {day_text(unique[0])} to {day_text(unique[-1])}"
    parts = []
    for number, day in enumerate(unique):
        same_year_next = number + 1 < len(unique) and unique[number + 1].year == day.year
        parts.append(f"{day.day} {_MONTHS[day.month - 1]}" if same_year_next else day_text(day))
    return join_words(parts)


def duration_text(days: int) -> str:
    """A threshold's length as a practitioner says it: '12 months', '6 weeks', '10 days'."""
    if days and days % 365 == 0:
        return f"{12 * days // 365} months"
    if days and days % 7 == 0:
        weeks = days // 7
        return "1 week" if weeks == 1 else f"{weeks} weeks"
    return "1 day" if days == 1 else f"{days} days"


def within_text(first: date, last: date) -> str:
    """How long a pattern took: 'on the same day', 'within 5 days', 'within 3 weeks',
    'within 9 months' (rounded up, so it is never shorter than it was)."""
    days = (last - first).days
    if days == 0:
        return "on the same day"
    if days < 14:
        return f"within {days} day{'s' if days > 1 else ''}"
    if days < 63:
        return f"within {math.ceil(days / 7)} weeks"
    return f"within {math.ceil(days / 30.44)} months"


def agency_name(kind: str) -> str:
    """'police', 'school', 'GP', "children's social care"."""
    return _AGENCY_NAMES.get(kind, kind.replace("_", " "))


def by_agency_text(items: Sequence[Item]) -> str:
    """'police on 12 Jan and 3 Mar 2025; school on 4 Feb 2025': each agency (in the order it
    first appears) with the days of its items."""
    days: dict[str, list[date]] = {}
    kinds: dict[str, str] = {}
    for item in sorted(items, key=lambda i: (i.on, i.id)):
        days.setdefault(item.agency, []).append(item.on)
        kinds.setdefault(item.agency, item.agency_kind)
    named: list[str] = []
    parts = []
    for agency, on in days.items():
        name = agency_name(kinds[agency])
        parts.append(f"{'another ' if name in named else ''}{name} on {days_text(on)}")
        named.append(name)
    return "; ".join(parts)


def times_text(number: int) -> str:
    """'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(number, f"{number} times")


def ordinal(number: int) -> str:
    """'1st', '2nd', '13th', '62nd'."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{({1: 'st', 2: 'nd', 3: 'rd'}).get(number % 10, 'th')}"


def centile_text(centile: float) -> str:
    """'the 62nd centile', 'the 0.4th centile' (the lowest line of the UK-WHO charts)."""
    if centile < 1:
        return f"the {centile:g}th centile"
    return f"the {ordinal(round(centile))} centile"


def marks_text(details: Mapping[str, Any]) -> str:
    """'bruise to the cheek, left and scratch to the neck (front)'."""
    marks = details.get("marks")
    described = []
    for mark in marks if isinstance(marks, list) else []:
        if not isinstance(mark, Mapping):
            continue
        kind = MARK_TYPES.get(str(mark.get("mark_type")), "mark").lower()
        region = REGIONS_BY_CODE.get(str(mark.get("region")))
        described.append(f"{kind} to the {region.label.lower()}" if region else kind)
    if len(described) > _MOST_MARKS_NAMED:
        more = len(described) - _MOST_MARKS_NAMED
        described = [*described[:_MOST_MARKS_NAMED], say_count(more, "more mark")]
    return join_words(described) or "injury"
