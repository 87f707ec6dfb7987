"""Recording and amending events one at a time (forms and the API)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from django.db import transaction

from sightline.core.exceptions import FieldProblem, InvalidInput, NotFound
from sightline.core.messages import publish
from sightline.core.scope import Scope
from sightline.records.data import Outcome, SaveResult
from sightline.records.messages import EventRecorded
from sightline.records.models import Event, RecordedPerson
from sightline.records.schema.events import EventIn
from sightline.records.services.items import EventItem
from sightline.records.services.permissions import require_recording_role
from sightline.records.services.validation import event_parse
from sightline.records.services.writer import RecordWriter


def _subject_ids(scope: Scope, agency_id: UUID, data: EventIn) -> tuple[tuple[UUID, str], ...]:
    """Subjects must be the recording agency's own records of the people involved."""
    wanted_ids = {s.recorded_person_id for s in data.subjects if s.recorded_person_id}
    wanted_refs = {s.person for s in data.subjects if s.person}
    found = RecordedPerson.objects.filter(agency_id=agency_id)
    by_id = set(found.filter(id__in=wanted_ids).values_list("id", flat=True))
    by_ref = dict(
        found.filter(source_reference__in=wanted_refs).values_list("source_reference", "id")
    )
    resolved, problems = [], []
    for index, subject in enumerate(data.subjects):
        person_id = subject.recorded_person_id if subject.recorded_person_id in by_id else None
        person_id = person_id or (by_ref.get(subject.person) if subject.person else None)
        if person_id is None:
            problems.append(
                FieldProblem(
                    field=f"subjects.{index}",
                    message="no such person in your agency's records",
                )
            )
        else:
            resolved.append((person_id, subject.role.value))
    if problems:
        raise InvalidInput(problems)
    return tuple(dict.fromkeys(resolved))


def _recording_agency(scope: Scope, agency_id: UUID) -> UUID:
    require_recording_role(scope, agency_id)
    return agency_id


@transaction.atomic
def event_record(
    *, actor: User, scope: Scope, agency_id: UUID, raw: dict[str, Any] | EventIn
) -> SaveResult:
    """Record a new event for one of the actor's agencies (a repeated submission acts once)."""
    agency_id = _recording_agency(scope, agency_id)
    data = raw if isinstance(raw, EventIn) else event_parse(raw)
    if not data.source_reference:
        data = data.model_copy(update={"source_reference": f"sightline:{uuid4()}"})
    item = EventItem(
        agency_id=agency_id, data=data, subject_ids=_subject_ids(scope, agency_id, data)
    )
    result = RecordWriter(actor=actor, reason="").events([item])[0]
    if result.outcome is not Outcome.UNCHANGED:
        publish(EventRecorded(event_id=result.record_id, version_id=result.version_id))
    return result


@transaction.atomic
def event_amend(
    *, actor: User, scope: Scope, event_id: UUID, raw: dict[str, Any] | EventIn, reason: str
) -> SaveResult:
    """Write a new version of an event, with its reason; the earlier versions stay as they were."""
    if not reason.strip():
        raise InvalidInput([FieldProblem(field="reason", message="Say why you are amending it")])
    event = Event.objects.filter(id=event_id, agency_id__in=scope.agency_ids).first()
    if event is None:
        raise NotFound("There is no such event.")
    require_recording_role(scope, event.agency_id)
    data = raw if isinstance(raw, EventIn) else event_parse(raw)
    if data.kind.value != event.kind:
        raise InvalidInput([FieldProblem(field="kind", message="an event's kind cannot change")])
    # The amendment keeps the event's identity: same agency, same source reference.
    data = data.model_copy(update={"source_reference": event.source_reference})
    item = EventItem(
        agency_id=event.agency_id, data=data, subject_ids=_subject_ids(scope, event.agency_id, data)
    )
    result = RecordWriter(actor=actor, reason=reason.strip()).events([item])[0]
    if result.outcome is not Outcome.UNCHANGED:
        publish(EventRecorded(event_id=result.record_id, version_id=result.version_id))
    return result


if TYPE_CHECKING:
    from sightline.accounts.models import User
