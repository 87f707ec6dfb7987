"""Opening the review queue and a pair: each read writes its audit entries, then selects."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record_many
from sightline.core.scope import Scope
from sightline.identity.data import PairView, QueueItem, RecordSide
from sightline.identity.selectors import review_pair_get, review_queue_list

if TYPE_CHECKING:
    from sightline.accounts.models import User


def _drafts(
    actor: User, action: AuditAction, evidence_id: UUID, sides: tuple[RecordSide, RecordSide]
) -> list[AuditDraft]:
    """One entry for each record the viewer was shown the details of."""
    return [
        AuditDraft(
            action=action,
            subject=SubjectRef("identity", "pairevidence", str(evidence_id)),
            actor_id=actor.pk,
            agency_id=side.agency_id,
            recorded_person_id=side.id,
            payload={"evidence_id": evidence_id},
        )
        for side in sides
        if side.visible
    ]


@transaction.atomic
def review_queue_open(*, actor: User, scope: Scope, limit: int = 50) -> list[QueueItem]:
    """The pairs waiting for the actor's agencies; every record named is audited as read."""
    items = review_queue_list(scope=scope, limit=limit)
    audit_record_many(
        draft
        for item in items
        for draft in _drafts(
            actor, AuditAction.LINK_QUEUE_VIEWED, item.evidence_id, (item.left, item.right)
        )
    )
    return items


@transaction.atomic
def review_pair_open(*, actor: User, scope: Scope, evidence_id: UUID) -> PairView:
    pair = review_pair_get(scope=scope, evidence_id=evidence_id)
    audit_record_many(
        _drafts(actor, AuditAction.LINK_PAIR_VIEWED, evidence_id, (pair.left, pair.right))
    )
    return pair
