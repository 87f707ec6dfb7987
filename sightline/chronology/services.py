"""Opening a child's joined chronology: the access decision, the purpose, the audit entry.

A refusal answers exactly as a missing record does (NotFound), and is audited all the same:
the refusal's entry commits on its own, before the answer, so that an information governance
lead sees every attempt as well as every look.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, NoReturn
from uuid import UUID

from django.db import transaction

from sightline.access import policy
from sightline.access.policy import ChildAccess
from sightline.access.selectors import child_access_get, sharing_decision_list
from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.selectors import access_log_list
from sightline.audit.services import audit_record
from sightline.chronology.data import Chronology, Filters, PurposeRequired
from sightline.chronology.selectors import chronology_get
from sightline.core.exceptions import NotFound

if TYPE_CHECKING:
    from sightline.accounts.models import User

# What "who has looked at this record" lists.
LOOKS = (
    AuditAction.CHRONOLOGY_VIEWED,
    AuditAction.CHRONOLOGY_EXPORTED,
    AuditAction.CHRONOLOGY_REFUSED,
    AuditAction.BREAK_GLASS_OPENED,
    AuditAction.RECORDED_PERSON_VIEWED,
    AuditAction.PERSON_VIEWED,
    AuditAction.EVENT_VIEWED,
)


def _subject(recorded_person_id: UUID) -> SubjectRef:
    return SubjectRef("records", "recordedperson", str(recorded_person_id))


def child_access_require(*, actor: User, recorded_person_id: UUID) -> ChildAccess:
    """The viewer's access to the child; NotFound (audited) unless they may open it."""
    access = child_access_get(user_id=actor.pk, recorded_person_id=recorded_person_id)
    if not access.may_open:
        _refuse(actor, recorded_person_id)
    return access


def _refuse(actor: User, recorded_person_id: UUID) -> NoReturn:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.CHRONOLOGY_REFUSED,
            subject=_subject(recorded_person_id),
            recorded_person_id=recorded_person_id,
        )
    raise NotFound("There is no such person record.")


@transaction.atomic
def _opened(
    actor: User,
    access: ChildAccess,
    recorded_person_id: UUID,
    filters: Filters,
    *,
    export: str | None = None,
) -> Chronology:
    chronology = replace(
        chronology_get(access=access, recorded_person_id=recorded_person_id, filters=filters),
        looks=access_log_list(recorded_person_ids=access.record_ids, actions=LOOKS),
        sharing=sharing_decision_list(record_ids=access.record_ids),
    )
    payload = {
        "bases": list(chronology.bases),
        "as_of": filters.as_of.isoformat() if filters.as_of else None,
        "entries": len(chronology.entries),
    }
    audit_record(
        actor=actor,
        action=AuditAction.CHRONOLOGY_EXPORTED if export else AuditAction.CHRONOLOGY_VIEWED,
        subject=_subject(recorded_person_id),
        recorded_person_id=recorded_person_id,
        payload={**payload, "format": export} if export else payload,
    )
    return chronology


def chronology_open(
    *, actor: User, recorded_person_id: UUID, filters: Filters | None = None
) -> Chronology:
    """The child's joined chronology as the actor may see it, audited; NotFound without a
    legitimate relationship (or break-glass), PurposeRequired until they have said why."""
    access = child_access_require(actor=actor, recorded_person_id=recorded_person_id)
    if not access.purpose_stated:
        raise PurposeRequired
    return _opened(actor, access, recorded_person_id, filters or Filters())


def chronology_export(
    *, actor: User, recorded_person_id: UUID, filters: Filters | None = None, file_format: str
) -> Chronology:
    """The chronology for a file that leaves Sightline: as chronology_open, but never on the
    strength of break-glass alone, and audited as an export."""
    access = child_access_require(actor=actor, recorded_person_id=recorded_person_id)
    if not policy.may_export(access.bases):
        _refuse(actor, recorded_person_id)
    if not access.purpose_stated:
        raise PurposeRequired
    return _opened(actor, access, recorded_person_id, filters or Filters(), export=file_format)
