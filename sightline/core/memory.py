"""Working with many small objects at once (an import, a replay)."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Bulk work holds many small objects and makes no reference cycles worth collecting:
    pausing the cycle collector saves it rescanning them all, again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
