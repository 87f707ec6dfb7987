"""Recording a dated relationship (enrolment, registration, caseload, allocation, episode,
plan, or a stated relationship between two people)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from django.db import transaction

from sightline.accounts.selectors import user_ids_by_username
from sightline.agencies.selectors import agency_ids_by_code
from sightline.core.exceptions import FieldProblem, InvalidInput
from sightline.core.scope import Scope
from sightline.records.data import SaveResult
from sightline.records.models import RecordedPerson
from sightline.records.schema.relationships import SERVICE_KINDS, RelationshipIn
from sightline.records.services.items import RelationshipItem
from sightline.records.services.permissions import require_recording_role
from sightline.records.services.prepared import PreparedRelationship
from sightline.records.services.validation import relationship_parse
from sightline.records.services.writer import RecordWriter


def relationship_item(
    agency_id: UUID,
    data: RelationshipIn | PreparedRelationship,
    *,
    persons: dict[str, UUID],
    agencies: dict[str, UUID],
    workers: dict[str, int],
    row: int | None = None,
) -> RelationshipItem:
    """Resolve a relationship's references (agency's own person references, agency codes and
    usernames) to ids, naming each one that does not resolve."""
    problems = []
    person_id = persons.get(data.person)
    if person_id is None:
        problems.append(FieldProblem("person", f"no person {data.person!r} in this agency", row))
    counterpart_person_id = None
    if data.counterpart_person:
        counterpart_person_id = persons.get(data.counterpart_person)
        if counterpart_person_id is None:
            problems.append(
                FieldProblem(
                    "counterpart_person",
                    f"no person {data.counterpart_person!r} in this agency",
                    row,
                )
            )
    counterpart_agency_id = None
    if data.counterpart_agency:
        counterpart_agency_id = agencies.get(data.counterpart_agency)
        if counterpart_agency_id is None:
            problems.append(
                FieldProblem("counterpart_agency", f"no agency {data.counterpart_agency!r}", row)
            )
    elif data.kind in SERVICE_KINDS:
        counterpart_agency_id = agency_id  # the recording school, practice or team itself
    worker_id = None
    if data.worker:
        worker_id = workers.get(data.worker)
        if worker_id is None:
            problems.append(FieldProblem("worker", f"no practitioner {data.worker!r}", row))
    if problems:
        raise InvalidInput(problems)
    assert person_id is not None
    return RelationshipItem(
        agency_id=agency_id,
        data=data,
        person_id=person_id,
        counterpart_person_id=counterpart_person_id,
        counterpart_agency_id=counterpart_agency_id,
        worker_id=worker_id,
        row=row,
    )


@transaction.atomic
def relationship_record(
    *, actor: User, scope: Scope, agency_id: UUID, raw: dict[str, Any] | RelationshipIn
) -> SaveResult:
    """Record a relationship for one of the actor's agencies."""
    require_recording_role(scope, agency_id)
    data = raw if isinstance(raw, RelationshipIn) else relationship_parse(raw)
    if not data.source_reference:
        data = data.model_copy(update={"source_reference": f"sightline:{uuid4()}"})
    refs = [r for r in (data.person, data.counterpart_person) if r]
    persons = dict(
        RecordedPerson.objects.filter(agency_id=agency_id, source_reference__in=refs).values_list(
            "source_reference", "id"
        )
    )
    agencies = agency_ids_by_code()
    workers = user_ids_by_username([data.worker] if data.worker else [])
    item = relationship_item(agency_id, data, persons=persons, agencies=agencies, workers=workers)
    return RecordWriter(actor=actor, reason="").relationships([item])[0]


if TYPE_CHECKING:
    from sightline.accounts.models import User
