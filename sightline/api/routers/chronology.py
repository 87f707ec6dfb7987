"""A child's joined chronology: the same reads as the web page, scoped the same way."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Status

from sightline.access.services import purpose_state
from sightline.api.auth import caller
from sightline.api.schemas.chronology import ChronologyOut, ChronologyQuery, PurposeIn
from sightline.api.schemas.problems import PROBLEM_RESPONSES
from sightline.chronology.data import Filters
from sightline.chronology.services import child_access_require, chronology_open

router = Router(tags=["Chronology"])


@router.post(
    "/persons/{person_id}/chronology/purpose",
    response={204: None, **PROBLEM_RESPONSES},
    operation_id="chronology_purpose_state",
    summary="Say why you are opening a child's joined chronology",
    description="Needed once, before the first read. 404 without a legitimate relationship.",
)
def chronology_purpose_state(
    request: HttpRequest, person_id: UUID, statement: PurposeIn
) -> Status[None]:
    actor = caller(request)
    child_access_require(actor=actor, recorded_person_id=person_id)
    purpose_state(
        actor=actor,
        recorded_person_id=person_id,
        purpose=statement.purpose,
        detail=statement.detail,
    )
    return Status(204, None)


@router.get(
    "/persons/{person_id}/chronology",
    response={200: ChronologyOut, **PROBLEM_RESPONSES},
    operation_id="chronology_open",
    summary="Read a child's joined chronology",
    description=(
        "Every agency's entries about the child and about the adults of its household, as far"
        " as your relationship with the child allows; audited. 404 without a legitimate"
        " relationship (exactly as for a missing record), 409 until you have stated a purpose."
        " Entries come a page at a time (limit, offset); count says how many there are."
    ),
)
def chronology_read(
    request: HttpRequest, person_id: UUID, query: Query[ChronologyQuery]
) -> ChronologyOut:
    filters = Filters(
        agency_ids=frozenset({query.agency}) if query.agency else frozenset(),
        kinds=frozenset({query.kind}) if query.kind else frozenset(),
        since=query.since,
        until=query.until,
        as_of=query.as_of,
        household=query.household,
    )
    chronology = chronology_open(
        actor=caller(request), recorded_person_id=person_id, filters=filters
    )
    return ChronologyOut.of(chronology, limit=query.limit, offset=query.offset)
