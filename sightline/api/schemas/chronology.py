"""A child's joined chronology, as the web page shows it: mapped from chronology.data."""

from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema

from sightline.chronology.data import Chronology, Entry


class ChronologyQuery(Schema):
    agency: UUID | None = Field(None, description="Only this agency's entries.")
    kind: str | None = Field(None, description="Only entries of this kind.")
    since: date | None = Field(None, description="Only entries that happened on or after.")
    until: date | None = Field(None, description="Only entries that happened on or before.")
    as_of: datetime | None = Field(
        None, description="The chronology as Sightline held it at this moment."
    )
    household: bool = Field(
        False, description="Every event about the household's adults, not only incidents."
    )
    limit: int = Field(200, ge=1, le=1000, description="At most this many entries.")
    offset: int = Field(0, ge=0, description="Skip this many entries first.")


class PurposeIn(Schema):
    purpose: str = Field(description="concern, assessment, plan, meeting or triage.")
    detail: str = Field("", max_length=500)


class EntryOut(Schema):
    event_id: UUID
    kind: str
    agency_id: UUID
    agency_name: str
    occurred_at: datetime
    occurred_precision: str
    about: str = Field(description="child, or household_adult.")
    redacted: bool = Field(
        description="Only its kind, date and agency are shown: ask that agency about it."
    )
    severity: str
    recorded_by: str
    source_recorded_at: datetime | None
    first_received_at: datetime | None
    received_at: datetime | None
    version: int
    summary: str
    sensitivity: str
    child_seen: str
    child_seen_alone: str
    child_voice: str

    @classmethod
    def of(cls, entry: Entry) -> "EntryOut":
        return cls(
            event_id=entry.event_id,
            kind=entry.kind,
            agency_id=entry.agency_id,
            agency_name=entry.agency_name,
            occurred_at=entry.occurred_at,
            occurred_precision=entry.occurred_precision,
            about=entry.about,
            redacted=entry.redacted,
            severity=entry.severity,
            recorded_by=entry.recorded_by,
            source_recorded_at=entry.source_recorded_at,
            first_received_at=entry.first_received_at,
            received_at=entry.received_at,
            version=entry.version,
            summary=entry.summary,
            sensitivity=entry.sensitivity,
            child_seen=entry.child_seen,
            child_seen_alone=entry.child_seen_alone,
            child_voice=entry.child_voice,
        )


class ChronologyOut(Schema):
    recorded_person_id: UUID
    bases: list[str] = Field(description="Why the caller may open it.")
    as_of: datetime | None
    break_glass_until: datetime | None
    count: int = Field(description="How many entries the chronology holds, on every page.")
    entries: list[EntryOut] = Field(description="Oldest first, from offset, at most limit.")

    @classmethod
    def of(cls, chronology: Chronology, *, limit: int, offset: int) -> "ChronologyOut":
        return cls(
            recorded_person_id=chronology.recorded_person_id,
            bases=list(chronology.bases),
            as_of=chronology.filters.as_of,
            break_glass_until=chronology.break_glass_until,
            count=len(chronology.entries),
            entries=[EntryOut.of(e) for e in chronology.entries[offset : offset + limit]],
        )
