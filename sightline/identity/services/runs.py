"""Recording trained models, and applying a linkage run's scored pairs to the store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from django.db import connection, transaction
from django.db.models import Max

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record, audit_record_many
from sightline.core import clock
from sightline.core.exceptions import Conflict, FieldProblem, InvalidInput, NotFound
from sightline.core.locks import take_turn
from sightline.identity import policy
from sightline.identity.data import MembershipCause, PairStatus, RunKind, RunSummary, Verdict
from sightline.identity.linkage.data import FieldContribution, ScoredPair, Thresholds
from sightline.identity.models import LinkageModel, LinkageRun, PairEvidence
from sightline.identity.selectors import (
    Pair,
    decision_latest_map,
    membership_current_map,
    ordered,
    person_members_map,
    record_access_map,
)
from sightline.identity.services.clustering import Clusters
from sightline.identity.services.memberships import MembershipWriter
from sightline.records.services.digests import content_digest

if TYPE_CHECKING:
    from sightline.accounts.models import User

_CONFLICT_LENGTH = PairEvidence._meta.get_field("conflict").max_length or 200
# Any constant will do: it names the PostgreSQL advisory lock that makes runs take turns.
_RUN_LOCK_KEY = 0x5167_11A7


@transaction.atomic
def linkage_model_record(
    *,
    actor: User | None,
    version: str,
    parameters: Mapping[str, Any],
    trained_at: datetime,
    summary: Mapping[str, Any] | None = None,
) -> LinkageModel:
    """Keep a trained model as versioned data. Recording the same version again with the same
    parameters changes nothing; with different parameters it is refused."""
    digest = content_digest(dict(parameters))
    existing = LinkageModel.objects.filter(version=version).first()
    if existing is not None:
        if existing.digest != digest:
            raise Conflict(f"Linkage model {version!r} is already recorded, with other contents.")
        return existing
    model = LinkageModel(
        version=version,
        parameters=dict(parameters),
        digest=digest,
        trained_at=trained_at,
        summary=dict(summary or {}),
    )
    model.full_clean()
    model.save()
    audit_record(
        actor=actor,
        action=AuditAction.LINKAGE_MODEL_RECORDED,
        subject=model,
        payload={"version": version, "digest": digest},
    )
    return model


def _pairs_by_key(pairs: Iterable[ScoredPair]) -> dict[Pair, ScoredPair]:
    """Each pair once, in stored order; a pair scored twice keeps its higher weight."""
    found: dict[Pair, ScoredPair] = {}
    problems: list[FieldProblem] = []
    for index, pair in enumerate(pairs, start=1):
        try:
            left, right = UUID(str(pair.left_id)), UUID(str(pair.right_id))
        except ValueError:
            problems.append(FieldProblem("left_id", "is not a recorded person's id", index))
            continue
        if left == right:
            problems.append(FieldProblem("right_id", "pairs a record with itself", index))
            continue
        key = ordered(left, right)
        if key not in found or found[key].match_weight < pair.match_weight:
            found[key] = pair
    if problems:
        raise InvalidInput(problems)
    return found


@dataclass
class _Plan:
    """What the run does with each pair, decided before anything is written."""

    status: dict[Pair, str] = field(default_factory=dict)
    below_threshold: int = 0
    withheld: int = 0

    def count(self, status: PairStatus) -> int:
        return sum(1 for s in self.status.values() if s == status)


def _plan(
    scored: dict[Pair, ScoredPair],
    thresholds: Thresholds,
    access: Mapping[UUID, policy.RecordAccess],
    verdicts: Mapping[Pair, str],
    clusters: Clusters[UUID],
) -> _Plan:
    """Decisions first: a confirmed pair stays linked, a rejected one is never linked. Then the
    confident links, strongest first, unless joining would put together records that a
    practitioner kept apart, in which case the pair waits for review instead."""
    plan = _Plan()
    candidates: list[Pair] = []
    for key, pair in scored.items():
        verdict = verdicts.get(key)
        if not policy.may_link(access[key[0]], access[key[1]]):
            plan.withheld += 1
        elif verdict == Verdict.CONFIRMED:
            plan.status[key] = PairStatus.CONFIRMED
            clusters.join(*key)
        elif verdict == Verdict.REJECTED:
            plan.status[key] = PairStatus.REJECTED
        elif (outcome := thresholds.decide(pair)) == "link":
            candidates.append(key)
        elif outcome == "review":
            plan.status[key] = PairStatus.WAITING
        else:
            plan.below_threshold += 1
    candidates.sort(key=lambda key: (-scored[key].match_weight, key))
    for key in candidates:
        plan.status[key] = PairStatus.LINKED if clusters.join(*key) else PairStatus.WAITING
    return plan


def _known_access(ids: set[UUID]) -> dict[UUID, policy.RecordAccess]:
    access = record_access_map(ids=ids)
    missing = sorted(str(i) for i in ids - access.keys())
    if missing:
        problems = [
            FieldProblem("recorded_person", f"{i} is not a recorded person") for i in missing
        ]
        raise InvalidInput(problems)
    return access


def _evidence_rows(
    run: LinkageRun, scored: dict[Pair, ScoredPair], plan: _Plan
) -> list[PairEvidence]:
    return [
        PairEvidence(
            id=uuid4(),
            run_id=run.id,
            model_id=run.model_id,
            left_id=key[0],
            right_id=key[1],
            match_weight=scored[key].match_weight,
            match_probability=scored[key].match_probability,
            contributions=[asdict(c) for c in _facing(scored[key], key)],
            conflict=(scored[key].conflict or "")[:_CONFLICT_LENGTH],
            status=status,
        )
        for key, status in plan.status.items()
    ]


def _facing(pair: ScoredPair, key: Pair) -> tuple[FieldContribution, ...]:
    """Contributions with left and right values the way round the pair is stored."""
    if UUID(str(pair.left_id)) == key[0]:
        return pair.contributions
    return tuple(replace(c, left=c.right, right=c.left) for c in pair.contributions)


def _take_turn() -> None:
    """Runs are numbered in the order they are applied and each reads the persons the last one
    left, so two at once (two practitioners saving a record) must take turns: on PostgreSQL,
    by a lock held to the end of the transaction; SQLite lets one writer in at a time anyway."""
    take_turn(_RUN_LOCK_KEY)


@transaction.atomic
def linkage_run_apply(
    *,
    actor: User | None,
    model_version: str,
    thresholds: Thresholds,
    pairs: Iterable[ScoredPair],
    started_at: datetime | None = None,
    kind: RunKind = RunKind.STORE,
) -> RunSummary:
    """Apply a run's scored pairs: link the confident ones, queue the doubtful ones for a
    person, and obey every earlier human decision. A run only ever joins persons; unlinking
    and splitting are for people."""
    model = LinkageModel.objects.filter(version=model_version).first()
    if model is None:
        raise NotFound(f"There is no linkage model with the version {model_version!r}.")
    return linkage_run_apply_within(
        actor=actor,
        model_id=model.id,
        thresholds=thresholds,
        pairs=pairs,
        started_at=started_at,
        kind=kind,
    )


def linkage_run_apply_within(
    *,
    actor: User | None,
    model_id: UUID,
    thresholds: Thresholds,
    pairs: Iterable[ScoredPair],
    started_at: datetime | None = None,
    kind: RunKind = RunKind.STORE,
) -> RunSummary:
    """linkage_run_apply inside the caller's own transaction, with no savepoint of its own:
    real-time matching applies a run for every record saved, and a failure here fails the
    caller's transaction anyway."""
    if not connection.in_atomic_block:
        raise RuntimeError("linkage_run_apply_within runs inside the caller's transaction")
    _take_turn()
    scored = _pairs_by_key(pairs)
    ids = {record_id for key in scored for record_id in key}
    current = membership_current_map(ids=ids)
    persons = person_members_map(person_ids={p for _, p in current.values() if p is not None})
    involved = ids.union(*persons.values())
    current.update(membership_current_map(ids=involved - ids))
    access = _known_access(involved)
    verdicts = {k: v for k, (_, v) in decision_latest_map(ids=involved, both_among=True).items()}
    rejected = [key for key, verdict in verdicts.items() if verdict == Verdict.REJECTED]
    clusters: Clusters[UUID] = Clusters(groups=persons.values(), apart=rejected)
    plan = _plan(scored, thresholds, access, verdicts, clusters)

    now = clock.now()
    number = (LinkageRun.objects.aggregate(last=Max("number"))["last"] or 0) + 1
    run = LinkageRun(
        id=uuid4(), number=number, kind=kind, model_id=model_id, started_at=started_at or now
    )
    writer = MembershipWriter(since=now, current=current, run_id=run.id)
    for group in {clusters.group_of(record_id) for record_id in ids}:
        if len(group) > 1:
            writer.place(group, cause_for_new=MembershipCause.LINKED)
    _fill_run(run, thresholds, now, actor, scored, plan, writer)
    # Every value comes from the code above, and the database enforces the run's keys, unique
    # number and checks: validating them here too would cost a query each, on every record a
    # practitioner saves (matching.py).
    run.save()
    evidence = _evidence_rows(run, scored, plan)
    PairEvidence.objects.bulk_create(evidence)
    drafts = writer.write(actor=actor, access=access)
    audit_record_many(
        [_run_draft(actor, run), *_link_drafts(actor, run, evidence, access), *drafts]
    )
    return _summary(run)


