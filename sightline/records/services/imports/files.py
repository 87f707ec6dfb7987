"""Importing a whole file: read, check every row and reference, then write it all or nothing."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import connection

from sightline.agencies.selectors import agency_get_by_code
from sightline.audit.services import audit_checkpoint_write
from sightline.records.services.imports.checking import CheckedFile, FileChecker
from sightline.records.services.imports.committing import commit
from sightline.records.services.imports.preparing import prepare_units
from sightline.records.services.imports.problems import ProblemList
from sightline.records.services.imports.progress import ImportProgress, SilentProgress
from sightline.records.services.imports.reading import Source, read_source
from sightline.records.services.imports.report import ImportReport

if TYPE_CHECKING:
    from sightline.accounts.models import User


def _check(
    source: Source,
    default_agency_code: str | None,
    problems: ProblemList,
    progress: ImportProgress,
) -> CheckedFile:
    """Every row and reference, every problem: raises InvalidInput listing them all (the
    reader has already added the problems it found in the file's layout)."""
    checker = FileChecker(default_agency_code=default_agency_code, problems=problems)
    progress.begin("Checking", len(source.units))
    for chunk in prepare_units(source.units):
        for row in chunk:
            checker.check_row(row)
        progress.advance(len(chunk))
    checked = checker.check_references()
    progress.end()
    problems.raise_if_any()
    return checked


@contextmanager
def _by_index() -> Iterator[None]:
    """PostgreSQL: every lookup an import makes is by an indexed key, but just after a large
    import (or wherever statistics are stale) the planner may think a table tiny and scan it
    whole for each chunk, which grows quadratically. Tell it not to, for this import only."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """An import holds many small objects and makes no reference cycles worth collecting:
    pausing the cycle collector saves it rescanning them all, again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_file(
    *,
    actor: User | None,
    path: Path,
    default_agency_code: str | None,
    progress: ImportProgress | None = None,
) -> ImportReport:
    """Import persons, relationships and events from a CSV or JSON Lines file, idempotently:
    the same file twice changes nothing; changed records become new versions ("re-imported")."""
    progress = progress or SilentProgress()
    if default_agency_code is not None:
        agency_get_by_code(code=default_agency_code)  # NotFound names the unknown code
    problems = ProblemList()
    with _without_cycle_collection(), _by_index():
        source = read_source(path, problems)
        digest = source.digest
        checked = _check(source, default_agency_code, problems, progress)
        del source  # the file's text is no longer needed: let it go before writing
        report = commit(checked, actor=actor, file_digest=digest, progress=progress)
    if report.changed:
        audit_checkpoint_write()
    return report
