"""Importing a whole file: read it, check every row and reference, write it all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import connection

from sightline.agencies.selectors import agency_get_by_code
from sightline.audit.services import audit_checkpoint_write
from sightline.core.exceptions import InvalidInput
from sightline.core.memory import cycle_collection_paused
from sightline.records.services.imports.checking import FileChecker
from sightline.records.services.imports.committing import FileWriter, import_transaction
from sightline.records.services.imports.preparing import prepare_units
from sightline.records.services.imports.problems import ProblemList
from sightline.records.services.imports.progress import ImportProgress, SilentProgress
from sightline.records.services.imports.reading import Source, read_source
from sightline.records.services.imports.report import ImportReport

if TYPE_CHECKING:
    from sightline.accounts.models import User

# Rows checked between writes: large enough that each lookup and insert covers many records.
WRITE_EVERY = 5_000


def _hand_on(
    checker: FileChecker, writer: FileWriter, problems: ProblemList, *, final: bool
) -> None:
    """Write what the checker has ready: persons first, so that the events and relationships
    naming them resolve. Once a file has a problem nothing more is written (it will all be
    rolled back), but its remaining references are still checked, to name every problem."""
    persons = checker.take_persons()
    try:
        if not problems:
            writer.persons(persons)
        relationships, events = checker.take_resolved(final=final)
        if not problems:
            writer.relationships(relationships)
            writer.events(events)
    except InvalidInput as error:  # e.g. a stored record's kind cannot change
        problems.add_invalid(error, None)


def _check_and_write(
    source: Source,
    *,
    actor: User | None,
    default_agency_code: str | None,
    problems: ProblemList,
    progress: ImportProgress,
) -> ImportReport:
    """Every row is checked (by worker processes, see preparing.py) and written as soon as it
    is ready, while later rows are still being checked; any problem anywhere in the file
    raises InvalidInput listing them all, which rolls back everything written."""
    checker = FileChecker(default_agency_code=default_agency_code, problems=problems)
    with import_transaction():
        writer = FileWriter(actor=actor, directory=checker.directory)
        progress.begin("Importing", len(source.units))
        unwritten = 0
        for chunk in prepare_units(source.units):
            for row in chunk:
                checker.check_row(row)
            unwritten += len(chunk)
            if unwritten >= WRITE_EVERY and not problems:
                _hand_on(checker, writer, problems, final=False)
                unwritten = 0
            progress.advance(len(chunk))
        _hand_on(checker, writer, problems, final=True)
        problems.raise_if_any()
        report = writer.finish(source.digest)
        progress.end()
    return report


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
    with cycle_collection_paused(), _by_index():
        source = read_source(path, problems)
        report = _check_and_write(
            source,
            actor=actor,
            default_agency_code=default_agency_code,
            problems=problems,
            progress=progress,
        )
    if report.changed:
        audit_checkpoint_write()
    return report
