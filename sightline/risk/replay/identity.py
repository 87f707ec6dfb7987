"""Which of a file's records are one person, worked out in memory for a replay.

Live, Sightline links records with a trained model and puts doubtful pairs in front of a person
(docs/linkage.md). A replay has nobody to ask and, for a case-review chronology of a few dozen
records, too little data to train a model on. It links only the pairs that are near-certain,
with the linkage normalisers (folded names, nicknames, surname sounds, partial dates of birth):

- the same NHS number or UPN, unless their dates of birth disagree (a conflict, which live
  linkage never links without a person's review), and with given names of one name group
  unless the dates of birth agree in full (a number keyed against a parent's record);
- the same date of birth (or with day and month swapped), given names of one name group
  (Kasia, Katarzyna), and either a surname in common or a home in common;
- the same home (postcode and first line), given names of one name group, a surname in common,
  and dates of birth that agree as far as both are known (a year, a month, or a keying error);
- the same date of birth and home, a surname in common, and given names one keying error apart
  (Isla and Isal).

Two records with different NHS numbers or different UPNs are never linked by names. A shielded
record is never linked (as live). Links are transitive: a person is every record joined to
another by some rule.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import jellyfish

from sightline.identity.linkage import columns, features
from sightline.identity.linkage.features import DateOfBirthAgreement
from sightline.risk.replay.chronology import PersonRecord
from sightline.risk.replay.groups import KeyGroups

_AGREEING_DATES = frozenset(
    {
        DateOfBirthAgreement.EXACT,
        DateOfBirthAgreement.DAY_MONTH_SWAPPED,
        DateOfBirthAgreement.NEAR_MISS,
        DateOfBirthAgreement.SAME_YEAR_MONTH,
        DateOfBirthAgreement.SAME_YEAR,
    }
)
_CLOSE_DATES = frozenset(
    {
        DateOfBirthAgreement.EXACT,
        DateOfBirthAgreement.DAY_MONTH_SWAPPED,
        DateOfBirthAgreement.NEAR_MISS,
    }
)
_CONFLICTING_DATES = frozenset({DateOfBirthAgreement.DIFFERENT})
_SHIELDED = "shielded"


@dataclass(slots=True)  # not frozen: a frozen class is slower to make, and there are millions
class _Keys:
    """What the rules compare of one record, normalised once. Never changed once made."""

    key: str
    given: frozenset[str]
    given_folded: str
    surnames: frozenset[str]
    homes: frozenset[tuple[str, str]]
    born: str  # ISO, as precise as recorded
    born_day: date | None
    sex: str | None
    nhs_number: str | None
    upn: str | None


class _Normalised:
    """The linkage normalisers, each value worked out once: the same names and addresses come
    again and again (each agency's record of a person, each person of a family)."""

    def __init__(self) -> None:
        self._given: dict[tuple[str, ...], frozenset[str]] = {}
        self._surnames: dict[tuple[str, ...], frozenset[str]] = {}
        self._homes: dict[tuple[str, str], tuple[str, str] | None] = {}

    def given(self, names: tuple[str, ...]) -> frozenset[str]:
        found = self._given.get(names)
        if found is None:
            found = frozenset(k for name in names for k in features.given_name_groups(name))
            self._given[names] = found
        return found

    def surnames(self, names: tuple[str, ...]) -> frozenset[str]:
        found = self._surnames.get(names)
        if found is None:
            found = self._surnames[names] = features.surname_phonetic_keys(names)
        return found

    def home(self, postcode: str, line1: str) -> tuple[str, str] | None:
        if (postcode, line1) not in self._homes:
            unit = columns.postcode(postcode).unit
            line = columns.address_key(line1)
            self._homes[postcode, line1] = (unit, line) if unit and line else None
        return self._homes[postcode, line1]

    def keys(self, record: PersonRecord) -> _Keys:
        others = record.other_names
        homes = {
            home
            for a in record.addresses
            if a.confidentiality == "standard" and (home := self.home(a.postcode, a.line1))
        }
        partial = record.date_of_birth_precision in ("month", "year", "approximate")
        return _Keys(
            key=record.key,
            given=self.given((record.given_name, *(given for given, _ in others))),
            given_folded=features.fold_name(record.given_name),
            surnames=self.surnames((record.family_name, *(family for _, family in others))),
            homes=frozenset(homes),
            born=record.date_of_birth_text,
            born_day=None if partial else record.date_of_birth,
            sex=columns.sex(record.sex),
            nhs_number=_identifier(record.nhs_number, 10, columns.nhs_number),
            upn=_identifier(record.upn, 13, columns.upn),
        )


def _identifier(value: str, length: int, normalise: Callable[[str], str | None]) -> str | None:
    # Most values are already in their normal form: skip the regular expressions for those.
    if len(value) == length and value.isalnum() and value == value.upper():
        return value
    return normalise(value) if value else None


def _identifiers_differ(a: _Keys, b: _Keys) -> bool:
    return bool(
        (a.nhs_number and b.nhs_number and a.nhs_number != b.nhs_number)
        or (a.upn and b.upn and a.upn != b.upn)
    )


def _sexes_agree(a: _Keys, b: _Keys) -> bool:
    return a.sex is None or b.sex is None or a.sex == b.sex


def _same_by_identifier(a: _Keys, b: _Keys) -> bool:
    """An identifier can be keyed against the wrong person (a parent's, a sibling's): unless the
    dates of birth agree closely, the given names must agree too."""
    dates = features.compare_dates_of_birth(a.born, b.born)
    if dates in _CLOSE_DATES:
        return True
    return dates not in _CONFLICTING_DATES and (
        not a.given or not b.given or not a.given.isdisjoint(b.given)
    )


def _same_by_birth(a: _Keys, b: _Keys) -> bool:
    return (
        not _identifiers_differ(a, b)
        and _sexes_agree(a, b)
        and not a.given.isdisjoint(b.given)
        and (not a.surnames.isdisjoint(b.surnames) or not a.homes.isdisjoint(b.homes))
    )


def _same_by_birth_and_home(a: _Keys, b: _Keys) -> bool:
    """Born the same day and living at the same home, a given name mistyped once still counts
    (Isla and Isal, Rohan and Roan): twins differ by more than that, or in sex."""
    return (
        not _identifiers_differ(a, b)
        and _sexes_agree(a, b)
        and not a.surnames.isdisjoint(b.surnames)
        and (
            not a.given.isdisjoint(b.given)
            or jellyfish.damerau_levenshtein_distance(a.given_folded, b.given_folded) <= 1
        )
    )


def _same_by_home(a: _Keys, b: _Keys) -> bool:
    return (
        not _identifiers_differ(a, b)
        and _sexes_agree(a, b)
        and not a.given.isdisjoint(b.given)
        and not a.surnames.isdisjoint(b.surnames)
        and features.compare_dates_of_birth(a.born, b.born) in _AGREEING_DATES
    )


def _swapped(day: date) -> date | None:
    if day.day > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)


