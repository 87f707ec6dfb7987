"""Properties of the derivation over many small generated worlds: people, records and addresses
drawn from a few homes, some of them protected, some records linked into one person."""

import uuid
from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sightline.households.derivation import Derivation, derive, home_of, plan
from sightline.records.data import AddressFacts, ResidenceFacts, StatedCohabitation
from tests.households.facts import ON, applied

HOMES = [("12 Elm Road", "CV1 1AA"), ("14 Elm Road", "CV1 1AA"), ("3 Birch Close", "CV2 2BB")]
AGENCIES = [uuid.UUID(int=n) for n in range(1, 4)]
DAYS = [date(2019, 1, 1), date(2022, 6, 1), date(2025, 3, 1), date(2027, 1, 1)]
markers = st.sampled_from(["standard", "standard", "standard", "confidential", "shielded"])
starts = st.one_of(st.none(), st.sampled_from(DAYS[:3]))
ends = st.one_of(st.none(), st.sampled_from(DAYS[1:]))
births = st.one_of(
    st.none(), st.sampled_from([date(1980, 5, 1), date(2008, 6, 1), date(2015, 2, 3)])
)


@st.composite
def addresses(draw) -> AddressFacts:
    line1, postcode = draw(st.sampled_from(HOMES))
    return AddressFacts(line1, postcode, draw(starts), draw(ends), draw(markers))


@st.composite
def worlds(draw):
    """(records, cohabitations, person_of) for up to eight records of up to six persons."""
    count = draw(st.integers(min_value=1, max_value=8))
    records = [
        ResidenceFacts(
            recorded_person_id=uuid.UUID(int=1_000 + n),
            agency_id=draw(st.sampled_from(AGENCIES)),
            confidentiality=draw(markers),
            date_of_birth=(born := draw(births)),
            date_of_birth_precision="day" if born else "",
            expected_date_of_birth=None,
            date_of_death=None,
            addresses=tuple(draw(st.lists(addresses(), max_size=2))),
        )
        for n in range(count)
    ]
    persons = draw(st.lists(st.integers(0, 5), min_size=count, max_size=count))
    person_of = {
        r.recorded_person_id: uuid.UUID(int=p + 1) for r, p in zip(records, persons, strict=True)
    }
    pairs = draw(
        st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=3)
    )
    stated = [
        StatedCohabitation(
            uuid.uuid4(),
            AGENCIES[0],
            records[a].recorded_person_id,
            records[b].recorded_person_id,
            "mother",
            draw(st.sampled_from(DAYS[:3])),
            draw(ends),
        )
        for a, b in pairs
    ]
    return records, stated, person_of


def _derive(world) -> Derivation:
    records, stated, person_of = world
    return derive(on=ON, residences=records, cohabitations=stated, person_of=person_of)


def _group_of(derivation: Derivation) -> dict[uuid.UUID, int]:
    return {
        record: index
        for index, group in enumerate(derivation.groups)
        for member in group
        for record in member.records
    }


def _together(derivation: Derivation) -> set[frozenset[uuid.UUID]]:
    return {frozenset(m.person for m in group) for group in derivation.groups if len(group) > 1}


@given(worlds())
def test_every_record_is_in_one_group_at_most_and_with_the_rest_of_its_person(world):
    derivation = _derive(world)
    records = [r for group in derivation.groups for m in group for r in m.records]
    assert len(records) == len(set(records))
    found = _group_of(derivation)
    for record, person in derivation.person_of.items():
        same = [r for r, p in derivation.person_of.items() if p == person]
        assert {found.get(r) for r in same} == {found.get(record)}


@given(worlds())
def test_moving_protected_addresses_onto_other_homes_changes_no_household(world):
    records, stated, person_of = world
    collided = [
        replace(
            r,
            addresses=tuple(
                replace(a, line1=HOMES[0][0], postcode=HOMES[0][1])
                if a.confidentiality != "standard" or r.confidentiality != "standard"
                else a
                for a in r.addresses
            ),
        )
        for r in records
    ]
    assert _together(_derive(world)) == _together(_derive((collided, stated, person_of)))


@given(worlds())
def test_a_person_whose_latest_address_is_protected_is_in_no_household(world):
    records, _, person_of = world
    derivation = _derive(world)
    placed = {m.person for group in derivation.groups for m in group}
    for person in set(derivation.person_of.values()):
        home = home_of(
            [r for r in records if derivation.person_of[r.recorded_person_id] == person], ON
        )
        if home is not None and home.protected:
            assert person not in placed


@given(worlds())
def test_persons_whose_homes_are_the_same_unprotected_address_live_together(world):
    records, _, _ = world
    derivation = _derive(world)
    found = _group_of(derivation)
    homes: dict[tuple[str, str], set[int]] = {}
    for person in set(derivation.person_of.values()):
        mine = [r for r in records if derivation.person_of[r.recorded_person_id] == person]
        home = home_of(mine, ON)
        if home is not None and home.key is not None and mine[0].recorded_person_id in found:
            homes.setdefault(home.key, set()).add(found[mine[0].recorded_person_id])
    assert all(len(groups) == 1 for groups in homes.values())


@settings(max_examples=200)
@given(worlds(), worlds())
def test_planning_again_after_writing_a_plan_changes_nothing(before, after):
    # The same records amended, more added, links changed: `after` over `before`.
    records = {r.recorded_person_id: r for r in [*before[0], *after[0]]}
    merged = (list(records.values()), after[1], {**before[2], **after[2]})
    first = plan(_derive(before), {})
    stored = applied(first, {})
    second = plan(_derive(merged), stored)
    for change in second.changes:
        previous = stored.get(change.recorded_person_id)
        assert change.number == (previous.number if previous else 0) + 1
    stored = applied(second, stored)
    again = plan(_derive(merged), stored)
    assert again.changes == () and again.formed == ()


@given(worlds())
def test_each_group_of_two_or_more_has_its_own_household_and_no_one_else_has_one(world):
    derivation = _derive(world)
    stored = applied(plan(derivation, {}), {})
    found = _group_of(derivation)
    seen: set[uuid.UUID] = set()
    for group in derivation.groups:
        households = {
            stored[r].household if r in stored else None for m in group for r in m.records
        }
        if len(group) > 1:
            (household,) = households
            assert household is not None and household not in seen
            seen.add(household)
        else:
            assert households == {None}
    assert all(record in found for record in stored)
