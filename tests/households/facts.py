"""Plain facts for the pure derivation, as the records selectors would give them.

Each builder changes one thing from a sensible default, so each test says what it is about.
"""

import uuid
from datetime import date

from sightline.households.derivation import Current, Derivation, Plan, derive, plan
from sightline.records.data import AddressFacts, ResidenceFacts, StatedCohabitation

ON = date(2026, 6, 1)
SCHOOL = uuid.UUID(int=1)
GP = uuid.UUID(int=2)
POLICE = uuid.UUID(int=3)
REFUGE = uuid.UUID(int=4)


def address(
    line1: str = "12 Elm Road",
    postcode: str = "CV1 1AA",
    start: date | None = date(2020, 1, 1),
    end: date | None = None,
    confidentiality: str = "standard",
) -> AddressFacts:
    return AddressFacts(line1, postcode, start, end, confidentiality)


def record(
    *addresses: AddressFacts,
    born: date | None = date(1990, 1, 1),
    precision: str = "day",
    agency: uuid.UUID = SCHOOL,
    confidentiality: str = "standard",
    expected: date | None = None,
    died: date | None = None,
) -> ResidenceFacts:
    return ResidenceFacts(
        recorded_person_id=uuid.uuid4(),
        agency_id=agency,
        confidentiality=confidentiality,
        date_of_birth=born,
        date_of_birth_precision=precision if born else "",
        expected_date_of_birth=expected,
        date_of_death=died,
        addresses=addresses,
    )


def lives_with(
    first: ResidenceFacts,
    second: ResidenceFacts,
    start: date = date(2021, 1, 1),
    end: date | None = None,
    relationship: str = "mother",
) -> StatedCohabitation:
    return StatedCohabitation(
        relationship_id=uuid.uuid4(),
        agency_id=first.agency_id,
        person_id=first.recorded_person_id,
        counterpart_id=second.recorded_person_id,
        relationship=relationship,
        start=start,
        end=end,
    )


def derived(
    *records: ResidenceFacts,
    stated: tuple[StatedCohabitation, ...] = (),
    same_person: tuple[tuple[ResidenceFacts, ...], ...] = (),
    on: date = ON,
) -> Derivation:
    """Derive over these records; `same_person` lists groups of records linked into one person."""
    person_of = {}
    for group in same_person:
        person = uuid.uuid4()
        person_of.update({r.recorded_person_id: person for r in group})
    return derive(on=on, residences=records, cohabitations=stated, person_of=person_of)


def together(derivation: Derivation) -> set[frozenset[uuid.UUID]]:
    """The groups of two or more, as sets of recorded person ids."""
    return {
        frozenset(r for member in group for r in member.records)
        for group in derivation.groups
        if len(group) > 1
    }


def ids(*records: ResidenceFacts) -> frozenset[uuid.UUID]:
    return frozenset(r.recorded_person_id for r in records)


def member_of(derivation: Derivation, facts: ResidenceFacts):
    return next(
        m for group in derivation.groups for m in group if facts.recorded_person_id in m.records
    )


def applied(result: Plan, current: dict[uuid.UUID, Current]) -> dict[uuid.UUID, Current]:
    """The memberships after writing a plan's rows."""
    after = dict(current)
    for change in result.changes:
        after[change.recorded_person_id] = Current(
            change.number, change.household, change.role, change.effective_on
        )
    return after


def households(current: dict[uuid.UUID, Current]) -> set[frozenset[uuid.UUID]]:
    """Who is in which household, as sets of recorded person ids."""
    found: dict[uuid.UUID, set[uuid.UUID]] = {}
    for record_id, row in current.items():
        if row.household is not None:
            found.setdefault(row.household, set()).add(record_id)
    return {frozenset(members) for members in found.values()}


def run(derivation: Derivation, current: dict[uuid.UUID, Current] | None = None):
    """Plan against `current` (nothing stored by default): (plan, memberships after it)."""
    current = current or {}
    result = plan(derivation, current)
    return result, applied(result, current)
