"""Safeguarding events: record, list, open with their history, amend with a reason."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from sightline.api.auth import caller
from sightline.api.schemas.events import EventAmendmentIn, EventListItemOut, EventOut
from sightline.api.schemas.problems import PROBLEM_RESPONSES
from sightline.api.scopes import agency_scope, caller_scope
from sightline.records import selectors, services
from sightline.records.data import Outcome
from sightline.records.schema.catalogue import EventKind
from sightline.records.schema.events import EventIn

router = Router(tags=["Events"])


class EventFilters(Schema):
    # A list is always about one person, so that the read is audited against that person's
    # record, as every read of a child's data must be.
    person: UUID = Field(description="The recorded person (your agency's record) it is about.")
    kind: EventKind | None = Field(default=None, description="Only events of this kind.")


@router.post(
    "/agencies/{agency_code}/events",
    response={200: EventOut, 201: EventOut, **PROBLEM_RESPONSES},
    operation_id="event_record",
    summary="Record a safeguarding event for your agency",
    description=(
        "`details` holds the kind's structured details (for an injury, the body-map `marks`). "
        "Subjects are your agency's recorded persons, by `recorded_person_id`. 201 with the new "
        "event; 200 with the stored event when the same source_reference and content were sent "
        "before; 409 when that source_reference is already used with different content."
    ),
)
def event_record(request: HttpRequest, agency_code: str, event: EventIn) -> Status[EventOut]:
    scope, agency_id = agency_scope(request, agency_code)
    result = services.event_record(
        actor=caller(request), scope=scope, agency_id=agency_id, raw=event
    )
    # The response echoes what the caller has just written; the write itself is audited.
    view = selectors.event_get(scope=scope, event_id=result.record_id)
    return Status(201 if result.outcome is Outcome.CREATED else 200, EventOut.of(view))


@router.get(
    "/agencies/{agency_code}/events",
    response={200: list[EventListItemOut], **PROBLEM_RESPONSES},
    operation_id="event_list_open",
    summary="List your agency's events about a person, newest first",
    description="Audited as a read of the person's record.",
)
@paginate(LimitOffsetPagination)
def event_list_open(
    request: HttpRequest, agency_code: str, filters: Query[EventFilters]
) -> list[EventListItemOut]:
    scope, _ = agency_scope(request, agency_code)
    events = services.event_list_open(
        actor=caller(request),
        scope=scope,
        recorded_person_id=filters.person,
        kind=filters.kind.value if filters.kind else None,
    )
    return [EventListItemOut.of(item) for item in events]


@router.get(
    "/events/{event_id}",
    response={200: EventOut, **PROBLEM_RESPONSES},
    operation_id="event_open",
    summary="Open an event with its full history of versions",
    description="Audited as a read for each child the event is about.",
)
def event_open(request: HttpRequest, event_id: UUID) -> EventOut:
    view = services.event_open(
        actor=caller(request), scope=caller_scope(request), event_id=event_id
    )
    return EventOut.of(view)


@router.post(
    "/events/{event_id}/amendments",
    response={200: EventOut, 201: EventOut, **PROBLEM_RESPONSES},
    operation_id="event_amend",
    summary="Amend an event: a new version with your reason; earlier versions stay",
    description="Send the whole new content and a reason. 200 when nothing changed.",
)
def event_amend(
    request: HttpRequest, event_id: UUID, amendment: EventAmendmentIn
) -> Status[EventOut]:
    scope = caller_scope(request)
    result = services.event_amend(
        actor=caller(request),
        scope=scope,
        event_id=event_id,
        raw=amendment.event(),
        reason=amendment.reason,
    )
    view = selectors.event_get(scope=scope, event_id=result.record_id)
    return Status(201 if result.outcome is Outcome.AMENDED else 200, EventOut.of(view))
