"""Opening an assessment to read it, decide on it or edit it (every look is audited), and a
child's list of assessments."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from sightline.access.selectors import child_access_get
from sightline.agencies.selectors import scope_for_user
from sightline.assessments.data import AssessmentSummary, AssessmentView, ConsideredEntry, Draft
from sightline.assessments.selectors import (
    assessment_as_seen,
    assessment_get,
    assessment_list_for_child,
    closure_obligations,
)
from sightline.assessments.services.drafting import chronology_entries
from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import audit_record
from sightline.chronology.data import Entry, PurposeRequired
from sightline.chronology.services import child_access_require
from sightline.core import clock
from sightline.core.exceptions import NotFound

if TYPE_CHECKING:
    from sightline.accounts.models import User


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
    """The assessment, for its author or a manager of its agency; the look is audited. The
    chronology entries it considered are shown as the viewer may see them today: another
    agency's entry in full only if the child's chronology would show it to them in full."""
    view = assessment_get(scope=scope_for_user(user_id=actor.pk), assessment_id=assessment_id)
    access = child_access_get(user_id=actor.pk, recorded_person_id=view.child_id)
    _audit_look(actor, view)
    return assessment_as_seen(view=view, access=access)


def _considered(entry: Entry, reviewed: frozenset[UUID]) -> ConsideredEntry:
    assert entry.version_id is not None
    return ConsideredEntry(
        event_id=entry.event_id,
        event_version_id=entry.version_id,
        kind=entry.kind,
        kind_label=entry.kind_label,
        agency_id=entry.agency_id,
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
    entries = chronology_entries(access, view.child_id)
    return Draft(
        assessment=assessment_as_seen(view=view, access=access, chronology=entries),
        entries=tuple(_considered(entry, reviewed) for entry in entries),
        obligations=tuple(obligations),
    )


def assessment_list_open(*, actor: User, recorded_person_id: UUID) -> list[AssessmentSummary]:
    """The child's assessments (about any of its linked records) that the actor may open, for
    someone who may open the child's chronology: PurposeRequired until they have said why,
    NotFound (audited, as the chronology's refusal) if they may not open it at all."""
    access = child_access_require(actor=actor, recorded_person_id=recorded_person_id)
    if not access.purpose_stated:
        raise PurposeRequired
    scope = scope_for_user(user_id=actor.pk)
    return assessment_list_for_child(scope=scope, record_ids=access.record_ids)
