"""Replay's households over time give, on every day, the household adults that live derivation
(households.derivation.derive) gives on that day."""

from datetime import date, timedelta
from uuid import UUID

from hypothesis import given, settings
from hypothesis import strategies as st

from sightline.households.derivation import derive
from sightline.records.data import AddressFacts, ResidenceFacts, StatedCohabitation
from sightline.risk.replay.chronology import Chronology, PersonRecord, TieRecord
from sightline.risk.replay.households import household_spells

START, END = date(2020, 1, 1), date(2024, 12, 31)
HOMES = [("1 Ash Road", "ZY1 1AA"), ("2 Elm Road", "ZY1 1AB"), ("Flat 3, 9 Oak Way", "ZY2 4CD")]


def days() -> st.SearchStrategy[date]:
    return st.integers(0, (END - START).days).map(lambda n: START + timedelta(days=n))


@st.composite
def addresses(draw: st.DrawFn) -> tuple[AddressFacts, ...]:
    found = []
    for _ in range(draw(st.integers(0, 3))):
        line1, postcode = draw(st.sampled_from(HOMES))
        start = draw(st.none() | days())
        end = draw(st.none() | days())
        if start is not None and end is not None and end < start:
            start, end = end, start
        protection = draw(st.sampled_from(["standard"] * 5 + ["confidential"]))
        found.append(AddressFacts(line1, postcode, start, end, protection))
    return tuple(found)


@st.composite
def records(draw: st.DrawFn) -> list[PersonRecord]:
    made = []
    for number in range(draw(st.integers(2, 6))):
        born = draw(st.dates(date(1975, 1, 1), date(2012, 12, 31)))
        precision = draw(st.sampled_from(["day", "day", "month", "year"]))
        made.append(
            PersonRecord(
                key=f"a:{number}",
                agency="a",
                reference=str(number),
                given_name="A",
                family_name="B",
                other_names=(),
                date_of_birth=draw(st.none() | st.just(born)),
                date_of_birth_precision=precision,
                # Not born yet (a child in either case), or age unknown (an adult).
                expected_date_of_birth=draw(st.sampled_from([None, None, date(2025, 3, 1)])),
                date_of_death=draw(st.none() | days()) if number == 0 else None,
                sex="U",
                addresses=draw(addresses()),
                nhs_number="",
                upn="",
                confidentiality=draw(st.sampled_from(["standard"] * 6 + ["confidential"])),
            )
        )
    return made


@st.composite
def cohabitations(draw: st.DrawFn, keys: list[str]) -> list[TieRecord]:
    ties = []
    for number in range(draw(st.integers(0, 3))):
        first, second = draw(st.sampled_from(keys)), draw(st.sampled_from(keys))
        start = draw(days())
        end = draw(st.none() | days())
        ties.append(
            TieRecord(
                key=f"a:t{number}",
                agency="a",
                kind="person_relationship",
                person=first,
                counterpart=second,
                worker="",
                worker_name="",
                start=min(start, end or start),
                end=None if end is None else max(start, end),
                details={"relationship": "partner", "lives_with": True},
            )
        )
    return ties


def derive_on(day: date, chronology: Chronology, person_of: dict[str, str]) -> dict[str, set[str]]:
    """derive()'s answer on one day: each person → the records of their household's adults."""
    ids = {key: UUID(int=n + 1) for n, key in enumerate([*chronology.persons, "agency"])}
    key_of = {v: k for k, v in ids.items()}
    residences = [
        ResidenceFacts(
            ids[r.key],
            ids["agency"],
            r.confidentiality,
            r.date_of_birth,
            r.date_of_birth_precision,
            r.expected_date_of_birth,
            r.date_of_death,
            r.addresses,
        )  # fmt: skip
        for r in chronology.persons.values()
    ]
    stated = [
        StatedCohabitation(
            UUID(int=10_000 + n),
            ids["agency"],
            ids[t.person],
            ids[t.counterpart or ""],
            "partner",
            t.start,
            t.end,
        )  # fmt: skip
        for n, t in enumerate(chronology.ties)
    ]
    persons = {ids[record]: ids[person] for record, person in person_of.items()}
    found: dict[str, set[str]] = {}
    for group in derive(
        on=day, residences=residences, cohabitations=stated, person_of=persons
    ).groups:
        for member in group:
            found[key_of[member.person]] = {
                key_of[record]
                for other in group
                if other.person != member.person and other.role.value in ("adult", "unknown")
                for record in other.records
            }
    return found


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_each_days_household_adults_are_derive_s(data: st.DataObject) -> None:
    made = data.draw(records())
    keys = [r.key for r in made]
    chronology = Chronology(
        agencies={}, persons={r.key: r for r in made}, ties=data.draw(cohabitations(keys))
    )
    # Two records of one person, sometimes.
    person_of = {key: key for key in keys}
    if data.draw(st.booleans()):
        person_of[keys[1]] = keys[0]
    children = set(person_of.values())
    spells = household_spells(chronology, person_of, children, since=START, until=END)
    for day in data.draw(st.lists(days(), min_size=1, max_size=5)):
        expected = derive_on(day, chronology, person_of)
        for child in children:
            held = next(
                (
                    s.adults
                    for s in spells.get(child, [])
                    if s.start <= day and (s.end is None or day < s.end)
                ),
                frozenset(),
            )
            assert held == expected.get(child, set()), (child, day)
