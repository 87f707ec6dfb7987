"""Validated records with their references resolved, ready for the writer.

`data` is the validated input, or that input already prepared (imports prepare their records
in several processes at once; see sightline.records.services.prepared)."""

from dataclasses import dataclass
from uuid import UUID

from sightline.records.schema.events import EventIn
from sightline.records.schema.persons import PersonIn
from sightline.records.schema.relationships import RelationshipIn
from sightline.records.services.prepared import (
    PreparedEvent,
    PreparedPerson,
    PreparedRelationship,
)


@dataclass(frozen=True)
class PersonItem:
    agency_id: UUID
    data: PersonIn | PreparedPerson
    row: int | None = None


@dataclass(frozen=True)
class RelationshipItem:
    agency_id: UUID
    data: RelationshipIn | PreparedRelationship
    # References resolved by the caller: recorded person ids, agency and worker.
    person_id: UUID
    counterpart_person_id: UUID | None
    counterpart_agency_id: UUID | None
    worker_id: int | None
    row: int | None = None


@dataclass(frozen=True)
class EventItem:
    agency_id: UUID
    data: EventIn | PreparedEvent
    subject_ids: tuple[tuple[UUID, str], ...]  # (recorded person id, role), resolved
    row: int | None = None
