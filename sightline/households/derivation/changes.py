"""Groups turned into membership rows against the memberships stored. Pure."""

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

from sightline.households.data import Basis, Role
from sightline.households.derivation.groups import Derivation, Member


@dataclass(frozen=True)
class Current:
    """A recorded person's latest membership row."""

    number: int
    household: UUID | None
    role: Role | None
    effective_on: date | None = None


@dataclass(frozen=True)
class Change:
    """One new membership row: from now, this recorded person lives in `household` (None: in
    no household we know of)."""

    recorded_person_id: UUID
    number: int
    household: UUID | None
    previous_household: UUID | None
    role: Role | None
    previous_role: Role | None
    basis: Basis | None
    effective_on: date | None  # when it happened, as the records say

    @property
    def joined(self) -> bool:
        return self.household is not None and self.household != self.previous_household

    @property
    def left(self) -> bool:
        return self.previous_household is not None and self.household != self.previous_household

    @property
    def role_changed(self) -> bool:
        return self.household is not None and self.household == self.previous_household


@dataclass(frozen=True)
class Plan:
    changes: tuple[Change, ...]
    formed: tuple[UUID, ...]  # households new in this plan


def _assign(
    derivation: Derivation, current: Mapping[UUID, Current], new_household: Callable[[], UUID]
) -> tuple[dict[int, UUID], list[UUID]]:
    """Group index → its household: the household holding most of its persons, largest overlap
    first (then the larger group); a new one for a group of two or more left without."""
    candidates: list[tuple[int, int, str, int, UUID]] = []
    for index, group in enumerate(derivation.groups):
        overlap = Counter(
            household
            for member in group
            for household in {_household(current, r) for r in member.records}
            if household is not None
        )
        candidates += [(-n, -len(group), str(h), index, h) for h, n in overlap.items()]
    assigned: dict[int, UUID] = {}
    taken: set[UUID] = set()
    for *_, index, household in sorted(candidates):
        if index not in assigned and household not in taken:
            assigned[index] = household
            taken.add(household)
    formed: list[UUID] = []
    for index, group in enumerate(derivation.groups):
        if index not in assigned and len(group) > 1:
            assigned[index] = new_household()
            formed.append(assigned[index])
    return assigned, formed


def _household(current: Mapping[UUID, Current], record: UUID) -> UUID | None:
    row = current.get(record)
    return row.household if row is not None else None


def _change(
    record: UUID,
    now: Current | None,
    target: UUID | None,
    member: Member | None,
    departed_on: Mapping[UUID, date],
) -> Change | None:
    number, had, had_role = (now.number, now.household, now.role) if now else (0, None, None)
    role = member.role if member is not None and target is not None else None
    if had == target and role == had_role:
        return None
    if target is None or member is None:
        effective = _departure(now, departed_on)
    elif had == target:
        effective = member.role_since
    else:
        effective = member.joined_on
    return Change(
        recorded_person_id=record,
        number=number + 1,
        household=target,
        previous_household=had,
        role=role,
        previous_role=had_role,
        basis=member.basis if member is not None and target is not None else None,
        effective_on=effective,
    )


def _departure(now: Current | None, departed_on: Mapping[UUID, date]) -> date | None:
    """A departure's date: the latest move among the household's members, if it came after the
    leaver's own arrival; otherwise the records do not say when (a move to a protected address
    is not counted, so its date is never shown)."""
    if now is None or now.household is None:
        return None
    day = departed_on.get(now.household)
    if day is None or (now.effective_on is not None and day <= now.effective_on):
        return None
    return day


def plan(
    derivation: Derivation,
    current: Mapping[UUID, Current],
    new_household: Callable[[], UUID] = uuid4,
) -> Plan:
    """The membership rows that bring the stored memberships (`current`: each recorded person's
    latest row) in line with the derivation; none when they already are."""
    assigned, formed = _assign(derivation, current, new_household)
    # A departure is dated by the latest move among the household's members: when one person
    # stays and the others move away, the day the others moved is the day it split.
    departed: dict[UUID, list[date]] = defaultdict(list)
    for record, row in current.items():
        moved = derivation.last_moved.get(derivation.person_of.get(record, record))
        if row.household is not None and moved is not None:
            departed[row.household].append(moved)
    departed_on = {household: max(days) for household, days in departed.items()}
    changes: list[Change] = []
    placed: set[UUID] = set()
    for index, group in enumerate(derivation.groups):
        for member in group:
            for record in sorted(member.records):
                placed.add(record)
                change = _change(
                    record, current.get(record), assigned.get(index), member, departed_on
                )
                if change is not None:
                    changes.append(change)
    for record in sorted(derivation.person_of.keys() - placed):
        change = _change(record, current.get(record), None, None, departed_on)
        if change is not None:
            changes.append(change)
    return Plan(tuple(changes), tuple(formed))
