"""The pure hashing of the chain: every column counts, and nothing else does."""

from datetime import UTC, datetime
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sightline.audit import chain

ROW = {
    "id": 7,
    "uuid": UUID(int=7),
    "occurred_at": datetime(2024, 3, 4, 9, 10, tzinfo=UTC),
    "actor_id": 3,
    "agency_id": UUID(int=1),
    "action": "event.viewed",
    "subject_app": "records",
    "subject_model": "eventversion",
    "subject_id": str(UUID(int=9)),
    "recorded_person_id": UUID(int=5),
    "payload": {"version_id": str(UUID(int=9))},
}
SEALED = datetime(2024, 3, 4, 9, 11, tzinfo=UTC)


def _hash(row):
    return chain.link_hash(
        previous=chain.GENESIS, position=1, sealed_at=SEALED, entry=chain.encode_entry(row)
    )


def test_encoding_is_stable_whatever_the_key_order():
    assert chain.encode_entry(dict(reversed(list(ROW.items())))) == chain.encode_entry(ROW)


@pytest.mark.parametrize("column", chain.ENTRY_COLUMNS)
def test_changing_any_single_column_changes_the_hash(column):
    changed = dict(ROW)
    value = ROW[column]
    changed[column] = {
        int: lambda v: v + 1,
        str: lambda v: v + "x",
        UUID: lambda v: UUID(int=v.int + 1),
        datetime: lambda v: v.replace(microsecond=1),
        dict: lambda v: {**v, "extra": "1"},
    }[type(value)](value)
    assert _hash(changed) != _hash(ROW)


@given(st.integers(min_value=1, max_value=10**9), st.text(max_size=20))
def test_position_and_previous_link_are_part_of_the_hash(position, previous):
    entry = chain.encode_entry(ROW)
    base = chain.link_hash(previous="a" * 64, position=position, sealed_at=SEALED, entry=entry)
    assert base != chain.link_hash(
        previous="a" * 64, position=position + 1, sealed_at=SEALED, entry=entry
    )
    assert base != chain.link_hash(
        previous=previous + "b", position=position, sealed_at=SEALED, entry=entry
    )


def test_naive_times_and_floats_are_refused_because_they_have_no_canonical_form():
    with pytest.raises(ValueError):
        chain.encode_entry({**ROW, "occurred_at": datetime(2024, 3, 4)})  # noqa: DTZ001
    with pytest.raises(ValueError):
        chain.encode_entry({**ROW, "payload": {"weight": 1.5}})


def test_a_missing_column_is_refused():
    row = dict(ROW)
    del row["payload"]
    with pytest.raises(ValueError):
        chain.encode_entry(row)
