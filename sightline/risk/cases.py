"""Building a child's `Case` from plain facts: one path for live records and for a replayed file,
so the rules see the same case either way. Pure Python.

The case holds what the child's joined chronology holds: every event about any record linked
to the child, and the events of `HOUSEHOLD_KINDS` about the adults of the child's household
while they lived there; and the spans of service the child was open to (allocations, episodes
and plans) from the relationships recorded about any linked record.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sightline.risk.rules.base import ADULT, CHILD, Case, Item, Span

# The kinds of events about a household adult that belong in a child's case (the same as the
# chronology's; the chronology app's constant is checked against this one in the tests).
HOUSEHOLD_KINDS = frozenset(
    {
        "domestic_abuse_incident",
        "household_change",
        "concern",
        "disclosure",
        "referral",
        "front_door_decision",
    }
)

# Relationship kinds that open a child to a service for the "seen" rules.
SPAN_KINDS = frozenset({"worker_allocation", "episode", "plan"})


@dataclass(frozen=True)
class EventFact:
    """An event (its version known at the moment) as both sources give it."""

    id: str  # the event version's id, or the file's source reference
    kind: str
    on: date
    agency: str
    agency_kind: str
    subjects: tuple[tuple[str, str], ...]  # (record id, role)
    details: Mapping[str, Any]
    child_seen: str = ""
    child_seen_alone: str = ""
    child_voice: str = ""
    factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class TieFact:
    """A relationship tying one of the child's records to a service."""

    kind: str  # "worker_allocation", "episode", "plan", …
    start: date
    end: date | None
    details: Mapping[str, Any]


def span_of(tie: TieFact) -> Span | None:
    if tie.kind not in SPAN_KINDS:
        return None
    if tie.kind == "episode":
        kind = f"episode:{tie.details.get('episode_type', '')}"
    elif tie.kind == "plan":
        kind = f"plan:{tie.details.get('plan_type', '')}"
    else:
        kind = "allocation"
    return Span(kind=kind, start=tie.start, end=tie.end)


def item_of(event: EventFact, about: str, person: str) -> Item:
    roles = frozenset(role for record, role in event.subjects if record == person)
    return Item(
        id=event.id,
        kind=event.kind,
        on=event.on,
        agency=event.agency,
        agency_kind=event.agency_kind,
        about=about,
        person=person,
        roles=roles,
        details=event.details,
        child_seen=event.child_seen,
        child_seen_alone=event.child_seen_alone,
        child_voice=event.child_voice,
        factors=frozenset(event.factors),
    )


def case_of(
    *,
    as_of: date,
    date_of_birth: date | None,
    child_records: frozenset[str],
    adults: Mapping[str, Iterable[tuple[date, date | None]]],
    events: Iterable[EventFact],
    ties: Iterable[TieFact],
) -> Case:
    """The child's case on `as_of`. `adults` maps each household adult's record to the spells
    they lived with the child; an adult's event counts while they lived there."""
    items: dict[str, Item] = {}
    for event in events:
        if event.on > as_of or event.id in items:
            continue
        child = next((r for r, _ in event.subjects if r in child_records), None)
        if child is not None:
            items[event.id] = item_of(event, CHILD, child)
            continue
        if event.kind not in HOUSEHOLD_KINDS:
            continue
        for record, _ in event.subjects:
            spells = adults.get(record, ())
            if any(start <= event.on and (end is None or event.on <= end) for start, end in spells):
                items[event.id] = item_of(event, ADULT, record)
                break
    return Case(
        as_of=as_of,
        date_of_birth=date_of_birth,
        items=tuple(sorted(items.values(), key=lambda i: (i.on, i.id))),
        spans=spans_on(ties, as_of),
    )


def spans_on(ties: Iterable[TieFact], as_of: date) -> tuple[Span, ...]:
    """The spans of service of the child's case on `as_of` (case_of's `spans`)."""
    # On as_of a span that ends later is still open: the case knows nothing after as_of.
    spans = sorted(
        (
            Span(s.kind, s.start, s.end if s.end is not None and s.end <= as_of else None)
            for s in map(span_of, ties)
            if s is not None and s.start <= as_of
        ),
        key=lambda s: (s.start, s.kind),
    )
    return tuple(spans)


def birth_day(text: str) -> date | None:
    """A date of birth as precise as recorded ("2015", "2015-03", "2015-03-07") as one day: the
    middle of the month or year when only those are known."""
    parts = text.split("-") if text else []
    try:
        if len(parts) == 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 15)
        if len(parts) == 1:
            return date(int(parts[0]), 7, 1)
    except ValueError:
        return None
    return None


def birth_day_of(born: date | None, precision: str) -> date | None:
    """A stored date of birth as one day: the middle of the month or year when only those are
    known (as birth_day does for the written form)."""
    if born is None:
        return None
    if precision == "month":
        return born.replace(day=15)
    if precision == "year":
        return born.replace(month=7, day=1)
    return born
