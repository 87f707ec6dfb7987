"""The review queue, and one pair with both records side by side."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from sightline.core.exceptions import NotFound
from sightline.core.scope import Scope
from sightline.identity import policy
from sightline.identity.data import (
    DecisionView,
    PairStatus,
    PairView,
    QueueItem,
    RecordSide,
    Verdict,
)
from sightline.identity.linkage.data import FieldContribution
from sightline.identity.models import LinkDecision, PairEvidence
from sightline.identity.selectors.maps import (
    Pair,
    access_of,
    facts_map,
    membership_current_map,
    side_as_seen,
)
from sightline.records.selectors import recorded_person_get


def _latest_evidence() -> QuerySet[PairEvidence]:
    newer = PairEvidence.objects.filter(
        left=OuterRef("left"), right=OuterRef("right"), run__number__gt=OuterRef("run__number")
    )
    return PairEvidence.objects.filter(~Exists(newer))


def _latest_verdict() -> Subquery:
    return Subquery(
        LinkDecision.objects.filter(left=OuterRef("left"), right=OuterRef("right"))
        .order_by("-id")
        .values("verdict")[:1]
    )


def _waiting_for(scope: Scope) -> QuerySet[PairEvidence]:
    return (
        _latest_evidence()
        .filter(status=PairStatus.WAITING)
        .filter(Q(left__agency_id__in=scope.agency_ids) | Q(right__agency_id__in=scope.agency_ids))
        .annotate(latest_verdict=_latest_verdict())
        .filter(Q(latest_verdict__isnull=True) | Q(latest_verdict=Verdict.WITHDRAWN))
    )


def review_queue_list(*, scope: Scope, limit: int = 50) -> list[QueueItem]:
    """Pairs waiting for a decision that involve a record of the viewer's agencies, highest
    match weight first; pairs with a record the viewer may not know of are left out."""
    rows = _waiting_for(scope).order_by("-match_weight", "created_at", "id")
    fields = (
        "id",
        "left_id",
        "right_id",
        "match_weight",
        "match_probability",
        "conflict",
        "created_at",
    )
    items: list[QueueItem] = []
    offset = 0
    while len(items) < limit:
        page = list(rows.values(*fields)[offset : offset + limit * 2])
        if not page:
            break
        offset += len(page)
        facts = facts_map(r[k] for r in page for k in ("left_id", "right_id"))
        for row in page:
            left, right = facts[row["left_id"]], facts[row["right_id"]]
            if len(items) < limit and policy.may_view_pair(
                scope.agency_ids, access_of(left), access_of(right)
            ):
                items.append(_queue_item(scope, row, left, right))
    return items


def _queue_item(
    scope: Scope, row: dict[str, Any], left: RecordSide, right: RecordSide
) -> QueueItem:
    return QueueItem(
        evidence_id=row["id"],
        left=side_as_seen(scope.agency_ids, left),
        right=side_as_seen(scope.agency_ids, right),
        match_weight=row["match_weight"],
        match_probability=row["match_probability"],
        conflict=row["conflict"] or None,
        scored_at=row["created_at"],
    )


def review_queue_count(*, scope: Scope) -> int:
    """How many pairs wait for the viewer's agencies (an upper bound: it does not read the
    confidentiality of every other record)."""
    return _waiting_for(scope).count()


# ---------------------------------------------------------------- one pair


@dataclass(frozen=True)
class _Evidence:
    row: PairEvidence
    left: RecordSide
    right: RecordSide


def _evidence_for(scope: Scope, evidence_id: UUID) -> _Evidence:
    row = PairEvidence.objects.select_related("run", "model").filter(id=evidence_id).first()
    if row is None:
        raise NotFound("There is no such pair of records.")
    facts = facts_map([row.left_id, row.right_id])
    left, right = facts[row.left_id], facts[row.right_id]
    if not policy.may_view_pair(scope.agency_ids, access_of(left), access_of(right)):
        raise NotFound("There is no such pair of records.")
    return _Evidence(row, left, right)


def pair_access_get(
    *, scope: Scope, evidence_id: UUID
) -> tuple[UUID, UUID, policy.RecordAccess, policy.RecordAccess]:
    """The pair's recorded persons and what the policy needs about them, if the viewer may see
    the pair (else NotFound)."""
    found = _evidence_for(scope, evidence_id)
    return found.row.left_id, found.row.right_id, access_of(found.left), access_of(found.right)


def _contributions(
    raw: list[dict[str, Any]], left_visible: bool, right_visible: bool
) -> tuple[FieldContribution, ...]:
    return tuple(
        FieldContribution(
            field=item["field"],
            level=item["level"],
            weight=float(item["weight"]),
            left=item.get("left") if left_visible else None,
            right=item.get("right") if right_visible else None,
        )
        for item in raw
    )


def _decisions(pair: Pair) -> tuple[DecisionView, ...]:
    rows = (
        LinkDecision.objects.filter(left_id=pair[0], right_id=pair[1])
        .select_related("decided_by")
        .order_by("-id")
    )
    return tuple(
        DecisionView(
            verdict=d.verdict,
            occasion=d.occasion,
            decided_by=str(d.decided_by),
            decided_at=d.decided_at,
            reason=d.reason,
        )
        for d in rows
    )


def _status_now(scored: str, decisions: tuple[DecisionView, ...]) -> str:
    for decision in decisions:  # newest first: a withdrawal leaves the run's answer standing
        if decision.verdict == Verdict.CONFIRMED:
            return str(PairStatus.CONFIRMED)
        if decision.verdict == Verdict.REJECTED:
            return str(PairStatus.REJECTED)
        break
    if scored in (PairStatus.CONFIRMED, PairStatus.REJECTED):
        return str(PairStatus.WAITING)  # the decision the run obeyed has since been withdrawn
    return scored


def review_pair_get(*, scope: Scope, evidence_id: UUID) -> PairView:
    """A scored pair with both records side by side, as far as the viewer may see each."""
    found = _evidence_for(scope, evidence_id)
    row = found.row
    left = side_as_seen(scope.agency_ids, found.left)
    right = side_as_seen(scope.agency_ids, found.right)
    decisions = _decisions((row.left_id, row.right_id))
    persons = membership_current_map(ids=[row.left_id, row.right_id])
    left_person = persons.get(row.left_id, (0, None))[1]
    right_person = persons.get(row.right_id, (0, None))[1]
    return PairView(
        evidence_id=row.id,
        left=left,
        right=right,
        match_weight=row.match_weight,
        match_probability=row.match_probability,
        contributions=_contributions(row.contributions, left.visible, right.visible),
        conflict=row.conflict or None,
        scored_status=row.status,
        status=_status_now(row.status, decisions),
        same_person_now=left_person is not None and left_person == right_person,
        model_version=row.model.version,
        run_number=row.run.number,
        scored_at=row.created_at,
        upper_threshold=row.run.upper_threshold,
        lower_threshold=row.run.lower_threshold,
        decisions=decisions,
        can_decide=policy.may_decide_pair(
            scope.agency_roles, access_of(found.left), access_of(found.right)
        ),
        left_detail=_detail(scope, left),
        right_detail=_detail(scope, right),
    )


def _detail(scope: Scope, side: RecordSide) -> Any:
    return recorded_person_get(scope=scope, person_id=side.id) if side.visible else None
