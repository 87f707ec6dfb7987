"""Who lived with each child, and when, worked out from the file alone.

The rules are live household derivation's (sightline.households.derivation, docs/households.md),
applied over time rather than on one day:

- a person's home on a day is their latest current address across all their records; two
  persons whose homes are the same (postcode and first line, normalised) live together;
- two persons live together while an agency's record says so (`lives_with`);
- living together is transitive;
- protected information ties nobody: a confidential or shielded address or record; a person
  whose latest address is protected, or who has died, is in no household;
- a person's role comes from their dates of birth (role_of): the child's household adults are
  its members who are adults, or whose age the records do not settle.

derive() answers for one day and normalises every address each time it is asked; a replay needs
the answer for every day, for every child, so the same rules run here on addresses normalised
once, on each day anything they read changes, for each group of persons who could ever share a
household (those tied, directly or through one another, by an address or a stated relationship).
A test checks the answers against derive() day by day.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from sightline.households.derivation import address_key, eighteenth_birthday, role_of
from sightline.households.derivation.persons import AddressKey, is_current
from sightline.records.data import AddressFacts, ResidenceFacts
from sightline.risk.replay.chronology import Chronology, PersonRecord, TieRecord
from sightline.risk.replay.groups import KeyGroups
from sightline.risk.replay.workers import shared, shared_out

_STANDARD = "standard"
# Components handed to a worker process at a time, and how many make it worth sharing out.
_CHUNK = 2_000
PARALLEL_FROM = 5_000
_NO_ID = UUID(int=0)
_ADULT_ROLES = frozenset({"adult", "unknown"})


@dataclass(frozen=True, slots=True)
class Spell:
    """From `start` until the day before `end` (None: to the end), these records were the
    child's household adults."""

    start: date
    end: date | None
    adults: frozenset[str]  # record keys


@dataclass(frozen=True, slots=True)
class _Address:
    key: AddressKey | None  # None: it cannot be compared (no postcode or first line)
    start: date | None
    end: date | None
    protected: bool


@dataclass
class _Person:
    key: str
    records: list[PersonRecord]
    addresses: list[_Address]
    residences: list[ResidenceFacts]  # for role_of, which reads only dates of birth

    def home(self, day: date) -> tuple[AddressKey | None, bool]:
        """(the home's key, whether the person is behind protection) on the day."""
        current = [a for a in self.addresses if is_current(a.start, a.end, day)]
        open_ = [a for a in current if not a.protected]
        latest = max((a.start or date.min for a in open_), default=None)
        for a in current:
            if a.protected and (latest is None or a.start is None or a.start > latest):
                return None, True
        counts = Counter(a.key for a in open_ if (a.start or date.min) == latest and a.key)
        if not counts:
            return None, False
        return max(counts, key=lambda k: (counts[k], k)), False

    def died_by(self, day: date) -> bool:
        return any(r.date_of_death is not None and r.date_of_death <= day for r in self.records)