def _blocks(keys: Iterable[_Keys]) -> dict[tuple[object, ...], list[_Keys]]:
    """Records that share a blocking key; each block is compared pair by pair."""
    blocks: dict[tuple[object, ...], list[_Keys]] = defaultdict(list)
    for k in keys:
        if k.nhs_number:
            blocks[("nhs", k.nhs_number)].append(k)
        if k.upn:
            blocks[("upn", k.upn)].append(k)
        if k.born_day is not None:
            days = {k.born_day, _swapped(k.born_day)} - {None}
            for day in days:
                for given in k.given:
                    blocks[("born", day, given)].append(k)
            for home in k.homes:
                blocks[("born at home", k.born_day, home)].append(k)
        for home in k.homes:
            for given in k.given:
                blocks[("home", home, given)].append(k)
    return blocks


_RULES = {"nhs": _same_by_identifier, "upn": _same_by_identifier}
_RULES |= {"born": _same_by_birth, "born at home": _same_by_birth_and_home, "home": _same_by_home}


def _link_block(
    persons: KeyGroups, block: list[_Keys], same: Callable[[_Keys, _Keys], bool]
) -> None:
    roots = persons.roots([k.key for k in block])
    if len(set(roots)) == 1:
        return  # already one person
    for index, first in enumerate(block):
        for other in range(index + 1, len(block)):
            if roots[index] == roots[other] or not same(first, block[other]):
                continue
            persons.join(first.key, block[other].key)
            joined = persons.root(first.key)
            merged = {roots[index], roots[other]}
            roots = [joined if root in merged else root for root in roots]


def persons_link(records: Mapping[str, PersonRecord]) -> dict[str, str]:
    """Every record key → its person's key (the smallest record key among the person's)."""
    persons = KeyGroups()  # each person named by its smallest record key
    normalised = _Normalised()
    linkable = [normalised.keys(r) for r in records.values() if r.confidentiality != _SHIELDED]
    for block_key, block in _blocks(linkable).items():
        if len(block) > 1:
            _link_block(persons, block, _RULES[str(block_key[0])])
    return {key: persons.root(key) for key in records}
