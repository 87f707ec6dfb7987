"""A person as the viewer may know it, from one of their records: opened (audited), unlinked
from, or split.

Unlinking and splitting from here act only on what the viewer was shown. Asked of a record
joined only with records hidden from the viewer, they answer as for a record joined with
none; and a split may not take every record the viewer may know of, whether or not hidden
records would stay behind. So no answer tells the viewer that a hidden record exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record_many
from sightline.core.exceptions import FieldProblem, InvalidInput, NotFound
from sightline.core.scope import Scope
from sightline.identity.data import DecisionResult, JoinedPerson
from sightline.identity.selectors import person_joined_get
from sightline.identity.services.decisions import person_split, person_unlink

if TYPE_CHECKING:
    from sightline.accounts.models import User

NOT_JOINED = "This record is not joined with any other record you may see."
SOME_NOT_ALL = "Choose some, but not all, of this person's records to move to a new person"


@transaction.atomic
def person_joined_open(
    *, actor: User, scope: Scope, recorded_person_id: UUID
) -> JoinedPerson | None:
    """The person one of the actor's records is part of; every record whose details are shown
    is audited as read."""
    joined = person_joined_get(scope=scope, recorded_person_id=recorded_person_id)
    if joined is not None:
        audit_record_many(
            AuditDraft(
                action=AuditAction.PERSON_VIEWED,
                subject=SubjectRef("identity", "person", str(joined.person_id)),
                actor_id=actor.pk,
                agency_id=side.agency_id,
                recorded_person_id=side.id,
                payload={"person_id": joined.person_id},
            )
            for side in joined.records
            if side.visible
        )
    return joined


def _joined(scope: Scope, recorded_person_id: UUID) -> JoinedPerson:
    joined = person_joined_get(scope=scope, recorded_person_id=recorded_person_id)
    if joined is None:
        raise NotFound(NOT_JOINED)
    return joined


@transaction.atomic
def joined_record_unlink(
    *, actor: User, scope: Scope, recorded_person_id: UUID, reason: str
) -> DecisionResult:
    """Unlink one of the actor's records from the person it is part of (person_unlink)."""
    _joined(scope, recorded_person_id)
    return person_unlink(
        actor=actor, scope=scope, recorded_person_id=recorded_person_id, reason=reason
    )


@transaction.atomic
def joined_person_split(
    *, actor: User, scope: Scope, recorded_person_id: UUID, moving_ids: Iterable[UUID], reason: str
) -> UUID:
    """Split the person one of the actor's records is part of: the chosen records, from those
    the actor may know of, become a new person (person_split). Returns its id."""
    joined = _joined(scope, recorded_person_id)
    moving = set(moving_ids)
    shown = {side.id for side in joined.records}
    if not moving or not moving < shown:
        raise InvalidInput([FieldProblem("records", SOME_NOT_ALL)])
    return person_split(
        actor=actor, scope=scope, person_id=joined.person_id, moving_ids=moving, reason=reason
    )
