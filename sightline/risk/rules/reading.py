"""How rules read a case: what they may know on its day, in one order, and the look-back
windows they count in. Pure Python.

A case should hold nothing after its `as_of` day and keep its items in date order, but a rule
does not rely on either: it reads through `known()`, so the same findings come out whatever order
the items arrive in and whatever a caller left in by mistake.
"""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from sightline.risk.rules.base import Case, Finding, Item


def known(case: Case, *kinds: str) -> list[Item]:
    """The case's items of these kinds (every kind if none is named) up to its `as_of` day,
    oldest first; items of the same day in the order of their ids."""
    if not kinds:
        return list(case.known_items)
    return [item for item in case.known_items if item.kind in kinds]


def oldest_first(findings: Iterable[Finding]) -> list[Finding]:
    found = list(findings)
    if len(found) < 2:  # most evaluations find nothing: nothing to sort
        return found
    return sorted(found, key=lambda f: (f.on, f.evidence, f.explanation))


def windows_by_day(items: Sequence[Item], days: int) -> list[list[Item]]:
    """For each day on which one of `items` (oldest first) happened, the items from `days` before
    that day to the end of it: the look-back windows rules count in. Each window ends with the
    items of its own day, so none repeats an earlier one, and a window never changes once its
    day has passed (the finding a replay shows for a day is the one live evaluation gave)."""
    windows: list[list[Item]] = []
    first = 0
    end = 0
    while end < len(items):
        day = items[end].on
        while end < len(items) and items[end].on == day:
            end += 1
        while items[first].on < day - timedelta(days=days):
            first += 1
        windows.append(list(items[first:end]))
    return windows


def runs(items: Sequence[Item], gap_days: int) -> list[list[Item]]:
    """Items (oldest first) grouped into runs in which each follows the one before by at most
    `gap_days`: records of one happening made on nearby days (a referral and the front door's
    decision on it; an enquiry's end and its assessment's outcome)."""
    grouped: list[list[Item]] = []
    for item in items:
        if grouped and (item.on - grouped[-1][-1].on).days <= gap_days:
            grouped[-1].append(item)
        else:
            grouped.append([item])
    return grouped


def birthday(born: date, years: int) -> date:
    """The day a child born on `born` turns `years` old (1 March for a 29 February birthday)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)
