"""Writing an assessment: saving a draft (a new version each time) and submitting it for sign-off.

The chronology entries a version lists are the child's joined chronology as its author may see
it when they save: every entry, each marked reviewed or not (by event version, so an entry
amended since it was reviewed must be reviewed again).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from sightline.access.policy import ChildAccess
from sightline.assessments.data import (
    EDITABLE,
    AssessmentContent,
    Obligation,
    Outcome,
    Status,
)
from sightline.assessments.models import (
    Assessment,
    AssessmentVersion,
    ClosureRationale,
    ConsideredEntry,
    Submission,
)
from sightline.assessments.policy import (
    content_problems,
    missing_rationales,
    rationale_problems,
    unreviewed_problem,
)
from sightline.assessments.selectors import closure_obligations
from sightline.assessments.services.guards import locked, require_author, require_status
from sightline.audit.data import AuditAction
from sightline.audit.services import audit_record
from sightline.chronology.data import Entry
from sightline.chronology.selectors import chronology_get
from sightline.chronology.services import child_access_require
from sightline.core import clock
from sightline.core.exceptions import FieldProblem, InvalidInput, NotFound

if TYPE_CHECKING:
    from sightline.accounts.models import User


def chronology_entries(access: ChildAccess, child_id: UUID) -> list[Entry]:
    """The child's joined chronology as the access lets it be seen, entries with a version."""
    chronology = chronology_get(access=access, recorded_person_id=child_id)
    return [entry for entry in chronology.entries if entry.version_id is not None]


def _rationale_rows(
    version: AssessmentVersion, content: AssessmentContent, obligations: Sequence[Obligation]
) -> list[ClosureRationale]:
    """Only a closure with no further action carries rationales, and only for what it must
    answer now (an answer to a signal since closed is not kept)."""
    if content.outcome != Outcome.NO_FURTHER_ACTION:
        return []
    by_key = {o.key: o for o in obligations}
    rows = []
    for rationale in content.rationales:
        obligation = by_key.get(rationale.key)
        if obligation is None or not rationale.text.strip():
            continue
        rows.append(
            ClosureRationale(
                version=version,
                signal_id=obligation.signal_id,
                concern_event_id=obligation.concern_event_id,
                concern_version_id=obligation.concern_version_id,
                text=rationale.text.strip(),
            )
        )
    return rows


def write_version(
    assessment: Assessment,
    content: AssessmentContent,
    entries: Iterable[Entry],
    obligations: Sequence[Obligation],
) -> AssessmentVersion:
    """A new version of the assessment, with the entries it considered and its rationales."""
    latest = AssessmentVersion.objects.filter(assessment_id=assessment.id).order_by("-number")
    number = (latest.values_list("number", flat=True).first() or 0) + 1
    version = AssessmentVersion(
        assessment=assessment,
        number=number,
        saved_at=clock.now(),
        summary=content.summary.strip(),
        child_seen=content.child_seen.answer,
        child_seen_code=content.child_seen.code,
        child_seen_alone=content.child_seen_alone.answer,
        child_seen_alone_code=content.child_seen_alone.code,
        child_voice=content.child_voice.answer,
        child_voice_code=content.child_voice.code,
        child_words=content.child_words.strip(),
        cin_factors=list(content.cin_factors),
        outcome=content.outcome,
    )
    version.save()
    ConsideredEntry.objects.bulk_create(
        ConsideredEntry(
            version=version,
            event_id=entry.event_id,
            event_version_id=entry.version_id,
            redacted=entry.redacted,
            reviewed=entry.version_id in content.reviewed_version_ids,
        )
        for entry in entries
        if entry.version_id is not None
    )
    ClosureRationale.objects.bulk_create(_rationale_rows(version, content, obligations))
    return version


def _obligations(assessment: Assessment, access: ChildAccess, outcome: str) -> list[Obligation]:
    if outcome != Outcome.NO_FURTHER_ACTION:
        return []
    return closure_obligations(
        access=access,
        child_id=assessment.child_id,
        agency_id=assessment.agency_id,
        closing_on=timezone.localdate(clock.now()),
    )


def _submission_problems(
    assessment: Assessment,
    content: AssessmentContent,
    entries: list[Entry],
    obligations: list[Obligation],
) -> list[FieldProblem]:
    problems = content_problems(
        content, assessment_type=assessment.assessment_type, submitting=True
    )
    problems += unreviewed_problem(
        sum(entry.version_id not in content.reviewed_version_ids for entry in entries)
    )
    if content.outcome == Outcome.NO_FURTHER_ACTION:
        answered = {r.key for r in content.rationales if r.text.strip()}
        problems += rationale_problems(missing_rationales(obligations, answered))
    return problems


def _author_access(actor: User, assessment_id: UUID) -> tuple[Assessment, ChildAccess]:
    """The author's own assessment, and their access to its child now (NotFound for anyone
    else, or once the author may no longer open the child's chronology)."""
    assessment = Assessment.objects.filter(id=assessment_id).first()
    if assessment is None:
        raise NotFound("There is no such assessment.")
    require_author(actor.pk, assessment)
    access = child_access_require(actor=actor, recorded_person_id=assessment.child_id)
    return assessment, access


def assessment_save(
    *, actor: User, assessment_id: UUID, content: AssessmentContent
) -> AssessmentVersion:
    """Save the author's draft as a new version. A draft may leave questions unanswered."""
    assessment, access = _author_access(actor, assessment_id)
    return _save(actor, assessment, access, content)


@transaction.atomic
def _save(
    actor: User, assessment: Assessment, access: ChildAccess, content: AssessmentContent
) -> AssessmentVersion:
    assessment = locked(assessment.id)
    require_status(assessment, *EDITABLE)
    problems = content_problems(
        content, assessment_type=assessment.assessment_type, submitting=False
    )
    if problems:
        raise InvalidInput(problems)
    entries = chronology_entries(access, assessment.child_id)
    obligations = _obligations(assessment, access, content.outcome)
    version = write_version(assessment, content, entries, obligations)
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_SAVED,
        subject=assessment,
        agency_id=assessment.agency_id,
        recorded_person_id=assessment.child_id,
        payload={"assessment_id": assessment.id},
    )
    return version


def assessment_submit(
    *, actor: User, assessment_id: UUID, content: AssessmentContent
) -> Submission:
    """Save the author's assessment and send that version for a manager's sign-off. Every
    question must be answered, every chronology entry reviewed, and a closure with no further
    action must answer each open risk signal and each other agency's unresolved concern."""
    assessment, access = _author_access(actor, assessment_id)
    return _submit(actor, assessment, access, content)


@transaction.atomic
def _submit(
    actor: User, assessment: Assessment, access: ChildAccess, content: AssessmentContent
) -> Submission:
    assessment = locked(assessment.id)
    require_status(assessment, Status.DRAFT, Status.RETURNED)
    entries = chronology_entries(access, assessment.child_id)
    obligations = _obligations(assessment, access, content.outcome)
    if problems := _submission_problems(assessment, content, entries, obligations):
        raise InvalidInput(problems)
    version = write_version(assessment, content, entries, obligations)
    number = Submission.objects.filter(assessment_id=assessment.id).count() + 1
    submission = Submission(
        assessment=assessment, number=number, version=version, submitted_at=version.saved_at
    )
    submission.save()
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_SUBMITTED,
        subject=assessment,
        agency_id=assessment.agency_id,
        recorded_person_id=assessment.child_id,
        payload={
            "assessment_id": assessment.id,
            "submission_id": submission.id,
            "outcome": content.outcome,
        },
    )
    return submission
