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


def test_encoding_many_entries_at_once_gives_the_bytes_each_would_give_alone():
    encode = chain.encoder()
    rows = [
        ROW,
        {**ROW, "id": 8, "uuid": UUID(int=8), "recorded_person_id": UUID(int=6)},
        {**ROW, "id": 9, "agency_id": UUID(int=2), "occurred_at": SEALED, "actor_id": None},
    ]
    for row in rows:
        assert encode([row[c] for c in chain.ENTRY_COLUMNS]) == chain.encode_entry(row)
    with pytest.raises(ValueError, match="columns"):
        encode([1, 2, 3])


_texts = st.text(max_size=30)
_ids = st.uuids()
_times = st.datetimes(timezones=st.just(UTC))
_payload_values = st.one_of(st.none(), st.booleans(), st.integers(), _texts, _ids)


@given(
    entry_id=st.integers(min_value=1),
    uuid=_ids,
    occurred_at=_times,
    actor_id=st.one_of(st.none(), st.integers(min_value=1)),
    agency_id=st.one_of(st.none(), _ids),
    texts=st.lists(_texts, min_size=4, max_size=4),
    recorded_person_id=st.one_of(st.none(), _ids),
    payload=st.dictionaries(_texts, st.one_of(_payload_values, st.lists(_payload_values))),
)
def test_many_at_once_encodes_any_entry_byte_for_byte_as_encode_entry(
    entry_id, uuid, occurred_at, actor_id, agency_id, texts, recorded_person_id, payload
):
    action, subject_app, subject_model, subject_id = texts
    row = {
        "id": entry_id,
        "uuid": uuid,
        "occurred_at": occurred_at,
        "actor_id": actor_id,
        "agency_id": agency_id,
        "action": action,
        "subject_app": subject_app,
        "subject_model": subject_model,
        "subject_id": subject_id,
        "recorded_person_id": recorded_person_id,
        "payload": payload,
    }
    values = [row[c] for c in chain.ENTRY_COLUMNS]
    assert chain.encoder()(values) == chain.encode_entry(row)
