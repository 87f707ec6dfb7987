"""Domain messages the records app publishes (see sightline.core.messages)."""

from dataclasses import dataclass
from uuid import UUID

from sightline.core.messages import DomainMessage


@dataclass(frozen=True)
class EventRecorded(DomainMessage):
    """An event was recorded or amended; version_id is the new version."""

    event_id: UUID
    version_id: UUID


@dataclass(frozen=True)
class RecordedPersonSaved(DomainMessage):
    person_id: UUID
    version_id: UUID


@dataclass(frozen=True)
class PersonsImported(DomainMessage):
    """An import created or amended these recorded persons."""

    import_id: UUID
    person_ids: tuple[UUID, ...]


@dataclass(frozen=True)
class EventsImported(DomainMessage):
    """An import created or amended these events."""

    import_id: UUID
    event_ids: tuple[UUID, ...]
