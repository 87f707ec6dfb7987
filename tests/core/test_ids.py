from uuid import UUID

from sightline.core.ids import new_uuids


def test_bulk_ids_are_distinct_random_version_4_uuids():
    ids = list(new_uuids(10_000))
    assert len(ids) == len(set(ids)) == 10_000
    assert all(isinstance(i, UUID) and i.version == 4 for i in ids)
    assert {i.variant for i in ids} == {"specified in RFC 4122"}


def test_asking_for_none_gives_none():
    assert list(new_uuids(0)) == []
