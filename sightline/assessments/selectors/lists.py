"""Lists of assessments: a child's (those the viewer may open), a practitioner's own, and the
unfinished ones about a child that someone else is writing. Each takes a fixed number of
queries however long it is."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Q

from sightline.assessments.data import SIGNING_ROLES, AssessmentSummary, Status
from sightline.assessments.models import Assessment, Submission
from sightline.assessments.policy import Latest, status_of
from sightline.core.scope import Scope
from sightline.identity.selectors import record_sides_known

_LIMIT = 200
_FIELDS = (
    "id", "assessment_type", "child_id", "agency__name", "author__display_name",
    "author__username", "created_at", "started_on",
)  # fmt: skip
# The order of "My assessments": what waits for the author first.
_MINE_ORDER = {
    Status.RETURNED: 0,
    Status.DRAFT: 1,
    Status.SUBMITTED: 2,
    Status.AWAITING_REVIEW: 3,
    Status.COMPLETED: 4,
}


def _latest_moments(ids: list[UUID]) -> dict[UUID, tuple[Latest, datetime, str]]:
    """Each submitted assessment's latest submission: the facts status_of reads, when it
    reached that status, and the outcome submitted. One query."""
    rows = Submission.objects.filter(assessment_id__in=ids).values_list(
        "assessment_id", "number", "submitted_at", "version__outcome", "decision__kind",
        "decision__senior_review_required", "decision__decided_at", "decision__review__kind",
        "decision__review__reviewed_at", "decision__effect__took_effect_at",
    )  # fmt: skip
    found: dict[UUID, tuple[int, tuple[Latest, datetime, str]]] = {}
    for assessment, number, submitted, outcome, *decided in rows:
        if assessment in found and found[assessment][0] > number:
            continue
        kind, required, decided_at, review, reviewed_at, took_effect_at = decided
        moments = [
            m
            for m in (submitted, decided_at, reviewed_at, took_effect_at)
            if isinstance(m, datetime)
        ]
        facts = Latest(
            str(kind) if kind else None, bool(required), str(review) if review else None,
            took_effect_at is not None,
        )  # fmt: skip
        found[assessment] = (number, (facts, max(moments), outcome))
    return {assessment: moment for assessment, (_, moment) in found.items()}


def _summaries(scope: Scope, rows: list[dict[str, Any]]) -> list[AssessmentSummary]:
    moments = _latest_moments([row["id"] for row in rows])
    sides = record_sides_known(scope=scope, ids={row["child_id"] for row in rows}) if rows else {}
    summaries = []
    for row in rows:
        latest, since, outcome = moments.get(row["id"], (None, row["created_at"], ""))
        side = sides.get(row["child_id"])
        summaries.append(
            AssessmentSummary(
                id=row["id"],
                assessment_type=row["assessment_type"],
                child_id=row["child_id"],
                child_name=side.full_name if side and side.visible else "",
                agency_name=row["agency__name"],
                author_name=row["author__display_name"] or row["author__username"],
                status=status_of(latest).value,
                outcome=outcome,
                since=since,
                started_on=row["started_on"],
            )
        )
    return summaries


def _rows(where: Q) -> list[dict[str, Any]]:
    return list(Assessment.objects.filter(where).order_by("-created_at").values(*_FIELDS)[:_LIMIT])


def assessment_list_for_child(
    *, scope: Scope, record_ids: Iterable[UUID]
) -> list[AssessmentSummary]:
    """The assessments about any of these records (one child's, linked) that the viewer may
    open: their own, and those of the agencies where they sign off. Newest first."""
    managed = {agency for agency, role in scope.agency_roles if role in SIGNING_ROLES}
    where = Q(child_id__in=list(record_ids), agency_id__in=scope.agency_ids) & (
        Q(author_id=scope.user_id) | Q(agency_id__in=managed)
    )
    return _summaries(scope, _rows(where))


def assessment_list_mine(*, scope: Scope) -> list[AssessmentSummary]:
    """The viewer's own assessments, in the agencies where they still work: those back with
    them or still in draft first, then those waiting for others, then those that took effect;
    the most recently moved first within each."""
    mine = _summaries(scope, _rows(Q(author_id=scope.user_id, agency_id__in=scope.agency_ids)))
    by_recent = sorted(mine, key=lambda s: s.since, reverse=True)
    return sorted(by_recent, key=lambda s: _MINE_ORDER[Status(s.status)])


def assessment_unfinished_list(
    *, scope: Scope, child_ids: Iterable[UUID], not_by: int
) -> list[AssessmentSummary]:
    """Assessments about these records that someone other than `not_by` started and that have
    not taken effect: so that a practitioner about to start one knows who is already at work."""
    where = Q(child_id__in=list(child_ids)) & ~Q(author_id=not_by)
    return [s for s in _summaries(scope, _rows(where)) if s.status != Status.COMPLETED]
