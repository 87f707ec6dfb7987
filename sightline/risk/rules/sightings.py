"""How long a child on an open case went without being seen (or seen alone): the counting the
two "not seen" rules share. Pure Python.

Changing this module changes both rules, so both then need a new VERSION.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sightline.risk.rules.base import Case, Item, Span
from sightline.risk.rules.reading import known
from sightline.risk.rules.wording import day_text

SPAN_NAMES = {
    "plan:child_protection": "child protection plan",
    "episode:child_protection": "child protection episode",
    "episode:assessment": "assessment",
    "plan:looked_after": "looked after child's plan",
    "episode:looked_after": "episode of being looked after",
    "plan:child_in_need": "child in need plan",
    "episode:child_in_need": "child in need episode",
    "allocation": "allocation to a worker",
}


@dataclass(frozen=True)
class Overdue:
    """A stretch of time in which a child on an open case went unseen for too long."""

    on: date  # the first day past the standard
    span: Span  # the open case whose standard ran out first
    allowed_days: int
    since: date  # when the clock started: the last sighting, the case opening, or a birthday
    last_seen: Item | None  # None: not seen at all since the case opened (as far as it knows)
    evidence: tuple[Item, ...]


def overdue_spells(
    case: Case,
    seen: Callable[[Item], bool],
    not_seen: Callable[[Item], bool],
    allowed: Callable[[str], int | None],
    clock_from: date | None = None,
) -> list[Overdue]:
    """Every stretch between sightings (and after the last) in which an open case's standard
    ran out: one for each stretch, under whichever standard ran out first. A stretch that has
    since ended with a sighting still counts; it is part of the child's history.

    The evidence is the last sighting before the stretch; when the child was never seen, the
    contacts that recorded them as not seen up to the day the standard ran out, or else the
    case's latest entry by then (with no entry at all there is nothing to cite, so no finding).
    """
    # Each span with its standard, asked once for the case rather than once for each stretch.
    standards: list[tuple[Span, int]] = []
    for span in case.spans:
        standard = allowed(span.kind)
        if standard is not None:
            standards.append((span, standard))
    if not standards:
        return []  # never open to a service with a standard: no clock to run out
    opened = [(span, standard) for span, standard in standards if span.start <= case.as_of]
    items = known(case)
    # The last sighting of each day (items are oldest first, so later ones overwrite).
    sightings = {item.on: item for item in items if seen(item)}
    sighting_days = sorted(sightings)
    spells = []
    for number, last in enumerate([None, *sighting_days]):
        limit = sighting_days[number] if number < len(sighting_days) else case.as_of
        first = _first_overdue(opened, last, limit, clock_from)
        if first is None:
            continue
        on, standard, span, since = first
        seen_item = None if last is None else sightings[last]
        evidence = [seen_item] if seen_item else _unseen_evidence(items, not_seen, since, on)
        if evidence:
            spells.append(Overdue(on, span, standard, since, seen_item, tuple(evidence)))
    return spells


def _first_overdue(
    opened: list[tuple[Span, int]],
    last: date | None,
    limit: date,
    clock_from: date | None,
) -> tuple[date, int, Span, date] | None:
    """The first day, after a sighting on `last` and up to `limit`, on which the standard of a
    case open by then (`opened`: each with its standard) had run out: with the standard, the
    case, and the day its clock started."""
    candidates = []
    for span, standard in opened:
        since = max(day for day in (span.start, last, clock_from) if day is not None)
        on = since + timedelta(days=standard + 1)
        if on > limit or (span.end is not None and span.end < on):
            continue
        candidates.append((on, standard, span.kind, span.start, span, since))
    if not candidates:
        return None
    on, standard, _, _, span, since = min(candidates, key=lambda c: c[:4])
    return on, standard, span, since


def _unseen_evidence(
    items: list[Item], not_seen: Callable[[Item], bool], since: date, on: date
) -> list[Item]:
    missed = [item for item in items if since <= item.on <= on and not_seen(item)]
    return missed or [item for item in items if item.on <= on][-1:]


def opened_text(spell: Overdue) -> str:
    """'the child protection plan open since 1 Mar 2025'."""
    name = SPAN_NAMES.get(spell.span.kind, spell.span.kind)
    return f"the {name} open since {day_text(spell.span.start)}"
