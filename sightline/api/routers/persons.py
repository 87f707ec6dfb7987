"""Recorded persons: each agency's own record of a child or adult."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from sightline.api.auth import caller
from sightline.api.schemas.persons import PersonOut, PersonSummaryOut
from sightline.api.schemas.problems import PROBLEM_RESPONSES
from sightline.api.scopes import agency_scope, caller_scope
from sightline.records import selectors, services
from sightline.records.data import Outcome
from sightline.records.schema.persons import PersonIn

router = Router(tags=["Recorded persons"])


class PersonSearch(Schema):
    q: str = Field(
        min_length=1,
        max_length=200,
        description="A name (each word must match), an NHS number or UPN, or your reference.",
    )


@router.post(
    "/agencies/{agency_code}/persons",
    response={200: PersonOut, 201: PersonOut, **PROBLEM_RESPONSES},
    operation_id="recorded_person_create",
    summary="Record a person as your agency knows them",
    description=(
        "201 with the new record; 200 with the stored record when the same source_reference "
        "was sent before with the same content; 409 when it was sent with different content."
    ),
)
def recorded_person_create(
    request: HttpRequest, agency_code: str, person: PersonIn
) -> Status[PersonOut]:
    scope, agency_id = agency_scope(request, agency_code)
    result = services.recorded_person_create(
        actor=caller(request), scope=scope, agency_id=agency_id, raw=person
    )
    # The response echoes what the caller has just written; the write itself is audited.
    detail = selectors.recorded_person_get(scope=scope, person_id=result.record_id)
    status = 201 if result.outcome is Outcome.CREATED else 200
    return Status(status, PersonOut.of_detail(detail))


@router.get(
    "/agencies/{agency_code}/persons",
    response={200: list[PersonSummaryOut], **PROBLEM_RESPONSES},
    operation_id="recorded_person_find",
    summary="Search your agency's records of people",
    description="At most 50 matches. Every person returned is audited as seen by you.",
)
@paginate(LimitOffsetPagination)
def recorded_person_find(
    request: HttpRequest, agency_code: str, search: Query[PersonSearch]
) -> list[PersonSummaryOut]:
    scope, _ = agency_scope(request, agency_code)
    found = services.recorded_person_find(actor=caller(request), scope=scope, query=search.q)
    return [PersonSummaryOut.of(summary) for summary in found]


@router.get(
    "/persons/{person_id}",
    response={200: PersonOut, **PROBLEM_RESPONSES},
    operation_id="recorded_person_open",
    summary="Open one of your agencies' records of a person",
    description="Audited as a read of the person's record. Another agency's record is 404.",
)
def recorded_person_open(request: HttpRequest, person_id: UUID) -> PersonOut:
    detail = services.recorded_person_open(
        actor=caller(request), scope=caller_scope(request), person_id=person_id
    )
    return PersonOut.of_detail(detail)
