"""An assessment taking effect: the assessment event recorded for the child, through the records
app's own service, so that it joins the chronology and the risk rules see it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from sightline.agencies.selectors import scope_for_user
from sightline.assessments.data import CLOSURE_REASONS, Outcome
from sightline.assessments.models import Assessment, AssessmentVersion, Decision, Effect
from sightline.audit.data import AuditAction
from sightline.audit.services import audit_record
from sightline.core import clock
from sightline.records.services import event_record

if TYPE_CHECKING:
    from datetime import datetime

    from sightline.accounts.models import User


def _coded(version: AssessmentVersion, name: str) -> str:
    answer, code = getattr(version, name), getattr(version, f"{name}_code")
    return f"{answer}:{code}" if code else answer


def assessment_event_raw(
    assessment: Assessment, version: AssessmentVersion, decision: Decision, when: datetime
) -> dict[str, Any]:
    """The completed assessment as the records schema takes it. The source reference names the
    assessment, so recording it again changes nothing."""
    details: dict[str, Any] = {
        "assessment_type": assessment.assessment_type,
        "stage": "completed",
        "start_date": assessment.started_on.isoformat(),
        "authorisation_date": timezone.localdate(decision.decided_at).isoformat(),
        "outcome": version.outcome,
    }
    if reason := CLOSURE_REASONS.get(Outcome(version.outcome)):
        details["reason_for_closure"] = reason
    author = assessment.author
    return {
        "kind": "assessment",
        "source_reference": f"sightline-assessment:{assessment.id}",
        "occurred_at": when,
        "recorded_by": author.display_name or author.username,
        "summary": version.summary[:2_000],
        "subjects": [{"recorded_person_id": str(assessment.child_id), "role": "child_subject"}],
        "child_seen": _coded(version, "child_seen"),
        "child_seen_alone": _coded(version, "child_seen_alone"),
        "child_voice": _coded(version, "child_voice"),
        "child_words": version.child_words,
        # The assessment does not ask about interpreting; the event says none was recorded.
        "interpreter": "not_applicable",
        "cin_factors": list(version.cin_factors),
        "details": details,
    }


def take_effect(
    *, actor: User, assessment: Assessment, version: AssessmentVersion, decision: Decision
) -> Effect:
    """Record the assessment event (in the caller's transaction) and that it took effect."""
    now = clock.now()
    result = event_record(
        actor=actor,
        scope=scope_for_user(user_id=actor.pk),
        agency_id=assessment.agency_id,
        raw=assessment_event_raw(assessment, version, decision, now),
    )
    effect = Effect(
        assessment=assessment,
        decision=decision,
        event_id=result.record_id,
        event_version_id=result.version_id,
        took_effect_at=now,
    )
    effect.save()
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_TOOK_EFFECT,
        subject=assessment,
        agency_id=assessment.agency_id,
        recorded_person_id=assessment.child_id,
        payload={
            "assessment_id": assessment.id,
            "event_id": result.record_id,
            "outcome": version.outcome,
        },
    )
    return effect
