"""Validated records with their references resolved, ready for the writer."""

from dataclasses import dataclass
from uuid import UUID

from sightline.records.schema.events import EventIn
from sightline.records.schema.persons import PersonIn
from sightline.records.schema.relationships import RelationshipIn


@dataclass(frozen=True)
class PersonItem:
    agency_id: UUID
    data: PersonIn
    row: int | None = None


@dataclass(frozen=True)
class RelationshipItem:
    agency_id: UUID
    data: RelationshipIn
    # References resolved by the caller: recorded person ids, agency and worker.
    person_id: UUID
    counterpart_person_id: UUID | None
    counterpart_agency_id: UUID | None
    worker_id: int | None
    row: int | None = None


@dataclass(frozen=True)
class EventItem:
    agency_id: UUID
    data: EventIn
    subject_ids: tuple[tuple[UUID, str], ...]  # (recorded person id, role), resolved
    row: int | None = None
