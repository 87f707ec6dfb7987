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
Each person's home is worked out once between two of their moves, and the day they start to
count with the adults once. A test checks the answers against derive() day by day.
"""

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sightline.households.derivation import address_key, eighteenth_birthday
from sightline.households.derivation.persons import AddressKey, is_current
from sightline.records.data import AddressFacts
from sightline.risk.replay.chronology import Chronology, PersonRecord, TieRecord
from sightline.risk.replay.groups import KeyGroups
from sightline.risk.replay.workers import shared, shared_out

_STANDARD = "standard"
# Components handed to a worker process at a time, and how many make it worth sharing out.
_CHUNK = 2_000
PARALLEL_FROM = 5_000


@dataclass(frozen=True, slots=True)
class Spell:
    """From `start` until the day before `end` (None: to the end), these records were the
    child's household adults."""

    start: date
    end: date | None
    adults: frozenset[str]  # record keys


@dataclass(slots=True)  # not frozen: a frozen class is slower to make, and there are millions
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
    # The first day role_of counts the person with the household adults (None: never).
    counted_adult_from: date | None
    # The days on which one of the person's addresses starts or ends, in order: between two of
    # them the person's home is the same, so it is worked out once for each stretch.
    moves: list[date] = field(init=False)
    died_on: date | None = field(init=False)  # the earliest date of death any record gives
    _homes: dict[int, tuple[AddressKey | None, bool]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.moves = sorted({d for a in self.addresses for d in (a.start, a.end) if d is not None})
        self.died_on = min((r.date_of_death for r in self.records if r.date_of_death), default=None)

    def home(self, day: date) -> tuple[AddressKey | None, bool]:
        """(the home's key, whether the person is behind protection) on the day."""
        stretch = bisect_right(self.moves, day)
        found = self._homes.get(stretch)
        if found is None:
            found = self._homes[stretch] = self._home_on(day)
        return found

    def _home_on(self, day: date) -> tuple[AddressKey | None, bool]:
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
        return self.died_on is not None and self.died_on <= day


def _of_age(born: date, precision: str) -> date:
    """The day role_of counts a person adult by this date of birth: a partial date counts at
    its latest possible day."""
    if precision == "year":
        born = date(born.year, 12, 31)
    elif precision == "month":
        born = date(born.year + born.month // 12, born.month % 12 + 1, 1) - timedelta(days=1)
    return eighteenth_birthday(born)


def _counted_adult_from(records: Iterable[PersonRecord]) -> date | None:
    """The first day role_of counts the person as an adult or of unknown age, which both count
    with the household adults; None when it never does. role_of reads only the records that are
    not protected: a date of birth makes the person a child until the earliest day one of them
    comes of age; with none, an expected date of birth makes them a child, and nothing at all
    leaves their age unknown."""
    open_ = [r for r in records if r.confidentiality == _STANDARD]
    of_age = [_of_age(r.date_of_birth, r.date_of_birth_precision) for r in open_ if r.date_of_birth]
    if of_age:
        return min(of_age)
    if any(r.expected_date_of_birth is not None for r in open_):
        return None
    return date.min


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
    return _Person(key, records, addresses, _counted_adult_from(records))


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
        members = [self.persons[key] for key in group if key != child]
        return frozenset(
            record.key
            for person in members
            if person.counted_adult_from is not None and person.counted_adult_from <= day
            for record in person.records
        )


def _components(
    chronology: Chronology,
    person_of: Mapping[str, str],
    stated: list[TieRecord],
    address_key: _AddressKeys,
) -> list[list[str]]:
    """Persons who could share a household at some time."""
    # Each address as written once, with every person any record gives it for.
    written: dict[tuple[str, str], tuple[AddressFacts, set[str]]] = {}
    for record in chronology.persons.values():
        person = person_of[record.key]
        for address in record.addresses:
            text = (address.line1, address.postcode)
            if text in written:
                written[text][1].add(person)
            else:
                written[text] = (address, {person})
    living: dict[AddressKey, set[str]] = defaultdict(set)
    for address, persons in written.values():
        key = address_key(address)
        if key is not None:
            living[key] |= persons
    groups = KeyGroups()
    for persons in living.values():
        first, *others = persons
        for person in others:
            groups.join(first, person)
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
    address_keys: _AddressKeys  # every address of the file's, keyed already

    def component(self, persons: list[str]) -> _Component:
        records_of, person_of = self.records_of, self.person_of
        return _Component(
            persons={p: _person(p, records_of[p], self.address_keys) for p in persons},
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
    found: dict[str, list[Spell]] = {}
    for index in indices:
        component = work.component(work.groups[index])
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
    keys = _AddressKeys()
    groups = [
        persons
        for persons in _components(chronology, person_of, stated, keys)
        if len(persons) > 1 and not children.isdisjoint(persons)
    ]
    work = _Work(groups, records_of, stated_of, person_of, children, since, until, keys)
    pieces = [range(i, min(i + _CHUNK, len(groups))) for i in range(0, len(groups), _CHUNK)]
    found: dict[str, list[Spell]] = {}
    for spells in shared_out(_spells_of, pieces, work, parallel=len(groups) >= PARALLEL_FROM):
        found.update(spells)
    return found
