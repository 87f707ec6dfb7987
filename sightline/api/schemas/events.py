"""Safeguarding events. Requests use the shared EventIn; responses are mapped from records.data.

An event's structured details (for an injury, the body-map marks) are returned exactly as
stored, under `details`, so what a client sends is what it reads back.
"""

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from ninja import Schema
from pydantic import Field

from sightline.records.data import EventListItem, EventVersionView, EventView
from sightline.records.schema.events import EventIn


class EventAmendmentIn(EventIn):
    """The whole new content of the event, and why it is being amended."""

    reason: Annotated[str, Field(min_length=1, max_length=1_000)]

    def event(self) -> EventIn:
        """The amended content without the reason. Every field was already checked by EventIn's
        own validators (this class inherits them), so the values are copied, not re-parsed; the
        reason must stay out of the content, whose digest decides whether anything changed."""
        return EventIn.model_construct(
            **{name: getattr(self, name) for name in EventIn.model_fields}
        )


class CodedAnswerOut(Schema):
    """ "yes", "no" with a coded reason, or "not_applicable" (as sent, in object form)."""

    answer: str
    code: str


class SubjectOut(Schema):
    recorded_person_id: UUID
    role: str
    name: str


class EventVersionOut(Schema):
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
    child_seen: CodedAnswerOut
    child_seen_alone: CodedAnswerOut
    child_voice: CodedAnswerOut
    child_words: str
    interpreter: CodedAnswerOut
    interpreter_flagged: bool
    cin_factors: list[str]
    sensitivity: str
    subjects: list[SubjectOut]

    @classmethod
    def of(cls, v: EventVersionView) -> "EventVersionOut":
        return cls(
            id=v.id, number=v.number, occurred_at=v.occurred_at,
            occurred_precision=v.occurred_precision, source_recorded_at=v.source_recorded_at,
            received_at=v.received_at, recorded_by=v.recorded_by, author=v.author,
            reason=v.reason, summary=v.summary, details=v.details,
            child_seen=CodedAnswerOut(answer=v.child_seen, code=v.child_seen_code),
            child_seen_alone=CodedAnswerOut(
                answer=v.child_seen_alone, code=v.child_seen_alone_code
            ),
            child_voice=CodedAnswerOut(answer=v.child_voice, code=v.child_voice_code),
            child_words=v.child_words,
            interpreter=CodedAnswerOut(answer=v.interpreter, code=v.interpreter_code),
            interpreter_flagged=v.interpreter_flagged, cin_factors=v.cin_factors,
            sensitivity=v.sensitivity,
            subjects=[
                SubjectOut(recorded_person_id=s.recorded_person_id, role=s.role, name=s.name)
                for s in v.subjects
            ],
        )  # fmt: skip


class EventOut(Schema):
    """An event with every version, newest first: `current` is the first of `versions`."""

    id: UUID
    agency_id: UUID
    agency_name: str
    kind: str
    kind_label: str
    source_reference: str
    received_at: datetime
    current: EventVersionOut
    versions: list[EventVersionOut]

    @classmethod
    def of(cls, event: EventView) -> "EventOut":
        versions = [EventVersionOut.of(v) for v in event.versions]
        return cls(
            id=event.id,
            agency_id=event.agency_id,
            agency_name=event.agency_name,
            kind=event.kind,
            kind_label=event.kind_label,
            source_reference=event.source_reference,
            received_at=event.received_at,
            current=versions[0],
            versions=versions,
        )


class EventListItemOut(Schema):
    id: UUID
    kind: str
    kind_label: str
    agency_name: str
    number: int
    occurred_at: datetime
    occurred_precision: str
    summary: str
    source_reference: str

    @classmethod
    def of(cls, item: EventListItem) -> "EventListItemOut":
        return cls(
            id=item.id,
            kind=item.kind,
            kind_label=item.kind_label,
            agency_name=item.agency_name,
            number=item.number,
            occurred_at=item.occurred_at,
            occurred_precision=item.occurred_precision,
            summary=item.summary,
            source_reference=item.source_reference,
        )
