"""Writing a file's records inside the import's one transaction, as they become ready, and the
audit entry that seals the import. When nothing changed, nothing at all is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID, uuid4

from django.db import connection, transaction

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import audit_record
from sightline.core.bulk import writing_behind
from sightline.core.messages import publish
from sightline.records.data import Outcome, SaveResult
from sightline.records.messages import EventsImported, PersonsImported
from sightline.records.services.imports.checking import PersonDirectory
from sightline.records.services.imports.report import ImportReport, RecordType
from sightline.records.services.items import EventItem, PersonItem, RelationshipItem
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

Item = TypeVar("Item", PersonItem, RelationshipItem, EventItem)


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


@contextmanager
def import_transaction() -> Iterator[None]:
    """The import's one transaction, all or nothing, taken in turn with other imports. On
    PostgreSQL, rows are written behind (sightline.core.bulk), so that the database's work on
    one batch overlaps the checking and preparing of the next."""
    with _room_for_indexes(), transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_IMPORT_LOCK_KEY])
                # Foreign keys are checked as each batch is written (behind, see below), rather
                # than all at once at the commit, when there is nothing left to overlap them
                # with. Every batch is written after the rows it refers to.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        with writing_behind():
            yield


class FileWriter:
    """Writes one file's records through the one write path, counting what each did."""

    def __init__(self, *, actor: User | None, directory: PersonDirectory) -> None:
        self.actor = actor
        self.import_id: UUID = uuid4()
        self.writer = RecordWriter(actor=actor, reason=AMENDED_BY_IMPORT, import_id=self.import_id)
        self.directory = directory
        self.counts = {t: dict.fromkeys(Outcome, 0) for t in RecordType}
        self.saved_persons: list[UUID] = []
        self.saved_events: list[UUID] = []

    def _write(
        self,
        record_type: RecordType,
        items: Sequence[Item],
        write: Callable[[Sequence[Item]], list[SaveResult]],
    ) -> list[SaveResult]:
        results: list[SaveResult] = []
        counts = self.counts[record_type]
        for start in range(0, len(items), WRITE_CHUNK):
            written = write(items[start : start + WRITE_CHUNK])
            for result in written:
                counts[result.outcome] += 1
            results += written
        return results

    def persons(self, items: Sequence[PersonItem]) -> None:
        """Written persons' ids go into the directory, for the rows that name them."""
        results = self._write(RecordType.PERSON, items, self.writer.persons)
        for item, result in zip(items, results, strict=True):
            self.directory.add(item.agency_id, item.data.source_reference, result.record_id)
            if result.outcome is not Outcome.UNCHANGED:
                self.saved_persons.append(result.record_id)

    def relationships(self, items: Sequence[RelationshipItem]) -> None:
        self._write(RecordType.RELATIONSHIP, items, self.writer.relationships)

    def events(self, items: Sequence[EventItem]) -> None:
        results = self._write(RecordType.EVENT, items, self.writer.events)
        self.saved_events += [r.record_id for r in results if r.outcome is not Outcome.UNCHANGED]

    def finish(self, file_digest: str) -> ImportReport:
        """The report, and, if anything changed, the audit entry that seals the import."""
        changed = any(c[Outcome.CREATED] or c[Outcome.AMENDED] for c in self.counts.values())
        report = ImportReport(self.import_id if changed else None, file_digest, self.counts)
        if changed:
            audit_record(
                actor=self.actor,
                action=AuditAction.IMPORT_COMMITTED,
                subject=SubjectRef("records", "import", str(self.import_id)),
                payload={
                    "import_id": self.import_id,
                    "file_digest": report.file_digest,
                    "created": report.totals(Outcome.CREATED),
                    "amended": report.totals(Outcome.AMENDED),
                    "unchanged": report.totals(Outcome.UNCHANGED),
                },
            )
        # Persons first: their subscribers (matching) are queued before the events' (routing),
        # so a worker taking tasks in order links a file's new records before routing its events.
        if self.saved_persons:
            publish(PersonsImported(self.import_id, tuple(self.saved_persons)))
        if self.saved_events:
            publish(EventsImported(self.import_id, tuple(dict.fromkeys(self.saved_events))))
        return report
