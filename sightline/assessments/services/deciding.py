"""A manager's decision on a submitted assessment (sign it off, or return it with comments), and a
senior manager's review of a repeated closure with no further action.

Nobody decides about their own assessment: the services refuse it, and the database refuses it
too (migrations 0002 and 0003), whoever writes the row. A double-submitted decision acts once;
a decision overtaken since it was made is not mistaken for one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from sightline.access.selectors import child_access_get
from sightline.agencies.selectors import scope_for_user
from sightline.assessments.data import (
    REVIEWING_ROLES,
    SIGNING_ROLES,
    DecisionKind,
    Outcome,
    Rationale,
    ReviewKind,
    Status,
)
from sightline.assessments.models import Assessment, Decision, SeniorReview, Submission
from sightline.assessments.policy import missing_rationales
from sightline.assessments.selectors import (
    assessment_row,
    assessment_status,
    closure_circle_ids,
    closure_obligations,
    earlier_closure_on,
)
from sightline.assessments.services.effect import take_effect
from sightline.assessments.services.guards import (
    latest_submission,
    locked,
    require_not_author,
    require_role,
    require_status,
    take_turns_on,
)
from sightline.audit.data import AuditAction
from sightline.audit.services import audit_record
from sightline.core import clock
from sightline.core.exceptions import FieldProblem, InvalidInput, InvalidTransition

if TYPE_CHECKING:
    from sightline.accounts.models import User


def _checked(actor: User, assessment_id: UUID, roles: frozenset[str], step: str) -> Assessment:
    scope = scope_for_user(user_id=actor.pk)
    assessment = assessment_row(scope=scope, assessment_id=assessment_id)
    require_role(scope, assessment, roles)
    require_not_author(actor.pk, assessment, step)
    return assessment


# Where an assessment is after each decision, while nothing else has happened since.
_AFTER = {
    DecisionKind.SIGNED_OFF: frozenset({Status.AWAITING_REVIEW, Status.COMPLETED}),
    DecisionKind.RETURNED: frozenset({Status.RETURNED}),
}


def _already_decided(actor: User, assessment: Assessment, kind: DecisionKind) -> Decision | None:
    """The actor's own decision of this kind, if it is still where the assessment stands: a
    second click acts once. A decision since overtaken (a senior manager sent the sign-off
    back) is refused as stale, not taken for this one."""
    latest = (
        Decision.objects.filter(submission__assessment_id=assessment.id)
        .order_by("-decided_at")
        .first()
    )
    if latest is None or latest.kind != kind or latest.decided_by_id != actor.pk:
        return None
    status = assessment_status(assessment_id=assessment.id)
    if status in _AFTER[kind]:
        return latest
    if status == Status.RETURNED and kind == DecisionKind.SIGNED_OFF:
        raise InvalidTransition(
            "You signed this off, but since then a senior manager has sent it back to the author"
            " with comments: it is back with them, and needs no decision from you now."
        )
    return None


def _new_concerns(
    assessment: Assessment, submission: Submission, advice: str
) -> list[FieldProblem]:
    """Open signals and concerns that arrived after the closure was submitted: the author must
    answer them, so it cannot be signed off (or agreed) as it is."""
    access = child_access_get(user_id=assessment.author_id, recorded_person_id=assessment.child_id)
    obligations = closure_obligations(
        access=access,
        child_id=assessment.child_id,
        agency_id=assessment.agency_id,
        closing_on=timezone.localdate(clock.now()),
    )
    rationales = submission.version.rationales.values_list("signal_id", "concern_event_id")
    answered = {
        Rationale("", signal_id=signal, concern_event_id=concern).key
        for signal, concern in rationales
    }
    missing = missing_rationales(obligations, answered)
    if not missing:
        return []
    titles = "; ".join(o.title for o in missing)
    return [
        FieldProblem(
            "decision",
            f"Since it was submitted there is more that needs a rationale from the author"
            f" ({titles}). {advice}",
        )
    ]


def assessment_sign_off(*, actor: User, assessment_id: UUID, comments: str = "") -> Decision:
    """Sign off a submitted assessment. A second closure with no further action within a year
    for the child or household waits for a senior manager's review; anything else takes
    effect at once (the assessment event is recorded for the child)."""
    assessment = _checked(actor, assessment_id, SIGNING_ROLES, "sign it off")
    return _sign_off(actor, assessment, comments.strip())


@transaction.atomic
def _sign_off(actor: User, assessment: Assessment, comments: str) -> Decision:
    assessment = locked(assessment.id)
    if already := _already_decided(actor, assessment, DecisionKind.SIGNED_OFF):
        return already
    require_status(assessment, Status.SUBMITTED)
    submission = latest_submission(assessment)
    version = submission.version
    repeat = False
    if version.outcome == Outcome.NO_FURTHER_ACTION:
        advice = "Return it to the author so that they can answer it."
        if problems := _new_concerns(assessment, submission, advice):
            raise InvalidInput(problems)
        repeat = _repeats_a_closure(assessment)
    decision = _decide(actor, assessment, submission, DecisionKind.SIGNED_OFF, comments, repeat)
    if not repeat:
        take_effect(actor=actor, assessment=assessment, version=version, decision=decision)
    return decision


def _repeats_a_closure(assessment: Assessment) -> bool:
    """Whether another closure with no further action for the child or household falls in the
    year before today. Sign-offs of closures for the same child or household take turns from
    here until they commit (one lock per record of the child and household), so that of two
    at once the second sees the first, however the two were started."""
    circle = closure_circle_ids(child_id=assessment.child_id)
    take_turns_on(circle)
    today = timezone.localdate(clock.now())
    earlier = earlier_closure_on(
        child_id=assessment.child_id, closing_on=today, excluding=assessment.id, circle=circle
    )
    return earlier is not None


def assessment_return(*, actor: User, assessment_id: UUID, comments: str) -> Decision:
    """Return a submitted assessment to its author with comments, to revise and resubmit."""
    assessment = _checked(actor, assessment_id, SIGNING_ROLES, "return it")
    if not comments.strip():
        raise InvalidInput([FieldProblem("comments", "Enter your comments for the author")])
    return _return(actor, assessment, comments.strip())


@transaction.atomic
def _return(actor: User, assessment: Assessment, comments: str) -> Decision:
    assessment = locked(assessment.id)
    if already := _already_decided(actor, assessment, DecisionKind.RETURNED):
        return already
    require_status(assessment, Status.SUBMITTED)
    submission = latest_submission(assessment)
    return _decide(actor, assessment, submission, DecisionKind.RETURNED, comments, False)


def _decide(
    actor: User,
    assessment: Assessment,
    submission: Submission,
    kind: DecisionKind,
    comments: str,
    review_required: bool,
) -> Decision:
    decision = Decision(
        submission=submission,
        kind=kind,
        comments=comments,
        decided_by=actor,
        decided_at=clock.now(),
        senior_review_required=review_required,
    )
    decision.full_clean()
    decision.save()
    signed = kind == DecisionKind.SIGNED_OFF
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_SIGNED_OFF if signed else AuditAction.ASSESSMENT_RETURNED,
        subject=assessment,
        agency_id=assessment.agency_id,
        recorded_person_id=assessment.child_id,
        payload={"assessment_id": assessment.id, "decision_id": decision.id},
    )
    return decision


# ------------------------------------------------------------------------ senior review


def assessment_review(
    *, actor: User, assessment_id: UUID, agree: bool, comments: str = ""
) -> SeniorReview:
    """A senior manager's review of a repeated closure with no further action, signed off by
    someone else: agreed, it takes effect; sent back (with comments), it returns to the author."""
    assessment = _checked(actor, assessment_id, REVIEWING_ROLES, "review it")
    if not agree and not comments.strip():
        raise InvalidInput([FieldProblem("comments", "Enter your comments for the author")])
    return _review(actor, assessment, agree, comments.strip())


def _reviewed_already(actor: User, submission: Submission, kind: ReviewKind) -> SeniorReview | None:
    review = SeniorReview.objects.filter(decision__submission=submission).first()
    if review is not None and review.reviewed_by_id == actor.pk and review.kind == kind:
        return review
    return None


@transaction.atomic
def _review(actor: User, assessment: Assessment, agree: bool, comments: str) -> SeniorReview:
    assessment = locked(assessment.id)
    submission = latest_submission(assessment)
    kind = ReviewKind.AGREED if agree else ReviewKind.SENT_BACK
    if already := _reviewed_already(actor, submission, kind):
        return already
    require_status(assessment, Status.AWAITING_REVIEW)
    decision = submission.decision
    if decision.decided_by_id == actor.pk:
        raise InvalidTransition(
            "You signed off this closure: another senior manager must review it."
        )
    advice = "Send it back to the author so that they can answer it."
    if agree and (problems := _new_concerns(assessment, submission, advice)):
        raise InvalidInput(problems)
    review = SeniorReview(
        decision=decision, kind=kind, comments=comments, reviewed_by=actor, reviewed_at=clock.now()
    )
    review.full_clean()
    review.save()
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_REVIEWED,
        subject=assessment,
        agency_id=assessment.agency_id,
        recorded_person_id=assessment.child_id,
        payload={"assessment_id": assessment.id, "review_id": review.id, "decision": kind.value},
    )
    if agree:
        take_effect(
            actor=actor, assessment=assessment, version=submission.version, decision=decision
        )
    return review
