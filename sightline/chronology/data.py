"""A child's joined chronology as a viewer sees it: plain data for pages, the API and exports."""

from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from sightline.access.data import SharingDecisionView
from sightline.audit.data import AccessLogEntry
from sightline.core.exceptions import DomainError

# What else, beyond events about the child, belongs in the child's chronology: events of these
# kinds about the adults of the child's household (a domestic abuse incident at home, a new
# partner moving in, a concern or referral about a parent).
HOUSEHOLD_KINDS = frozenset(
    {
        "domestic_abuse_incident",
        "household_change",
        "concern",
        "disclosure",
        "referral",
        "front_door_decision",
    }
)


class PurposeRequired(DomainError):
    """The viewer may open the chronology, but has not yet said why."""

    def __init__(self) -> None:
        super().__init__("Say why you are opening this child's chronology first.")


@dataclass(frozen=True)
class Filters:
    agency_ids: frozenset[UUID] = frozenset()
    kinds: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None
    as_of: datetime | None = None  # the chronology as Sightline knew it then
    # The household's chronology: every event about the household's adults, not only those
    # of HOUSEHOLD_KINDS.
    household: bool = False


@dataclass(frozen=True)
class Entry:
    """One event in the chronology. A redacted entry keeps only whom to ask: its kind, when it
    happened, and the agency that holds it."""

    event_id: UUID
    kind: str
    kind_label: str
    agency_id: UUID
    agency_name: str
    agency_kind: str
    occurred_at: datetime
    occurred_precision: str
    about: str  # policy.About: the child, or an adult of the household
    redacted: bool
    severity: str  # severity.LOW, MEDIUM or HIGH: how the timeline marks it
    # Provenance; empty when redacted.
    recorded_by: str = ""
    source_recorded_at: datetime | None = None
    first_received_at: datetime | None = None
    received_at: datetime | None = None
    version: int = 1
    summary: str = ""
    sensitivity: str = ""
    child_seen: str = ""
    child_seen_alone: str = ""
    child_voice: str = ""
    roles: tuple[str, ...] = ()  # the roles the child (or the adult) has in the event
    # The event version shown (an id, never content): what an assessment cites as considered.
    version_id: UUID | None = None

    @property
    def amended(self) -> bool:
        return self.version > 1


@dataclass(frozen=True)
class Chronology:
    recorded_person_id: UUID
    bases: tuple[str, ...]
    filters: Filters
    entries: list[Entry]
    # Every agency and kind present before filtering, for the filter controls.
    agencies: list[tuple[UUID, str]] = field(default_factory=list)
    kinds: list[tuple[str, str]] = field(default_factory=list)
    break_glass_until: datetime | None = None
    may_export: bool = False
    looks: list[AccessLogEntry] = field(default_factory=list)  # who has looked, newest first
    sharing: list[SharingDecisionView] = field(default_factory=list)  # newest first
    # Every record linked to the child (then, for an as-of view): Sightline's own ids, never
    # shown, for reading what else is kept about the child (its risk signals).
    record_ids: frozenset[UUID] = frozenset()

    @property
    def agency_count(self) -> int:
        return len({entry.agency_id for entry in self.entries})
