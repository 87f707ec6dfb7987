"""Replay links a file's records into persons only where they are near-certainly one person."""

from datetime import date

import pytest

from sightline.records.data import AddressFacts
from sightline.risk.replay.chronology import PersonRecord
from sightline.risk.replay.identity import persons_link

HOME = (AddressFacts("12 Elm Road", "ZY1 1AA", date(2019, 1, 1), None, "standard"),)
ELSEWHERE = (AddressFacts("7 Birch Close", "ZY9 9ZZ", date(2019, 1, 1), None, "standard"),)


def record(key: str, **fields: object) -> PersonRecord:
    values: dict[str, object] = {
        "key": key,
        "agency": key.split(":")[0],
        "reference": key.split(":")[1],
        "given_name": "Zofia",
        "family_name": "Kowalska",
        "other_names": (),
        "date_of_birth": date(2018, 3, 14),
        "date_of_birth_precision": "day",
        "expected_date_of_birth": None,
        "date_of_death": None,
        "sex": "F",
        "addresses": HOME,
        "nhs_number": "",
        "upn": "",
        "confidentiality": "standard",
    }
    values.update(fields)
    return PersonRecord(**values)  # type: ignore[arg-type]


def linked(*records: PersonRecord) -> bool:
    persons = persons_link({r.key: r for r in records})
    return len(set(persons.values())) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            record("gp:1", nhs_number="9434765919", addresses=()),
            record(
                "hospital:1",
                given_name="Zosia",
                family_name="Kowalski",
                nhs_number="943 476 5919",
                addresses=ELSEWHERE,
            ),  # fmt: skip
            id="the same NHS number, spelt differently elsewhere",
        ),
        pytest.param(
            record("school:1", upn="B801200005001"),
            record(
                "csc:1",
                upn="b801200005001",
                date_of_birth=date(2018, 1, 1),
                date_of_birth_precision="year",
            ),  # fmt: skip
            id="the same UPN, a year of birth",
        ),
        pytest.param(
            record("school:1", given_name="Zosia", addresses=()),
            record("csc:1", family_name="Kowalski", addresses=ELSEWHERE),
            id="nickname and gendered surname, the same date of birth",
        ),
        pytest.param(
            record("school:1"),
            record(
                "police:1",
                family_name="Kovalska",
                date_of_birth=date(2018, 3, 1),
                date_of_birth_precision="month",
            ),  # fmt: skip
            id="misspelt, a month of birth, the same home",
        ),
        pytest.param(
            record("school:1"),
            record("police:1", given_name="Zfoia"),
            id="a mistyped given name, the same birthday and home",
        ),
        pytest.param(
            record("school:1", date_of_birth=date(2018, 3, 4)),
            record("gp:1", date_of_birth=date(2018, 4, 3), family_name="Wrona"),
            id="day and month swapped, another surname at the same home",
        ),
    ],
)
def test_records_of_one_person_are_linked(first: PersonRecord, second: PersonRecord) -> None:
    assert linked(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            record("school:1"),
            record("school:2", given_name="Maja"),
            id="twins: the same birthday and home, another name",
        ),
        pytest.param(
            record("school:1", given_name="Jan", sex="M"),
            record("school:2", given_name="Jon", sex="M", addresses=ELSEWHERE),
            id="one keying error apart in name, and nothing else but the birthday",
        ),
        pytest.param(
            record("police:1", given_name="Anna", date_of_birth=date(1990, 5, 2)),
            record("police:2", given_name="Anna", date_of_birth=date(2018, 3, 14)),
            id="mother and daughter of one name",
        ),
        pytest.param(
            record("gp:1", nhs_number="9434765919"),
            record(
                "gp:2", nhs_number="9434765919", given_name="Anna", date_of_birth=date(1990, 5, 2)
            ),  # fmt: skip
            id="an NHS number keyed against the mother's record",
        ),
        pytest.param(
            record("gp:1", nhs_number="9434765919"),
            record("hospital:1", nhs_number="4010232137"),
            id="different NHS numbers",
        ),
        pytest.param(
            record("school:1"),
            record("csc:1", confidentiality="shielded"),
            id="a shielded record",
        ),
        pytest.param(
            record("school:1", addresses=()),
            record(
                "police:1",
                date_of_birth=date(2018, 1, 1),
                date_of_birth_precision="year",
                addresses=ELSEWHERE,
            ),  # fmt: skip
            id="only a year of birth and no home in common",
        ),
    ],
)
def test_records_of_different_people_stay_apart(first: PersonRecord, second: PersonRecord) -> None:
    assert not linked(first, second)


def test_links_are_transitive_and_every_record_has_a_person() -> None:
    records = [
        record("gp:1", nhs_number="9434765919"),
        record("hospital:1", nhs_number="9434765919", given_name="Zosia", addresses=()),
        record(
            "police:1",
            family_name="Kovalska",
            date_of_birth=date(2018, 3, 1),
            date_of_birth_precision="month",
        ),  # fmt: skip
        record(
            "school:9",
            given_name="Tomasz",
            family_name="Wrona",
            sex="M",
            date_of_birth=date(1988, 2, 2),
        ),  # fmt: skip
    ]
    persons = persons_link({r.key: r for r in records})
    assert set(persons) == {r.key for r in records}
    assert persons["gp:1"] == persons["hospital:1"] == persons["police:1"] == "gp:1"
    assert persons["school:9"] == "school:9"