def _of_age(born: date, precision: str) -> date:
    """The day role_of counts a person adult by this date of birth: a partial date counts at
    its latest possible day."""
    if precision == "year":
        born = date(born.year, 12, 31)
    elif precision == "month":
        born = date(born.year + born.month // 12, born.month % 12 + 1, 1) - timedelta(days=1)
    return eighteenth_birthday(born)


class _AddressKeys:
    """address_key() of each distinct address once: a household's address is on many records."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, str], AddressKey | None] = {}

    def __call__(self, address: AddressFacts) -> AddressKey | None:
        text = (address.line1, address.postcode)
        if text not in self._keys:
            self._keys[text] = address_key(address)
        return self._keys[text]


def _person(key: str, records: list[PersonRecord], address_key: _AddressKeys) -> _Person:
    addresses = [
        _Address(
            address_key(a),
            a.start,
            a.end,
            r.confidentiality != _STANDARD or a.confidentiality != _STANDARD,
        )
        for r in records
        for a in r.addresses
    ]
    residences = [
        ResidenceFacts(
            recorded_person_id=_NO_ID,  # role_of reads no ids
            agency_id=_NO_ID,
            confidentiality=r.confidentiality,
            date_of_birth=r.date_of_birth,
            date_of_birth_precision=r.date_of_birth_precision,
            expected_date_of_birth=r.expected_date_of_birth,
            date_of_death=r.date_of_death,
            addresses=(),
        )
        for r in records
    ]
    return _Person(key, records, addresses, residences)


def _lives_with(ties: Iterable[TieRecord]) -> list[TieRecord]:
    return [
        t
        for t in ties
        if t.kind == "person_relationship" and t.counterpart and t.details.get("lives_with")
    ]


@dataclass
class _Component:
    persons: dict[str, _Person]
    stated: list[tuple[str, str, TieRecord]]  # (person, counterpart person, the tie)
    unprotected: set[str]  # record keys not marked confidential or shielded

    def change_days(self) -> set[date]:
        days: set[date] = set()
        for person in self.persons.values():
            for a in person.addresses:
                days.update(d for d in (a.start, a.end) if d is not None)
            for r in person.records:
                if r.date_of_birth is not None:
                    days.add(_of_age(r.date_of_birth, r.date_of_birth_precision))
                if r.date_of_death is not None:
                    days.add(r.date_of_death)
        for _, _, tie in self.stated:
            days.update(d for d in (tie.start, tie.end) if d is not None)
        return days

    def groups(self, day: date) -> list[list[str]]:
        """The persons living together on the day, as derive() groups them."""
        groups = KeyGroups()
        away: set[str] = set()
        at: dict[AddressKey, str] = {}
        for key, person in sorted(self.persons.items()):
            groups.root(key)
            home, protected = person.home(day)
            if protected or person.died_by(day):
                away.add(key)
            elif home is not None:
                groups.join(at.setdefault(home, key), key)
        for first, second, tie in self.stated:
            if first == second or not {tie.person, tie.counterpart} <= self.unprotected:
                continue
            current = tie.start <= day and (tie.end is None or day < tie.end)
            if current and first not in away and second not in away:
                groups.join(first, second)
        members: dict[str, list[str]] = defaultdict(list)
        for key in self.persons:
            members[groups.root(key)].append(key)
        return list(members.values())

    def adults(self, day: date, child: str, group: list[str]) -> frozenset[str]:
        return frozenset(
            record.key
            for key in group
            if key != child and role_of(self.persons[key].residences, day)[0] in _ADULT_ROLES
            for record in self.persons[key].records
        )


def _components(
    chronology: Chronology,
    person_of: Mapping[str, str],
    stated: list[TieRecord],
    address_key: _AddressKeys,
) -> list[list[str]]:
    """Persons who could share a household at some time."""
    groups = KeyGroups()
    at: dict[AddressKey, str] = {}
    for record in chronology.persons.values():
        person = person_of[record.key]
        groups.root(person)
        for address in record.addresses:
            key = address_key(address)
            if key is not None:
                groups.join(at.setdefault(key, person), person)
    for tie in stated:
        assert tie.counterpart is not None
        groups.join(person_of[tie.person], person_of[tie.counterpart])
    members: dict[str, list[str]] = defaultdict(list)
    for person in set(person_of.values()):
        members[groups.root(person)].append(person)
    return list(members.values())


def _spells(component: _Component, children: set[str], days: list[date]) -> dict[str, list[Spell]]:
    spells: dict[str, list[Spell]] = defaultdict(list)
    for index, day in enumerate(days):
        end = days[index + 1] if index + 1 < len(days) else None
        for group in component.groups(day):
            for child in children.intersection(group):
                adults = component.adults(day, child, group)
                earlier = spells[child]
                if earlier and earlier[-1].adults == adults:
                    earlier[-1] = Spell(earlier[-1].start, end, adults)
                else:
                    earlier.append(Spell(day, end, adults))
    return spells


@dataclass(frozen=True)
class _Work:
    """What the households' workers read."""

    groups: list[list[str]]  # persons who could share a household, one list each
    records_of: Mapping[str, list[PersonRecord]]
    stated_of: Mapping[str, list[TieRecord]]
    person_of: Mapping[str, str]
    children: set[str]
    since: date
    until: date

    def component(self, persons: list[str], keys: _AddressKeys) -> _Component:
        records_of, person_of = self.records_of, self.person_of
        return _Component(
            persons={p: _person(p, records_of[p], keys) for p in persons},
            stated=[
                (person_of[t.person], person_of[t.counterpart or ""], t)
                for p in persons
                for t in self.stated_of.get(p, ())
            ],
            unprotected={
                r.key for p in persons for r in records_of[p] if r.confidentiality == _STANDARD
            },
        )


def _spells_of(indices: range) -> dict[str, list[Spell]]:
    work: _Work = shared()
    keys = _AddressKeys()
    found: dict[str, list[Spell]] = {}
    for index in indices:
        component = work.component(work.groups[index], keys)
        changes = component.change_days()
        days = sorted({work.since, *(d for d in changes if work.since < d <= work.until)})
        for child, spells in _spells(component, work.children, days).items():
            found[child] = [s for s in spells if s.adults]
    return found


def household_spells(
    chronology: Chronology,
    person_of: Mapping[str, str],
    children: set[str],
    *,
    since: date,
    until: date,
) -> dict[str, list[Spell]]:
    """Each child's (person key's) household adults, spell by spell, from `since` to `until`.
    A child who lived with no adult the file knows of has no spells."""
    stated = _lives_with(chronology.ties)
    records_of: dict[str, list[PersonRecord]] = defaultdict(list)
    for record in chronology.persons.values():
        records_of[person_of[record.key]].append(record)
    stated_of: dict[str, list[TieRecord]] = defaultdict(list)
    for tie in stated:
        stated_of[person_of[tie.person]].append(tie)
    groups = [
        persons
        for persons in _components(chronology, person_of, stated, _AddressKeys())
        if len(persons) > 1 and not children.isdisjoint(persons)
    ]
    work = _Work(groups, records_of, stated_of, person_of, children, since, until)
    pieces = [range(i, min(i + _CHUNK, len(groups))) for i in range(0, len(groups), _CHUNK)]
    found: dict[str, list[Spell]] = {}
    for spells in shared_out(_spells_of, pieces, work, parallel=len(groups) >= PARALLEL_FROM):
        found.update(spells)
    return found
