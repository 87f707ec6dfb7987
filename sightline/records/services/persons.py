"""Creating and amending one agency's record of a person (forms and the API)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from django.db import transaction

from sightline.core.exceptions import FieldProblem, InvalidInput, NotFound
from sightline.core.messages import publish
from sightline.core.scope import Scope
from sightline.records.data import Outcome, SaveResult
from sightline.records.messages import RecordedPersonSaved
from sightline.records.models import RecordedPerson
from sightline.records.schema.persons import PersonIn
from sightline.records.services.items import PersonItem
from sightline.records.services.permissions import require_recording_role
from sightline.records.services.validation import person_parse
from sightline.records.services.writer import RecordWriter


def _save(actor: User, agency_id: UUID, data: PersonIn, reason: str) -> SaveResult:
    result = RecordWriter(actor=actor, reason=reason).persons([PersonItem(agency_id, data)])[0]
    if result.outcome is not Outcome.UNCHANGED:
        publish(RecordedPersonSaved(person_id=result.record_id, version_id=result.version_id))
    return result


@transaction.atomic
def recorded_person_create(
    *, actor: User, scope: Scope, agency_id: UUID, raw: dict[str, Any] | PersonIn
) -> SaveResult:
    """Record a person as the actor's agency knows them."""
    require_recording_role(scope, agency_id)
    data = raw if isinstance(raw, PersonIn) else person_parse(raw)
    if not data.source_reference:
        data = data.model_copy(update={"source_reference": f"sightline:{uuid4()}"})
    return _save(actor, agency_id, data, reason="")


@transaction.atomic
def recorded_person_amend(
    *, actor: User, scope: Scope, person_id: UUID, raw: dict[str, Any] | PersonIn, reason: str
) -> SaveResult:
    """A new version of a person record, with the reason; earlier versions are kept."""
    if not reason.strip():
        raise InvalidInput([FieldProblem(field="reason", message="Say why you are amending it")])
    person = RecordedPerson.objects.filter(id=person_id, agency_id__in=scope.agency_ids).first()
    if person is None:
        raise NotFound("There is no such person record.")
    require_recording_role(scope, person.agency_id)
    data = raw if isinstance(raw, PersonIn) else person_parse(raw)
    data = data.model_copy(update={"source_reference": person.source_reference})
    return _save(actor, person.agency_id, data, reason=reason.strip())


if TYPE_CHECKING:
    from sightline.accounts.models import User
