"""Persons grouped into households by shared homes and stated living-together. Pure."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from sightline.households.data import Basis, Role
from sightline.households.derivation.persons import (
    AddressKey,
    Home,
    has_died,
    home_of,
    is_protected,
    last_move,
    role_of,
)
from sightline.records.data import ResidenceFacts, StatedCohabitation


@dataclass(frozen=True)
class Member:
    person: UUID
    records: frozenset[UUID]
    role: Role
    role_since: date | None  # for an adult: the day they came of age, by every record
    basis: Basis
    joined_on: date | None  # the day their earliest tie began, when the records give it


@dataclass(frozen=True)
class Derivation:
    on: date
    groups: tuple[tuple[Member, ...], ...]  # persons who live together, one group each
    person_of: Mapping[UUID, UUID]  # every recorded person → its person
    last_moved: Mapping[UUID, date | None]  # person → last_move()


@dataclass
class _Ties:
    """Union-find over persons, remembering what tied each one and from when."""

    parent: dict[UUID, UUID] = field(default_factory=dict)
    by_address: set[UUID] = field(default_factory=set)
    by_relationship: set[UUID] = field(default_factory=set)
    since: dict[UUID, list[date]] = field(default_factory=lambda: defaultdict(list))

    def add(self, person: UUID) -> None:
        self.parent.setdefault(person, person)

    def root(self, person: UUID) -> UUID:
        while self.parent[person] != person:
            self.parent[person] = self.parent[self.parent[person]]
            person = self.parent[person]
        return person

    def join(self, first: UUID, second: UUID) -> None:
        self.add(first)
        self.add(second)
        a, b = sorted((self.root(first), self.root(second)))
        self.parent[b] = a

    def groups(self) -> list[list[UUID]]:
        found: dict[UUID, list[UUID]] = defaultdict(list)
        for person in self.parent:
            found[self.root(person)].append(person)
        return sorted(sorted(group) for group in found.values())


def _tie_at_address(ties: _Ties, persons: list[UUID], homes: Mapping[UUID, Home | None]) -> None:
    """Everyone at one address; each one's tie began when they and someone else were there."""
    for person in persons:
        ties.add(person)
    if len(persons) < 2:
        return
    starts = sorted((s, p) for p in persons if (s := _start(homes[p])) is not None)
    for person in persons:
        ties.join(persons[0], person)
        ties.by_address.add(person)
        own = _start(homes[person])
        other = next((s for s, p in starts if p != person), None)
        if own is not None and other is not None:
            ties.since[person].append(max(own, other))


def _behind_protection(home: Home | None) -> bool:
    return home is not None and home.protected


def _start(home: Home | None) -> date | None:
    return home.start if home is not None else None


def _member(person: UUID, ties: _Ties, records: list[ResidenceFacts], on: date) -> Member:
    role, since = role_of(records, on)
    if person in ties.by_address:
        basis = Basis.SHARED_ADDRESS
    elif person in ties.by_relationship:
        basis = Basis.STATED_RELATIONSHIP
    else:
        basis = Basis.REMAINED
    return Member(
        person=person,
        records=frozenset(r.recorded_person_id for r in records),
        role=role,
        role_since=since,
        basis=basis,
        joined_on=min(ties.since.get(person, ()), default=None),
    )


def derive(
    *,
    on: date,
    residences: Iterable[ResidenceFacts],
    cohabitations: Iterable[StatedCohabitation],
    person_of: Mapping[UUID, UUID],
) -> Derivation:
    """Who lives with whom on `on`. person_of: recorded person → identity person, for the
    recorded persons that are part of one."""
    records_of: dict[UUID, list[ResidenceFacts]] = defaultdict(list)
    key_of: dict[UUID, UUID] = {}
    for facts in residences:
        person = person_of.get(facts.recorded_person_id, facts.recorded_person_id)
        records_of[person].append(facts)
        key_of[facts.recorded_person_id] = person
    homes = {person: home_of(records, on) for person, records in records_of.items()}
    away = {
        person
        for person, records in records_of.items()
        if has_died(records, on) or _behind_protection(homes[person])
    }
    ties = _Ties()
    at: dict[AddressKey, list[UUID]] = defaultdict(list)
    for person, home in sorted(homes.items()):
        if person not in away and home is not None and home.key is not None:
            at[home.key].append(person)
    for persons in at.values():
        _tie_at_address(ties, persons, homes)
    ended = _tie_stated(ties, cohabitations, records_of, key_of, away, on)
    groups = tuple(
        tuple(_member(person, ties, records_of[person], on) for person in group)
        for group in ties.groups()
    )
    return Derivation(
        on=on,
        groups=groups,
        person_of=key_of,
        last_moved={p: last_move(rs, ended.get(p, ()), on) for p, rs in records_of.items()},
    )


def _tie_stated(
    ties: _Ties,
    cohabitations: Iterable[StatedCohabitation],
    records_of: Mapping[UUID, list[ResidenceFacts]],
    key_of: Mapping[UUID, UUID],
    away: set[UUID],
    on: date,
) -> dict[UUID, list[date]]:
    """Tie the persons of every current stated living-together; return when each person's ended
    ones ended."""
    unprotected = {
        r.recorded_person_id
        for records in records_of.values()
        for r in records
        if not is_protected(r)
    }
    ended: dict[UUID, list[date]] = defaultdict(list)
    for stated in cohabitations:
        if stated.person_id not in unprotected or stated.counterpart_id not in unprotected:
            continue
        first, second = key_of[stated.person_id], key_of[stated.counterpart_id]
        if first == second:
            continue  # two records of one person: nothing about living together
        if stated.end is not None and stated.end <= on:
            ended[first].append(stated.end)
            ended[second].append(stated.end)
        elif stated.start <= on and not {first, second} & away:
            ties.join(first, second)
            for person in (first, second):
                ties.by_relationship.add(person)
                ties.since[person].append(stated.start)
    return ended
