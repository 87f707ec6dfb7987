"""Writing a checked file in one transaction: persons, then relationships, then events, then
the audit entry that seals the import. When nothing changed, nothing at all is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID, uuid4

from django.db import connection, transaction

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import audit_record
from sightline.records.data import Outcome, SaveResult
from sightline.records.services.imports.checking import Checked, CheckedFile
from sightline.records.services.imports.progress import ImportProgress
from sightline.records.services.imports.report import ImportReport, RecordType
from sightline.records.services.items import EventItem, PersonItem
from sightline.records.services.relationships import relationship_item
from sightline.records.services.writer import AMENDED_BY_IMPORT, RecordWriter

if TYPE_CHECKING:
    from sightline.accounts.models import User

# Records handed to the writer at a time: bounds the memory its row objects take.
WRITE_CHUNK = 5_000
# Names the PostgreSQL advisory lock that makes imports take turns (SQLite's IMMEDIATE
# transactions already do), so two files touching the same records cannot both decide
# "new" and then collide.
_IMPORT_LOCK_KEY = 0x5167_1A70
_SQLITE_CACHE_KIB = -256 * 1024  # negative: a size in KiB, not in pages

C = TypeVar("C", bound=Checked[Any])


def _take_turn() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_IMPORT_LOCK_KEY])


@contextmanager
def _room_for_indexes() -> Iterator[None]:
    """SQLite: a larger page cache while writing, so that inserting many rows with random ids
    into several indexes does not keep re-reading index pages. Restored afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {_SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _in_chunks(
    records: Sequence[C],
    write: Callable[[Sequence[C]], list[SaveResult]],
    progress: ImportProgress,
) -> dict[Outcome, int]:
    counts = dict.fromkeys(Outcome, 0)
    for start in range(0, len(records), WRITE_CHUNK):
        chunk = records[start : start + WRITE_CHUNK]
        for result in write(chunk):
            counts[result.outcome] += 1
        progress.advance(len(chunk))
    return counts


def _persons(writer: RecordWriter, checked: CheckedFile) -> Callable[[Sequence[Any]], Any]:
    def write(chunk: Sequence[Checked[Any]]) -> list[SaveResult]:
        results = writer.persons([PersonItem(c.agency_id, c.record, c.row) for c in chunk])
        for person, result in zip(chunk, results, strict=True):
            checked.directory.add(
                person.agency_id, person.record.source_reference, result.record_id
            )
        return results

    return write


def _relationships(writer: RecordWriter, checked: CheckedFile) -> Callable[[Sequence[Any]], Any]:
    def write(chunk: Sequence[Checked[Any]]) -> list[SaveResult]:
        items = [
            relationship_item(
                c.agency_id,
                c.record,
                persons=checked.directory.of_agency(c.agency_id),
                agencies=checked.agencies,
                workers=checked.workers,
                row=c.row,
            )
            for c in chunk
        ]
        return writer.relationships(items)

    return write


def _events(writer: RecordWriter, checked: CheckedFile) -> Callable[[Sequence[Any]], Any]:
    def write(chunk: Sequence[Checked[Any]]) -> list[SaveResult]:
        items = []
        for c in chunk:
            persons = checked.directory.of_agency(c.agency_id)
            subjects = (
                (persons[reference or ""], role) for reference, _, role in c.record.subjects
            )
            items.append(EventItem(c.agency_id, c.record, tuple(dict.fromkeys(subjects)), c.row))
        return writer.events(items)

    return write


def _seal(actor: User | None, report: ImportReport) -> None:
    assert report.import_id is not None
    audit_record(
        actor=actor,
        action=AuditAction.IMPORT_COMMITTED,
        subject=SubjectRef("records", "import", str(report.import_id)),
        payload={
            "import_id": report.import_id,
            "file_digest": report.file_digest,
            "created": report.totals(Outcome.CREATED),
            "amended": report.totals(Outcome.AMENDED),
            "unchanged": report.totals(Outcome.UNCHANGED),
        },
    )


def commit(
    checked: CheckedFile, *, actor: User | None, file_digest: str, progress: ImportProgress
) -> ImportReport:
    """All or nothing: any failure rolls the whole file back."""
    import_id: UUID = uuid4()
    with _room_for_indexes(), transaction.atomic():
        _take_turn()
        writer = RecordWriter(actor=actor, reason=AMENDED_BY_IMPORT, import_id=import_id)
        progress.begin("Writing", checked.total)
        counts = {
            RecordType.PERSON: _in_chunks(checked.persons, _persons(writer, checked), progress),
            RecordType.RELATIONSHIP: _in_chunks(
                checked.relationships, _relationships(writer, checked), progress
            ),
            RecordType.EVENT: _in_chunks(checked.events, _events(writer, checked), progress),
        }
        changed = any(c[Outcome.CREATED] or c[Outcome.AMENDED] for c in counts.values())
        report = ImportReport(import_id if changed else None, file_digest, counts)
        if changed:
            _seal(actor, report)
        progress.end()
    return report
