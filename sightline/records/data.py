"""Choices and plain results of the records app, for models, forms, the API and the CLI."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from sightline.records.schema.catalogue import KIND_LABELS, EventKind
from sightline.records.schema.coded import Answer
from sightline.records.schema.events import Sensitivity, SubjectRole
from sightline.records.schema.persons import Confidentiality, IdentifierScheme
from sightline.records.schema.relationships import RelationshipKind
from sightline.records.schema.times import Precision

EVENT_KIND_CHOICES = [(kind.value, KIND_LABELS[kind]) for kind in EventKind]


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    return [(member.value, member.value.replace("_", " ").capitalize()) for member in enum]


PRECISION_CHOICES = choices(Precision)
ANSWER_CHOICES = choices(Answer)
SENSITIVITY_CHOICES = choices(Sensitivity)
SUBJECT_ROLE_CHOICES = choices(SubjectRole)
CONFIDENTIALITY_CHOICES = choices(Confidentiality)
IDENTIFIER_SCHEME_CHOICES = choices(IdentifierScheme)
RELATIONSHIP_KIND_CHOICES = choices(RelationshipKind)


class Outcome(StrEnum):
    """What saving a record did: idempotent imports count these."""

    CREATED = "created"
    AMENDED = "amended"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class SaveResult:
    outcome: Outcome
    record_id: UUID
    version_id: UUID
    number: int


__all__ = [
    "EventKind",
    "KIND_LABELS",
    "Answer",
    "Sensitivity",
    "SubjectRole",
    "Confidentiality",
    "IdentifierScheme",
    "RelationshipKind",
    "Precision",
    "Outcome",
    "SaveResult",
]


@dataclass(frozen=True)
class IdentifierView:
    scheme: str
    value: str


@dataclass(frozen=True)
class AddressView:
    line1: str
    line2: str
    town: str
    postcode: str
    start: date | None
    end: date | None
    confidentiality: str


@dataclass(frozen=True)
class PersonSummary:
    id: UUID
    agency_id: UUID
    agency_name: str
    source_reference: str
    given_name: str
    family_name: str
    date_of_birth: date | None
    date_of_birth_precision: str
    sex: str
    confidentiality: str

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


@dataclass(frozen=True)
class PersonDetail:
    summary: PersonSummary
    version_id: UUID
    number: int
    other_names: list[tuple[str, str, str]]  # (kind, given, family)
    addresses: list[AddressView]
    identifiers: list[IdentifierView]
    expected_date_of_birth: date | None
    first_language: str
    interpreter_needed: bool | None
    ethnicity: str
    disabilities: list[str]
    received_at: datetime


@dataclass(frozen=True)
class SubjectView:
    recorded_person_id: UUID
    role: str
    name: str


@dataclass(frozen=True)
class EventVersionView:
    id: UUID
    number: int
    occurred_at: datetime
    occurred_precision: str
    source_recorded_at: datetime | None
    received_at: datetime
    recorded_by: str
    author: str
    reason: str
    summary: str
    details: dict[str, Any]
    child_seen: str
    child_seen_code: str
    child_seen_alone: str
    child_seen_alone_code: str
    child_voice: str
    child_voice_code: str
    child_words: str
    interpreter: str
    interpreter_code: str
    interpreter_flagged: bool
    cin_factors: list[str]
    sensitivity: str
    subjects: list[SubjectView]


@dataclass(frozen=True)
class EventView:
    id: UUID
    agency_id: UUID
    agency_name: str
    kind: str
    source_reference: str
    received_at: datetime
    versions: list[EventVersionView]  # newest first

    @property
    def current(self) -> EventVersionView:
        return self.versions[0]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[EventKind(self.kind)]


@dataclass(frozen=True)
class EventListItem:
    id: UUID
    kind: str
    agency_name: str
    number: int
    occurred_at: datetime
    occurred_precision: str
    summary: str
    source_reference: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[EventKind(self.kind)]


@dataclass(frozen=True)
class RecordCounts:
    """How much is stored, across every agency: counts only, no personal data."""

    recorded_persons: int
    relationships: int
    events: int
    events_by_agency_kind: dict[str, int]


@dataclass(frozen=True)
class IdentifyingFacts:
    """What a recorded person's current version says about who they are: the fields linkage
    compares, and nothing else."""

    recorded_person_id: UUID
    agency_code: str
    given_name: str
    family_name: str
    other_names: tuple[tuple[str, str], ...]  # (given, family) of previous names and aliases
    date_of_birth: str  # ISO, as precise as recorded ("2015", "2015-03", "2015-03-07"), or ""
    sex: str
    postcode: str  # of the latest address (by start date), or ""
    address: str  # its first line and town
    nhs_number: str
    upn: str


@dataclass(frozen=True)
class AddressFacts:
    """One address of a recorded person's current version, as household derivation reads it."""

    line1: str
    postcode: str
    start: date | None
    end: date | None
    confidentiality: str


