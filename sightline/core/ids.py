"""New random ids in bulk, and many ids a query at a time."""

import os
from collections.abc import Iterable, Iterator
from uuid import UUID


def new_uuids(count: int) -> Iterator[UUID]:
    """`count` random (version 4) UUIDs, as uuid.uuid4 makes them, from one read of the system's
    random source rather than one read each: an import gives out hundreds of thousands."""
    data = os.urandom(16 * count)
    for start in range(0, 16 * count, 16):
        yield UUID(bytes=data[start : start + 16], version=4)


# Ids per query: few round trips, well below SQLite's limit on an SQL statement's parameters.
ID_CHUNK = 2_000


def id_chunks(ids: Iterable[UUID]) -> Iterator[list[UUID]]:
    """The ids without repeats, ID_CHUNK at a time, for `id__in` queries."""
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), ID_CHUNK):
        yield unique[start : start + ID_CHUNK]
