"""Reads of assessments: one assessment as its author or a manager of its agency sees it, and
where each assessment is. Another agency's assessment, or one the viewer has no part in, is
answered exactly as a missing one (NotFound)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any
from uuid import UUID

from sightline.access.policy import ChildAccess
from sightline.assessments.data import (
    SIGNING_ROLES,
    AssessmentContent,
    AssessmentView,
    CodedAnswer,
    ConsideredEntry,
    DecisionView,
    Rationale,
    RationaleView,
    ReviewView,
    Status,
    SubmissionView,
    VersionView,
)
from sightline.assessments.models import (
    Assessment,
    AssessmentVersion,
    ClosureRationale,
    Decision,
    SeniorReview,
    Submission,
)
from sightline.assessments.models import ConsideredEntry as ConsideredRow
from sightline.assessments.policy import Latest, as_seen_now, status_of
from sightline.chronology.data import Entry
from sightline.chronology.selectors import chronology_get
from sightline.core.exceptions import NotFound
from sightline.core.scope import Scope
from sightline.identity.selectors import record_sides_known
from sightline.records.data import KIND_LABELS
from sightline.records.schema.catalogue import EventKind


def _name(display_name: str, username: str) -> str:
    return display_name or username


def latest_map(*, assessment_ids: Iterable[UUID]) -> dict[UUID, Latest]:
    """Each submitted assessment's latest submission, as status_of reads it (an assessment
    never submitted is left out). One query."""
    rows = Submission.objects.filter(assessment_id__in=list(assessment_ids)).values_list(
        "assessment_id",
        "number",
        "decision__kind",
        "decision__senior_review_required",
        "decision__review__kind",
        "decision__effect__id",
    )
    latest: dict[UUID, tuple[int, Latest]] = {}
    for assessment_id, number, kind, required, review, effect in rows:
        if assessment_id not in latest or latest[assessment_id][0] < number:
            facts = Latest(kind, bool(required), review, effect is not None)
            latest[assessment_id] = (number, facts)
    return {assessment_id: facts for assessment_id, (_, facts) in latest.items()}


def assessment_status(*, assessment_id: UUID) -> Status:
    return status_of(latest_map(assessment_ids=[assessment_id]).get(assessment_id))


def may_view(scope: Scope, assessment: Assessment) -> bool:
    """Its author, and the managers of the assessing agency who sign off and review."""
    if scope.user_id == assessment.author_id:
        return True
    return bool(scope.roles_in(assessment.agency_id) & SIGNING_ROLES)


def assessment_row(*, scope: Scope, assessment_id: UUID) -> Assessment:
    """The assessment, if the viewer may see it; NotFound otherwise, as for a missing one."""
    row = (
        Assessment.objects.filter(id=assessment_id, agency_id__in=scope.agency_ids)
        .select_related("agency", "author")
        .first()
    )
    if row is None or not may_view(scope, row):
        raise NotFound("There is no such assessment.")
    return row


# ------------------------------------------------------------------------ versions

_ENTRY_FIELDS = (
    "version_id", "event_id", "event_version_id", "event__kind", "event__agency_id",
    "event__agency__name", "event_version__occurred_at", "event_version__occurred_precision",
    "event_version__summary", "redacted", "reviewed",
)  # fmt: skip


def _entries(version_ids: list[UUID]) -> dict[UUID, list[ConsideredEntry]]:
    from_version: dict[UUID, list[ConsideredEntry]] = defaultdict(list)
    rows = (
        ConsideredRow.objects.filter(version_id__in=version_ids)
        .order_by("event_version__occurred_at", "id")
        .values_list(*_ENTRY_FIELDS)
    )
    for version, event, event_version, kind, agency_id, agency, at, precision, text, *marks in rows:
        redacted, seen = marks
        from_version[version].append(
            ConsideredEntry(
                event_id=event,
                event_version_id=event_version,
                kind=kind,
                kind_label=KIND_LABELS[EventKind(kind)],
                agency_id=agency_id,
                agency_name=agency,
                occurred_at=at,
                occurred_precision=precision,
                summary="" if redacted else text,
                redacted=redacted,
                reviewed=seen,
            )
        )
    return from_version


def _rationales(version_ids: list[UUID]) -> dict[UUID, list[tuple[Rationale, RationaleView]]]:
    found: dict[UUID, list[tuple[Rationale, RationaleView]]] = defaultdict(list)
    rows = (
        ClosureRationale.objects.filter(version_id__in=version_ids)
        .order_by("id")
        .values_list(
            "version_id", "signal_id", "signal__title", "concern_event_id",
            "concern_event__kind", "concern_event__agency__name", "text",
        )
    )  # fmt: skip
    for version, signal_id, title, concern, kind, agency, text in rows:
        signal: UUID | None = signal_id  # null for a concern's rationale
        if signal is not None:
            key, shown = f"signal:{signal}", f"Risk signal: {title}"
        else:
            key, shown = f"concern:{concern}", f"{KIND_LABELS[EventKind(kind)]} from {agency}"
        found[version].append(
            (
                Rationale(text, signal_id=signal, concern_event_id=concern),
                RationaleView(key, shown, text),
            )
        )
    return found


def _coded(row: AssessmentVersion, name: str) -> CodedAnswer:
    return CodedAnswer(getattr(row, name), getattr(row, f"{name}_code"))


def _version_views(rows: list[AssessmentVersion]) -> dict[UUID, VersionView]:
    ids = [row.id for row in rows]
    entries, rationales = _entries(ids), _rationales(ids)
    views = {}
    for row in rows:
        given = rationales[row.id]
        content = AssessmentContent(
            summary=row.summary,
            child_seen=_coded(row, "child_seen"),
            child_seen_alone=_coded(row, "child_seen_alone"),
            child_voice=_coded(row, "child_voice"),
            child_words=row.child_words,
            cin_factors=tuple(row.cin_factors),
            outcome=row.outcome,
            reviewed_version_ids=frozenset(
                e.event_version_id for e in entries[row.id] if e.reviewed
            ),
            rationales=tuple(rationale for rationale, _ in given),
        )
        views[row.id] = VersionView(
            id=row.id,
            number=row.number,
            saved_at=row.saved_at,
            content=content,
            entries=tuple(entries[row.id]),
            rationales=tuple(view for _, view in given),
        )
    return views


# ------------------------------------------------------------------------ decisions


def _history(assessment_id: UUID) -> tuple[list[Submission], list[Decision], list[SeniorReview]]:
    submissions = list(
        Submission.objects.filter(assessment_id=assessment_id)
        .select_related(
            "version", "decision__decided_by", "decision__review__reviewed_by", "decision__effect"
        )
        .order_by("number")
    )
    decisions = [s.decision for s in submissions if hasattr(s, "decision")]
    reviews = [d.review for d in decisions if hasattr(d, "review")]
    return submissions, decisions, reviews


def _decision_view(decision: Decision, number: int) -> DecisionView:
    by = decision.decided_by
    return DecisionView(
        id=decision.id,
        submission_number=number,
        kind=decision.kind,
        comments=decision.comments,
        decided_by=_name(by.display_name, by.username),
        decided_at=decision.decided_at,
        senior_review_required=decision.senior_review_required,
    )


def _review_view(review: SeniorReview) -> ReviewView:
    by = review.reviewed_by
    return ReviewView(
        id=review.id,
        kind=review.kind,
        comments=review.comments,
        reviewed_by=_name(by.display_name, by.username),
        reviewed_at=review.reviewed_at,
    )


def _effect(decisions: list[Decision]) -> Any:
    return next((d.effect for d in decisions if hasattr(d, "effect")), None)


def _latest_of(submissions: list[Submission]) -> Latest | None:
    if not submissions:
        return None
    decision = getattr(submissions[-1], "decision", None)
    if decision is None:
        return Latest()
    review = getattr(decision, "review", None)
    return Latest(
        decision.kind,
        decision.senior_review_required,
        review.kind if review else None,
        hasattr(decision, "effect"),
    )


def assessment_get(*, scope: Scope, assessment_id: UUID) -> AssessmentView:
    """One assessment with its latest draft, what was last submitted, and every decision."""
    row = assessment_row(scope=scope, assessment_id=assessment_id)
    submissions, decisions, reviews = _history(assessment_id)
    latest_version = AssessmentVersion.objects.filter(assessment_id=assessment_id).latest("number")
    submitted_version = submissions[-1].version if submissions else None
    versions = _version_views([latest_version, *([submitted_version] if submitted_version else [])])
    numbers = {s.id: s.number for s in submissions}
    effect = _effect(decisions)
    side = record_sides_known(scope=scope, ids=[row.child_id]).get(row.child_id)
    return AssessmentView(
        id=row.id,
        agency_id=row.agency_id,
        agency_name=row.agency.name,
        child_id=row.child_id,
        child_name=side.full_name if side and side.visible else "",
        assessment_type=row.assessment_type,
        author_id=row.author_id,
        author_name=_name(row.author.display_name, row.author.username),
        started_on=row.started_on,
        status=status_of(_latest_of(submissions)),
        latest=versions[latest_version.id],
        submitted=versions[submitted_version.id] if submitted_version else None,
        submissions=tuple(
            SubmissionView(s.id, s.number, s.version.number, s.submitted_at) for s in submissions
        ),
        decisions=tuple(_decision_view(d, numbers[d.submission_id]) for d in decisions),
        reviews=tuple(_review_view(r) for r in reviews),
        took_effect_at=effect.took_effect_at if effect else None,
        event_id=effect.event_id if effect else None,
    )


def assessment_as_seen(
    *, view: AssessmentView, access: ChildAccess, chronology: Iterable[Entry] | None = None
) -> AssessmentView:
    """The assessment with the chronology entries it considered shown as this viewer may see
    them today (policy.as_seen_now), whoever they are: what its author could see is not what
    a manager signing it off, or the author themselves later, may see. `access` is the
    viewer's access to the assessment's child; `chronology`, the child's chronology as that
    access shows it, if the caller has it already."""
    if chronology is None and access.may_open:
        chronology = chronology_get(access=access, recorded_person_id=view.child_id).entries
    shown = {entry.event_id for entry in chronology or () if not entry.redacted}
    own = access.viewer.agency_ids()

    def seen(version: VersionView) -> VersionView:
        entries = tuple(as_seen_now(entry, own, shown) for entry in version.entries)
        return replace(version, entries=entries)

    return replace(
        view,
        latest=seen(view.latest),
        submitted=seen(view.submitted) if view.submitted else None,
    )
