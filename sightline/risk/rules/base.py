"""What every risk rule reads and returns. Pure Python: no Django, no database.

A rule sees one child's joined chronology as a `Case`: the child's date of birth, the entries
(events about any agency's record of the child, and the household adults' events that belong in
the child's chronology), and the spans of service the child was open to (an allocation, an
episode, a plan). It returns `Finding`s: each names the entries that are its evidence and says
in plain English why it fired. The same `evaluate()` runs for live records and for a replayed
file, so a rule cannot tell the two apart.

Each rule module names, as `READS`, the only kinds of entry its findings depend on (with the
child's date of birth), or None when it reads every kind, or the days passing and the spans of
service; a rule that reads every kind but neither of those says so with `TIMELESS = True`. On a
day that brings no entry of the kinds it reads (for a timeless rule, no entry at all) its
findings are the ones it gave the day before, all already cited, so a replay, which runs the
rules day by day, need not run it. A property test checks each rule against its declaration.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from operator import attrgetter
from typing import Any, Protocol

# Who an entry is about, from the child's side.
CHILD = "child"
ADULT = "adult"  # an adult of the child's household


@dataclass(frozen=True)
class Item:
    """One entry of the chronology as rules read it.

    `id` is the entry's stable reference: the event version's id for live records, the source
    reference for a replayed file. Rules only compare ids and quote them as evidence."""

    id: str
    kind: str  # records' EventKind value: "concern", "injury", …
    on: date  # the day it happened
    agency: str  # the recording agency's id or code
    agency_kind: str  # "police", "school", "children_social_care", …
    about: str = CHILD  # CHILD or ADULT
    person: str = ""  # the record it is about (an adult's, for ADULT entries)
    roles: frozenset[str] = frozenset()  # the child's (or adult's) roles in it
    details: Mapping[str, Any] = field(default_factory=dict)
    child_seen: str = ""  # "yes", "no:<reason>", "not_applicable", or ""
    child_seen_alone: str = ""
    child_voice: str = ""
    factors: frozenset[str] = frozenset()  # CIN assessment factor codes


@dataclass(frozen=True)
class Span:
    """A time the child was open to a service: an allocation, an episode or a plan."""

    kind: str  # "allocation", "episode:child_in_need", "plan:child_protection", …
    start: date
    end: date | None = None  # None: still open

    def open_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


# (day, id): the order of a case's known items.
_DAY_THEN_ID = attrgetter("on", "id")


@dataclass(frozen=True)
class Case:
    """One child's chronology up to `as_of`: what a rule may know on that day."""

    as_of: date
    date_of_birth: date | None
    items: tuple[Item, ...]  # in date order; nothing after as_of
    spans: tuple[Span, ...] = ()

    def age_in_days(self, day: date) -> int | None:
        return None if self.date_of_birth is None else (day - self.date_of_birth).days

    @cached_property
    def known_items(self) -> tuple[Item, ...]:
        """Every item up to `as_of`, oldest first, items of the same day in the order of their
        ids: sorted once for the case, as several rules read all of it (reading.known)."""
        return tuple(
            sorted((item for item in self.items if item.on <= self.as_of), key=_DAY_THEN_ID)
        )

    def of_kind(self, *kinds: str) -> list[Item]:
        return [item for item in self.items if item.kind in kinds]

    def open_spans(self, day: date) -> list[Span]:
        return [span for span in self.spans if span.open_on(day)]


@dataclass(frozen=True)
class Finding:
    """A rule fired: on which day (the day its last piece of evidence happened, or for a rule
    about time passing, the day the time ran out), on what evidence, and why."""

    rule_id: str
    version: int
    on: date
    evidence: tuple[str, ...]  # item ids, oldest first
    explanation: str


@dataclass(frozen=True)
class Example:
    """A worked example: shown with the rule, and run as its test. `fires` lists the evidence
    of each finding expected (empty: the rule must not fire)."""

    title: str
    case: Case
    fires: tuple[tuple[str, ...], ...] = ()


class Rule(Protocol):
    """What a rule module provides (modules satisfy it structurally)."""

    RULE_ID: str
    VERSION: int
    TITLE: str
    RATIONALE: str
    PARAMETERS: Any  # a frozen dataclass of named thresholds
    EXAMPLES: Sequence[Example]
    evaluate: Callable[[Case], list[Finding]]


# ---------------------------------------------------------------- small shared helpers


def within(items: Sequence[Item], days: int) -> list[list[Item]]:
    """Every run of items (in date order) that starts at an item and reaches `days` after it:
    the sliding windows rules count in. Windows that hold nothing new are left out."""
    windows: list[list[Item]] = []
    for start, first in enumerate(items):
        limit = first.on + timedelta(days=days)
        window = [item for item in items[start:] if item.on <= limit]
        if not windows or window[-1] is not windows[-1][-1]:
            windows.append(window)
    return windows


def finding(
    rule_id: str, version: int, items: Sequence[Item], explanation: str, on: date | None = None
) -> Finding:
    """A finding on these items, dated by the newest of them unless `on` says otherwise."""
    ordered = sorted(items, key=lambda item: (item.on, item.id))
    return Finding(
        rule_id=rule_id,
        version=version,
        on=on or ordered[-1].on,
        evidence=tuple(item.id for item in ordered),
        explanation=explanation,
    )


def agencies_of(items: Sequence[Item]) -> set[str]:
    return {item.agency for item in items}


def say_count(number: int, one: str, many: str | None = None) -> str:
    """'1 concern', '3 concerns'."""
    return f"{number} {one if number == 1 else (many or one + 's')}"
