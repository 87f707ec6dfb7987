"""What every assessment write checks first: who the actor is to the assessment, and that it is
where the step needs it to be. Refusals that must not reveal the assessment raise NotPermitted
(answered as a missing one)."""

from collections.abc import Iterable
from uuid import UUID

from sightline.assessments.data import Status
from sightline.assessments.models import Assessment, Submission
from sightline.assessments.selectors import assessment_status
from sightline.core.exceptions import InvalidTransition, NotFound, NotPermitted
from sightline.core.locks import take_turn
from sightline.core.scope import Scope


def take_turns_on(records: Iterable[UUID]) -> None:
    """Hold, until the transaction ends, one lock for each of these recorded persons, so that
    two writers about the same child or household take turns. The locks are taken in one order
    (ascending), so two writers never wait for each other in a circle. The key is any number
    that names the record; the same record always gives the same key."""
    for key in sorted({record.int >> 65 for record in records}):
        take_turn(key)


def locked(assessment_id: UUID) -> Assessment:
    """The assessment, locked until the transaction ends, so that two decisions (or a decision
    and a resubmission) about it take turns."""
    row = Assessment.objects.select_for_update().filter(id=assessment_id).first()
    if row is None:
        raise NotFound("There is no such assessment.")
    return row


def require_author(actor_id: int, assessment: Assessment) -> None:
    if actor_id != assessment.author_id:
        raise NotPermitted("There is no such assessment.")


def require_role(scope: Scope, assessment: Assessment, roles: Iterable[str]) -> None:
    if not scope.roles_in(assessment.agency_id) & frozenset(roles):
        raise NotPermitted("There is no such assessment.")


def require_not_author(actor_id: int, assessment: Assessment, step: str) -> None:
    if actor_id == assessment.author_id:
        raise InvalidTransition(f"You wrote this assessment: someone else must {step}.")


def require_status(assessment: Assessment, *wanted: Status) -> Status:
    status = assessment_status(assessment_id=assessment.id)
    if status not in wanted:
        raise InvalidTransition(
            "This assessment has moved on since you opened it: open it again to see where it is."
        )
    return status


def latest_submission(assessment: Assessment) -> Submission:
    return (
        Submission.objects.filter(assessment_id=assessment.id)
        .select_related("version")
        .latest("number")
    )
