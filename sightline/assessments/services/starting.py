"""Starting an assessment from a child's chronology.

Who may start which kind is one rule (policy.startable): the start page, the link to it and
the start itself all ask it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from sightline.access.policy import ChildAccess
from sightline.agencies.selectors import scope_for_user
from sightline.assessments.data import (
    ASSESSMENT_TYPE_LABELS,
    EDITABLE,
    AssessmentContent,
    AssessmentType,
    StartOffer,
)
from sightline.assessments.models import Assessment
from sightline.assessments.policy import startable, status_of
from sightline.assessments.selectors import assessment_unfinished_list, latest_map
from sightline.assessments.services.drafting import chronology_entries, write_version
from sightline.assessments.services.guards import take_turns_on
from sightline.audit.data import AuditAction
from sightline.audit.services import audit_record
from sightline.chronology.data import PurposeRequired
from sightline.chronology.services import child_access_require
from sightline.core import clock
from sightline.core.exceptions import Conflict, FieldProblem, InvalidInput, NotFound
from sightline.identity.selectors import record_access_map

if TYPE_CHECKING:
    from sightline.accounts.models import User

# Why a practitioner who may start some kind of assessment may not start this one.
_ONLY = {
    AssessmentType.SINGLE_ASSESSMENT: "Only children's social care, or the worker allocated to"
    " the child, may start a single assessment",
    AssessmentType.SECTION_47: "Only children's social care may start a section 47 enquiry",
    AssessmentType.EARLY_HELP: "Only a case worker may start an early help assessment",
}
_NO_RECORD = (
    "Your agency holds no record of this child. Record the child in your agency first, then"
    " start the assessment from that record."
)


def _assessing_records(
    actor: User, access: ChildAccess, asked: UUID
) -> dict[AssessmentType, tuple[UUID, UUID] | None]:
    """For each kind the actor may start: (assessing agency, that agency's record of the
    child), or None when no agency of theirs that may assess holds a record of the child yet.
    NotFound for someone who may start no kind at all, as for a missing child."""
    allocated_by = {agency for worker, agency in access.ties.allocations if worker == actor.pk}
    kinds = startable(access.viewer.posts, access.bases, allocated_by)
    if not kinds:
        raise NotFound("There is no such person record.")
    held = record_access_map(ids=access.record_ids)
    found: dict[AssessmentType, tuple[UUID, UUID] | None] = {}
    for kind, agencies in kinds.items():
        found[kind] = None
        for agency_id in agencies:
            records = sorted((r for r, a in held.items() if a.agency_id == agency_id), key=str)
            if records:
                found[kind] = (agency_id, asked if asked in records else records[0])
                break
    return found


def _access(actor: User, recorded_person_id: UUID) -> ChildAccess:
    access = child_access_require(actor=actor, recorded_person_id=recorded_person_id)
    if not access.purpose_stated:
        raise PurposeRequired
    return access


def assessment_start_check(*, actor: User, recorded_person_id: UUID) -> StartOffer:
    """What the actor may start about the child, and what others of those agencies are
    already writing about it: NotFound if they may start nothing, PurposeRequired until they
    have said why they open the child's record, and Conflict if no agency of theirs that may
    assess holds a record of the child."""
    access = _access(actor, recorded_person_id)
    found = _assessing_records(actor, access, recorded_person_id)
    held = {kind: where for kind, where in found.items() if where is not None}
    if not held:
        raise Conflict(_NO_RECORD)
    others = assessment_unfinished_list(
        scope=scope_for_user(user_id=actor.pk),
        child_ids={record for _, record in held.values()},
        not_by=actor.pk,
    )
    return StartOffer(
        kinds=tuple(kind.value for kind in ASSESSMENT_TYPE_LABELS if kind in held),
        unfinished_by_others=tuple(others),
    )


def assessment_start(*, actor: User, recorded_person_id: UUID, assessment_type: str) -> Assessment:
    """Start an assessment of the child by the actor's agency, listing every entry of the
    child's joined chronology the actor may see, none yet reviewed. Asked twice (a double
    submission), it returns the actor's own unfinished assessment of that type. Someone
    else's unfinished assessment of the same type does not stop it (the start page names
    them, so that the two can speak first)."""
    if assessment_type not in set(AssessmentType):
        raise InvalidInput([FieldProblem("assessment_type", "Select the kind of assessment")])
    access = _access(actor, recorded_person_id)
    found = _assessing_records(actor, access, recorded_person_id)
    kind = AssessmentType(assessment_type)
    if kind not in found:
        raise InvalidInput([FieldProblem("assessment_type", _ONLY[kind])])
    where = found[kind]
    if where is None:
        raise Conflict(_NO_RECORD)
    agency_id, child_id = where
    return _start(actor, access, agency_id, child_id, kind)


def _unfinished(
    author_id: int, agency_id: UUID, child_id: UUID, assessment_type: str
) -> Assessment | None:
    rows = list(
        Assessment.objects.filter(
            author_id=author_id,
            agency_id=agency_id,
            child_id=child_id,
            assessment_type=assessment_type,
        ).order_by("-created_at")
    )
    states = latest_map(assessment_ids=[row.id for row in rows])
    return next((row for row in rows if status_of(states.get(row.id)) in EDITABLE), None)


@transaction.atomic
def _start(
    actor: User, access: ChildAccess, agency_id: UUID, child_id: UUID, assessment_type: str
) -> Assessment:
    # One start at a time for a child.
    take_turns_on([child_id])
    existing = _unfinished(actor.pk, agency_id, child_id, assessment_type)
    if existing is not None:
        return existing
    assessment = Assessment(
        agency_id=agency_id,
        child_id=child_id,
        assessment_type=assessment_type,
        author=actor,
        started_on=timezone.localdate(clock.now()),
    )
    assessment.save()
    write_version(assessment, AssessmentContent(), chronology_entries(access, child_id), [])
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_STARTED,
        subject=assessment,
        agency_id=agency_id,
        recorded_person_id=child_id,
        payload={"assessment_id": assessment.id, "kind": assessment_type},
    )
    return assessment
