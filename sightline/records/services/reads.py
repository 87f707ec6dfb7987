"""Opening a person's or an event's data: each read writes its audit entry, then selects."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record_many
from sightline.core.scope import Scope
from sightline.records.data import EventListItem, EventView, PersonDetail, PersonSummary
from sightline.records.selectors import (
    event_get,
    event_list,
    recorded_person_get,
    recorded_person_list,
)

if TYPE_CHECKING:
    from sightline.accounts.models import User


@transaction.atomic
def recorded_person_find(*, actor: User, scope: Scope, query: str) -> list[PersonSummary]:
    """Search the actor's agencies' records; every person shown is audited as read."""
    results = recorded_person_list(scope=scope, query=query)
    digest = hashlib.sha256(query.strip().lower().encode()).hexdigest()
    audit_record_many(
        AuditDraft(
            action=AuditAction.RECORDED_PERSON_SEARCHED,
            subject=SubjectRef("records", "recordedperson", str(p.id)),
            actor_id=actor.pk,
            agency_id=p.agency_id,
            recorded_person_id=p.id,
            payload={"query_digest": digest},
        )
        for p in results
    )
    return results


@transaction.atomic
def recorded_person_open(*, actor: User, scope: Scope, person_id: UUID) -> PersonDetail:
    detail = recorded_person_get(scope=scope, person_id=person_id)
    audit_record_many(
        [
            AuditDraft(
                action=AuditAction.RECORDED_PERSON_VIEWED,
                subject=SubjectRef("records", "recordedpersonversion", str(detail.version_id)),
                actor_id=actor.pk,
                agency_id=detail.summary.agency_id,
                recorded_person_id=person_id,
                payload={"version_id": detail.version_id},
            )
        ]
    )
    return detail


@transaction.atomic
def event_open(*, actor: User, scope: Scope, event_id: UUID) -> EventView:
    """An event and its history; audited once for each child it is about."""
    event = event_get(scope=scope, event_id=event_id)
    current = event.current
    children = [s.recorded_person_id for s in current.subjects if s.role == "child_subject"] or [
        s.recorded_person_id for s in current.subjects[:1]
    ]
    audit_record_many(
        AuditDraft(
            action=AuditAction.EVENT_VIEWED,
            subject=SubjectRef("records", "eventversion", str(current.id)),
            actor_id=actor.pk,
            agency_id=event.agency_id,
            recorded_person_id=child,
            payload={"version_id": current.id},
        )
        for child in children
    )
    return event


@transaction.atomic
def event_list_open(
    *, actor: User, scope: Scope, recorded_person_id: UUID, kind: str | None = None
) -> list[EventListItem]:
    """The events about one recorded person, audited as a read of that person's record."""
    detail = recorded_person_get(scope=scope, person_id=recorded_person_id)
    events = event_list(scope=scope, recorded_person_id=recorded_person_id, kind=kind)
    audit_record_many(
        [
            AuditDraft(
                action=AuditAction.EVENT_LISTED,
                subject=SubjectRef("records", "recordedperson", str(recorded_person_id)),
                actor_id=actor.pk,
                agency_id=detail.summary.agency_id,
                recorded_person_id=recorded_person_id,
                payload={"event_ids": [str(e.id) for e in events]},
            )
        ]
    )
    return events
