"""Sharing a replay's pure work out among worker processes, one per processor.

The workers are forked once what they read is in memory (the file's rows, the records, the
households), and are sent only which piece to work on, so nothing large is copied between
processes, only the results. Forked workers do pure work only: they never touch the database
connection they inherit. Where fork is not available, or there is too little work to repay
starting processes, the work runs in this process.
"""

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

Piece = TypeVar("Piece")
Result = TypeVar("Result")

# What the workers read: set before they are forked, so each inherits it.
_SHARED: Any = None


def shared() -> Any:
    """What the work reads (in a worker process, as it was when the workers were forked)."""
    return _SHARED


def processors() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def shared_out(
    work: Callable[[Piece], Result], pieces: Iterable[Piece], state: Any, *, parallel: bool
) -> Iterator[Result]:
    """work(piece) for each piece, in order; `state` is what work() reads through shared()."""
    global _SHARED  # read by the worker processes, which are forked after it is set
    _SHARED = state
    try:
        forking = "fork" in multiprocessing.get_all_start_methods()
        if not (parallel and forking and processors() > 1):
            yield from map(work, pieces)
            return
        # Objects the collector has frozen are not touched by it in the workers, so the pages
        # they share with this process stay shared.
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(processors()) as pool:
                yield from pool.imap(work, pieces)
        finally:
            gc.unfreeze()
    finally:
        _SHARED = None
