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


def _lookup(
    problems: list[FieldProblem],
    field: str,
    reference: str | None,
    ids: dict[str, Any],
    missing: str,
    row: int | None,
) -> Any:
    """The id a reference names, or None (with a problem recorded) when it names nothing."""
    if not reference:
        return None
    found = ids.get(reference)
    if found is None:
        problems.append(FieldProblem(field, missing.format(reference=reference), row))
    return found


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
    problems: list[FieldProblem] = []
    in_agency = "no person {reference!r} in this agency"
    person_id = _lookup(problems, "person", data.person, persons, in_agency, row)
    counterpart_person_id = _lookup(
        problems, "counterpart_person", data.counterpart_person, persons, in_agency, row
    )
    counterpart_agency_id = _lookup(
        problems,
        "counterpart_agency",
        data.counterpart_agency,
        agencies,
        "no agency {reference!r}",
        row,
    )
    if not data.counterpart_agency and data.kind in SERVICE_KINDS:
        counterpart_agency_id = agency_id  # the recording school, practice or team itself
    worker_id = _lookup(
        problems, "worker", data.worker, workers, "no practitioner {reference!r}", row
    )
    if problems:
        raise InvalidInput(problems)
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