def _fill_run(
    run: LinkageRun,
    thresholds: Thresholds,
    finished_at: datetime,
    actor: User | None,
    scored: dict[Pair, ScoredPair],
    plan: _Plan,
    writer: MembershipWriter,
) -> None:
    run.finished_at = finished_at
    run.started_by = actor
    run.upper_threshold = thresholds.upper
    run.lower_threshold = thresholds.lower
    run.pairs_scored = len(scored)
    run.linked = plan.count(PairStatus.LINKED)
    run.queued = plan.count(PairStatus.WAITING)
    run.kept_by_decision = plan.count(PairStatus.CONFIRMED) + plan.count(PairStatus.REJECTED)
    run.below_threshold = plan.below_threshold
    run.withheld = plan.withheld
    run.persons_created = len(writer.new_persons)
    run.memberships_changed = len(writer.rows)


def _summary(run: LinkageRun) -> RunSummary:
    return RunSummary(
        run_id=run.id,
        number=run.number,
        pairs_scored=run.pairs_scored,
        linked=run.linked,
        queued=run.queued,
        kept_by_decision=run.kept_by_decision,
        below_threshold=run.below_threshold,
        withheld=run.withheld,
        persons_created=run.persons_created,
        memberships_changed=run.memberships_changed,
    )


def _run_draft(actor: User | None, run: LinkageRun) -> AuditDraft:
    summary = asdict(_summary(run))
    summary.pop("run_id")
    return AuditDraft(
        action=AuditAction.LINKAGE_RUN_RECORDED,
        subject=SubjectRef("identity", "linkagerun", str(run.id)),
        actor_id=actor.pk if actor else None,
        payload={"model_id": run.model_id, **summary},
    )


def _link_drafts(
    actor: User | None,
    run: LinkageRun,
    evidence: list[PairEvidence],
    access: Mapping[UUID, policy.RecordAccess],
) -> list[AuditDraft]:
    return [
        AuditDraft(
            action=AuditAction.LINK_APPLIED,
            subject=SubjectRef("identity", "pairevidence", str(row.id)),
            actor_id=actor.pk if actor else None,
            agency_id=access[record_id].agency_id,
            recorded_person_id=record_id,
            payload={"run_id": run.id, "evidence_id": row.id, "other_id": str(other_id)},
        )
        for row in evidence
        if row.status == PairStatus.LINKED
        for record_id, other_id in ((row.left_id, row.right_id), (row.right_id, row.left_id))
    ]
