"""Starting an assessment from a child's chronology, and opening one to read or edit it."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from sightline.access.policy import ChildAccess
from sightline.agencies.selectors import scope_for_user
from sightline.assessments.data import (
    EDITABLE,
    STARTING_AGENCY_KINDS,
    STARTING_ROLES,
    AssessmentContent,
    AssessmentType,
    AssessmentView,
    ConsideredEntry,
    Draft,
)
from sightline.assessments.models import Assessment
from sightline.assessments.policy import status_of
from sightline.assessments.selectors import assessment_get, closure_obligations, latest_map
from sightline.assessments.services.drafting import chronology_entries, write_version
from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import audit_record
from sightline.chronology.data import Entry, PurposeRequired
from sightline.chronology.services import child_access_require
from sightline.core import clock
from sightline.core.exceptions import Conflict, FieldProblem, InvalidInput, NotFound
from sightline.core.locks import take_turn
from sightline.identity.selectors import record_access_map

if TYPE_CHECKING:
    from sightline.accounts.models import User


def starting_agencies(actor_id: int, access: ChildAccess) -> list[UUID]:
    """The agencies for which the actor may assess this child: the one that allocated them to
    the child, and any children's social care agency where they do case work."""
    return sorted(
        {
            post.agency_id
            for post in access.viewer.posts
            if post.role in STARTING_ROLES
            and (
                post.agency_kind in STARTING_AGENCY_KINDS
                or (actor_id, post.agency_id) in access.ties.allocations
            )
        },
        key=str,
    )


def _assessing_record(actor: User, access: ChildAccess, asked: UUID) -> tuple[UUID, UUID]:
    """(assessing agency, that agency's record of the child). NotFound for someone who may not
    start an assessment; Conflict when their agency holds no record of the child yet."""
    agencies = starting_agencies(actor.pk, access)
    if not agencies:
        raise NotFound("There is no such person record.")
    held = record_access_map(ids=access.record_ids)
    for agency_id in agencies:
        records = sorted((r for r, a in held.items() if a.agency_id == agency_id), key=str)
        if records:
            return agency_id, asked if asked in records else records[0]
    raise Conflict(
        "Your agency holds no record of this child. Record the child in your agency first, then"
        " start the assessment from that record."
    )


def assessment_start_check(*, actor: User, recorded_person_id: UUID) -> UUID:
    """The agency that would assess the child if the actor started an assessment: NotFound if
    they may not, PurposeRequired until they have said why they open the child's record, and
    Conflict if their agency holds no record of the child."""
    access = child_access_require(actor=actor, recorded_person_id=recorded_person_id)
    if not access.purpose_stated:
        raise PurposeRequired
    return _assessing_record(actor, access, recorded_person_id)[0]


def assessment_start(*, actor: User, recorded_person_id: UUID, assessment_type: str) -> Assessment:
    """Start an assessment of the child by the actor's agency, listing every entry of the
    child's joined chronology the actor may see, none yet reviewed. Asked twice (a double
    submission), it returns the unfinished assessment of that type already started."""
    if assessment_type not in set(AssessmentType):
        raise InvalidInput([FieldProblem("assessment_type", "Select the kind of assessment")])
    access = child_access_require(actor=actor, recorded_person_id=recorded_person_id)
    if not access.purpose_stated:
        raise PurposeRequired
    agency_id, child_id = _assessing_record(actor, access, recorded_person_id)
    return _start(actor, access, agency_id, child_id, assessment_type)


def _unfinished(agency_id: UUID, child_id: UUID, assessment_type: str) -> Assessment | None:
    rows = list(
        Assessment.objects.filter(
            agency_id=agency_id, child_id=child_id, assessment_type=assessment_type
        ).order_by("-created_at")
    )
    states = latest_map(assessment_ids=[row.id for row in rows])
    return next((row for row in rows if status_of(states.get(row.id)) in EDITABLE), None)


@transaction.atomic
def _start(
    actor: User, access: ChildAccess, agency_id: UUID, child_id: UUID, assessment_type: str
) -> Assessment:
    # One start at a time for a child (the key is any number that names the child).
    take_turn(child_id.int >> 65)
    existing = _unfinished(agency_id, child_id, assessment_type)
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


# ------------------------------------------------------------------------ opening


def _audit_look(actor: User, view: AssessmentView) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_VIEWED,
        subject=SubjectRef("assessments", "assessment", str(view.id)),
        agency_id=view.agency_id,
        recorded_person_id=view.child_id,
        payload={"assessment_id": view.id},
    )


@transaction.atomic
def assessment_open(*, actor: User, assessment_id: UUID) -> AssessmentView:
    """The assessment, for its author or a manager of its agency; the look is audited."""
    view = assessment_get(scope=scope_for_user(user_id=actor.pk), assessment_id=assessment_id)
    _audit_look(actor, view)
    return view


def _considered(entry: Entry, reviewed: frozenset[UUID]) -> ConsideredEntry:
    assert entry.version_id is not None
    return ConsideredEntry(
        event_id=entry.event_id,
        event_version_id=entry.version_id,
        kind=entry.kind,
        kind_label=entry.kind_label,
        agency_name=entry.agency_name,
        occurred_at=entry.occurred_at,
        occurred_precision=entry.occurred_precision,
        summary="" if entry.redacted else entry.summary,
        redacted=entry.redacted,
        reviewed=entry.version_id in reviewed,
    )


def assessment_draft_open(*, actor: User, assessment_id: UUID) -> Draft:
    """The author's draft with the child's chronology as it is now, and, were it to close with
    no further action, what it would have to answer. Audited as a look at the assessment."""
    view = assessment_get(scope=scope_for_user(user_id=actor.pk), assessment_id=assessment_id)
    if actor.pk != view.author_id:
        raise NotFound("There is no such assessment.")
    access = child_access_require(actor=actor, recorded_person_id=view.child_id)
    with transaction.atomic():
        _audit_look(actor, view)
    reviewed = view.latest.content.reviewed_version_ids
    obligations = closure_obligations(
        access=access,
        child_id=view.child_id,
        agency_id=view.agency_id,
        closing_on=timezone.localdate(clock.now()),
    )
    return Draft(
        assessment=view,
        entries=tuple(_considered(e, reviewed) for e in chronology_entries(access, view.child_id)),
        obligations=tuple(obligations),
    )