@dataclass(frozen=True)
class ResidenceFacts:
    """What a recorded person's current version says about where they live, and when they were
    born or died: what household derivation reads, and nothing else."""

    recorded_person_id: UUID
    agency_id: UUID
    confidentiality: str
    date_of_birth: date | None
    date_of_birth_precision: str
    expected_date_of_birth: date | None
    date_of_death: date | None
    addresses: tuple[AddressFacts, ...]


@dataclass(frozen=True)
class StatedCohabitation:
    """The current version of a stated relationship in which the recording agency says two
    people live together. Both recorded persons are held by that agency."""

    relationship_id: UUID
    agency_id: UUID
    person_id: UUID
    counterpart_id: UUID
    relationship: str  # how the counterpart stands to the person: "mother", "partner", …
    start: date
    end: date | None


@dataclass(frozen=True)
class ServiceTie:
    """A relationship that ties a recorded person to a service or a worker on a day: an
    enrolment, a registration, a caseload, an allocation, an episode or a plan."""

    recorded_person_id: UUID
    kind: str
    agency_id: UUID  # the service: the counterpart agency, else the recording agency
    worker_id: int | None  # an allocation's worker, when they are a Sightline user
    details: dict[str, Any]

    @property
    def episode_type(self) -> str | None:
        """An episode's type: "contact", "child_protection", …"""
        return self.details.get("episode_type")


@dataclass(frozen=True)
class ServiceSpan:
    """A relationship with a service or a worker over its whole life, as its latest version
    says: when it started and ended (None: still open)."""

    recorded_person_id: UUID
    kind: str
    agency_id: UUID  # the service: the counterpart agency, else the recording agency
    worker_id: int | None
    start: date
    end: date | None
    details: dict[str, Any]


@dataclass(frozen=True)
class EntryFacts:
    """One event as a chronology needs it: the version known at a moment, its provenance, and
    the recorded persons it is about (unscoped: the chronology's policy decides what is shown)."""

    event_id: UUID
    kind: str
    agency_id: UUID
    agency_name: str
    agency_kind: str
    number: int  # the version known at the moment
    occurred_at: datetime
    occurred_precision: str
    source_recorded_at: datetime | None
    first_received_at: datetime  # when Sightline first received the event
    received_at: datetime  # when Sightline received this version
    recorded_by: str
    summary: str
    details: dict[str, Any]  # only the keys asked for
    sensitivity: str
    child_seen: str
    child_seen_alone: str
    child_voice: str
    # (recorded person, role) of the recorded persons asked about that this version names.
    subjects: tuple[tuple[UUID, str], ...]
    version_id: UUID | None = None
    cin_factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoutingEvent:
    """An event's current version as notification routing needs it (unscoped: routing is
    Sightline's own work, not a practitioner's read; what it sends says nothing of the event
    beyond what its rule allows)."""

    event_id: UUID
    version_id: UUID
    kind: str
    agency_id: UUID
    agency_name: str
    created_by_id: int | None  # who recorded it in Sightline (None: imported)
    occurred_at: datetime
    received_at: datetime  # when Sightline received this version
    sensitivity: str
    details: dict[str, Any]
    children: tuple[UUID, ...]  # its child subjects
