"""What an import did, per record type."""

from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID

from sightline.records.data import Outcome


class RecordType(StrEnum):
    """The `record_type` of a row; written in this order: persons, relationships, events."""

    PERSON = "person"
    RELATIONSHIP = "relationship"
    EVENT = "event"


@dataclass(frozen=True)
class ImportReport:
    # None when nothing changed: then nothing at all was written, not even an audit entry.
    import_id: UUID | None
    file_digest: str
    counts: dict[RecordType, dict[Outcome, int]] = field(default_factory=dict)

    def count(self, record_type: RecordType, outcome: Outcome) -> int:
        return self.counts.get(record_type, {}).get(outcome, 0)

    @property
    def changed(self) -> bool:
        return self.import_id is not None

    def totals(self, outcome: Outcome) -> dict[str, int]:
        """Per record type, as stored in the audit entry that seals the import."""
        return {t.value: self.count(t, outcome) for t in RecordType}
