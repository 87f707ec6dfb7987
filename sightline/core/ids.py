"""New random ids in bulk."""

import os
from collections.abc import Iterator
from uuid import UUID


def new_uuids(count: int) -> Iterator[UUID]:
    """`count` random (version 4) UUIDs, as uuid.uuid4 makes them, from one read of the system's
    random source rather than one read each: an import gives out hundreds of thousands."""
    data = os.urandom(16 * count)
    for start in range(0, 16 * count, 16):
        yield UUID(bytes=data[start : start + 16], version=4)
