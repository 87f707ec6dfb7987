"""A practitioner's decisions: confirm or reject a pair, unlink a record, split a person.

Each is one transaction with its audit entries, and each can be reversed by a later decision:
a confirmation by a rejection (or an unlink), a rejection, unlink or split by confirming a
pair across it. The latest decision on a pair is what every later linkage run obeys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record_many
from sightline.core import clock
from sightline.core.exceptions import (
    Conflict,
    FieldProblem,
    InvalidInput,
    NotFound,
    NotPermitted,
)
from sightline.core.scope import Scope
from sightline.identity import policy
from sightline.identity.data import DecisionResult, MembershipCause, Occasion, Verdict
from sightline.identity.models import LinkDecision
from sightline.identity.selectors import (
    Pair,
    decision_latest_map,
    linked_edge_map,
    membership_current_map,
    ordered,
    pair_access_get,
    person_members_map,
    record_access_map,
)
from sightline.identity.services.clustering import Clusters
from sightline.identity.services.memberships import MembershipWriter

if TYPE_CHECKING:
    from sightline.accounts.models import User

_REASON_LENGTH = LinkDecision._meta.get_field("reason").max_length or 1000


def _reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise InvalidInput([FieldProblem("reason", "Enter the reason for your decision")])
    if len(text) > _REASON_LENGTH:
        message = f"The reason must be {_REASON_LENGTH} characters or fewer"
        raise InvalidInput([FieldProblem("reason", message)])
    return text


@dataclass(frozen=True)
class _Pair:
    key: Pair
    access: Mapping[UUID, policy.RecordAccess]


def _pair_for_decision(scope: Scope, evidence_id: UUID) -> _Pair:
    left, right, left_access, right_access = pair_access_get(scope=scope, evidence_id=evidence_id)
    if not policy.may_decide_pair(scope.agency_roles, left_access, right_access):
        raise NotPermitted("There is no such pair of records.")
    return _Pair(ordered(left, right), {left: left_access, right: right_access})


def _decision(
    actor: User, key: Pair, verdict: Verdict, occasion: Occasion, reason: str, **more: object
) -> LinkDecision:
    return LinkDecision(
        left_id=key[0],
        right_id=key[1],
        verdict=verdict,
        occasion=occasion,
        decided_by=actor,
        decided_at=clock.now(),
        reason=reason,
        **more,
    )


def _decision_drafts(
    actor: User, decisions: Iterable[LinkDecision], access: Mapping[UUID, policy.RecordAccess]
) -> list[AuditDraft]:
    """One entry for each record of each decision, so that either record's trail shows it."""
    drafts = []
    for d in decisions:
        for record_id, other_id in ((d.left_id, d.right_id), (d.right_id, d.left_id)):
            if d.verdict == Verdict.WITHDRAWN:
                action = AuditAction.LINK_WITHDRAWN
                payload: dict[str, object] = {"withdrawn_by_id": d.withdrawn_by_id}
            else:
                action = (
                    AuditAction.LINK_CONFIRMED
                    if d.verdict == Verdict.CONFIRMED
                    else AuditAction.LINK_REJECTED
                )
                payload = {"evidence_id": d.evidence_id, "occasion": d.occasion}
            drafts.append(
                AuditDraft(
                    action=action,
                    subject=SubjectRef("identity", "linkdecision", str(d.pk)),
                    actor_id=actor.pk,
                    agency_id=access[record_id].agency_id,
                    recorded_person_id=record_id,
                    payload={"decision_id": d.pk, "other_id": str(other_id), **payload},
                )
            )
    return drafts


def _groups_around(
    records: Iterable[UUID],
) -> tuple[dict[UUID, tuple[int, UUID | None]], set[UUID]]:
    """Current memberships of these records and of everyone in their persons."""
    wanted = set(records)
    current = membership_current_map(ids=wanted)
    persons = person_members_map(person_ids={p for _, p in current.values() if p is not None})
    everyone = wanted.union(*persons.values())
    current.update(membership_current_map(ids=everyone - wanted))
    return current, everyone


def _clusters_now(
    current: Mapping[UUID, tuple[int, UUID | None]], everyone: set[UUID]
) -> Clusters[UUID]:
    by_person: dict[UUID, list[UUID]] = {}
    for record_id in everyone:
        person = current.get(record_id, (0, None))[1]
        if person is not None:
            by_person.setdefault(person, []).append(record_id)
    clusters: Clusters[UUID] = Clusters(groups=by_person.values())
    for record_id in everyone:
        clusters.add(record_id)
    return clusters


@transaction.atomic
def link_confirm(*, actor: User, scope: Scope, evidence_id: UUID, reason: str) -> DecisionResult:
    """The two records are the same person: their persons become one. Rejections that kept
    any of their records apart are withdrawn, if the actor may decide on them too."""
    pair = _pair_for_decision(scope, evidence_id)
    reason = _reason(reason)
    if not policy.may_link(*pair.access.values()):
        raise Conflict("A shielded record is never linked with another agency's record.")
    latest = decision_latest_map(ids=pair.key, both_among=True).get(pair.key)
    if latest is not None and latest[1] == Verdict.CONFIRMED:
        return DecisionResult(None, Verdict.CONFIRMED, withdrawn=0, memberships_changed=0)
    current, everyone = _groups_around(pair.key)
    clusters = _clusters_now(current, everyone)
    verdicts = decision_latest_map(ids=everyone, both_among=True)
    for key, (_, verdict) in verdicts.items():
        if verdict == Verdict.REJECTED and key != pair.key:
            clusters.keep_apart(*key)
    crossing = [ordered(*key) for key in clusters.apart_pairs(*pair.key)]
    access = {**record_access_map(ids=everyone), **pair.access}
    for key in crossing:
        if not policy.holds_deciding_role(scope.agency_roles, (access[r].agency_id for r in key)):
            raise Conflict(
                "Another agency has decided that some of these records are different people. "
                "Ask them to review it before you confirm this link."
            )
    decision = _decision(
        actor, pair.key, Verdict.CONFIRMED, Occasion.REVIEW, reason, evidence_id=evidence_id
    )
    decision.save()
    withdrawals = LinkDecision.objects.bulk_create(
        [
            _decision(actor, key, Verdict.WITHDRAWN, Occasion.JOIN, reason, withdrawn_by=decision)
            for key in sorted(set(crossing))
        ]
    )
    writer = MembershipWriter(since=decision.decided_at, current=current, decision_id=decision.pk)
    writer.place(
        clusters.group_of(pair.key[0]) | clusters.group_of(pair.key[1]),
        cause_for_new=MembershipCause.CONFIRMED,
    )
    drafts = writer.write(actor=actor, access=access)
    audit_record_many([*_decision_drafts(actor, [decision, *withdrawals], access), *drafts])
    return DecisionResult(decision.pk, Verdict.CONFIRMED, len(withdrawals), len(writer.rows))


def _components(
    members: set[UUID], verdicts: Mapping[Pair, tuple[int, str]], dropped: Pair | None = None
) -> Clusters[UUID]:
    """How a person's records hold together by their links, once a rejection is made: the
    confirmed links first, then the automatic ones, strongest first; never across a rejected
    pair."""
    rejected = [key for key, (_, verdict) in verdicts.items() if verdict == Verdict.REJECTED]
    clusters: Clusters[UUID] = Clusters(apart=rejected)
    for record_id in members:
        clusters.add(record_id)
    confirmed = [key for key, (_, v) in verdicts.items() if v == Verdict.CONFIRMED]
    for key in confirmed:
        clusters.join(*key)
    automatic = linked_edge_map(ids=members)
    for key in sorted(automatic, key=lambda k: (-automatic[k], k)):
        if key != dropped and verdicts.get(key, (0, ""))[1] != Verdict.REJECTED:
            clusters.join(*key)
    return clusters


def _confirmed_path(
    members: set[UUID], verdicts: Mapping[Pair, tuple[int, str]], key: Pair
) -> bool:
    confirmed: Clusters[UUID] = Clusters()
    for pair, (_, verdict) in verdicts.items():
        if verdict == Verdict.CONFIRMED and pair != key and set(pair) <= members:
            confirmed.join(*pair)
    return confirmed.together(*key)


@transaction.atomic
def link_reject(*, actor: User, scope: Scope, evidence_id: UUID, reason: str) -> DecisionResult:
    """The two records are different people. If they are part of one person now, that person is
    divided along its remaining links."""
    pair = _pair_for_decision(scope, evidence_id)
    reason = _reason(reason)
    latest = decision_latest_map(ids=pair.key, both_among=True).get(pair.key)
    if latest is not None and latest[1] == Verdict.REJECTED:
        return DecisionResult(None, Verdict.REJECTED, withdrawn=0, memberships_changed=0)
    current, _ = _groups_around(pair.key)
    person = current.get(pair.key[0], (0, None))[1]
    if person != current.get(pair.key[1], (0, None))[1]:
        person = None  # not part of one person: nothing to divide
    members = person_members_map(person_ids=[person]).get(person, set()) if person else set()
    verdicts = decision_latest_map(ids=members, both_among=True)
    if person and _confirmed_path(members, verdicts, pair.key):
        raise Conflict(
            "Confirmed links join these records through other records of the same person. "
            "Reject those links first."
        )
    decision = _decision(
        actor, pair.key, Verdict.REJECTED, Occasion.REVIEW, reason, evidence_id=evidence_id
    )
    decision.save()
    writer = MembershipWriter(since=decision.decided_at, current=current, decision_id=decision.pk)
    access = dict(pair.access)
    if person is not None:
        verdicts[pair.key] = (decision.pk, Verdict.REJECTED)
        groups = _components(members, verdicts, dropped=pair.key).groups()
        writer.separate(person, groups, MembershipCause.SEPARATED)
        access = {**record_access_map(ids=members), **access}
    drafts = writer.write(actor=actor, access=access)
    audit_record_many([*_decision_drafts(actor, [decision], access), *drafts])
    return DecisionResult(
        decision.pk, Verdict.REJECTED, withdrawn=0, memberships_changed=len(writer.rows)
    )


@transaction.atomic
def link_decide(
    *, actor: User, scope: Scope, evidence_id: UUID, verdict: str, reason: str
) -> DecisionResult:
    """Confirm or reject a pair from its review page."""
    if verdict == Verdict.CONFIRMED:
        return link_confirm(actor=actor, scope=scope, evidence_id=evidence_id, reason=reason)
    if verdict == Verdict.REJECTED:
        return link_reject(actor=actor, scope=scope, evidence_id=evidence_id, reason=reason)
    message = "Select whether these records are about the same person"
    raise InvalidInput([FieldProblem("verdict", message)])


def _person_for_decision(
    scope: Scope, person_id: UUID
) -> tuple[set[UUID], dict[UUID, policy.RecordAccess]]:
    """A person's current records, if the actor holds a deciding role in the agency of one of
    them (else NotFound, as for a missing person)."""
    members = person_members_map(person_ids=[person_id]).get(person_id, set())
    access = record_access_map(ids=members)
    agencies = [a.agency_id for a in access.values()]
    if not members or not policy.holds_deciding_role(scope.agency_roles, agencies):
        raise NotFound("There is no such person.")
    return members, access


@transaction.atomic
def person_unlink(
    *, actor: User, scope: Scope, recorded_person_id: UUID, reason: str
) -> DecisionResult:
    """The record is not this person: it leaves its person, and is rejected as the same person
    as each of the others, so no later run links it back."""
    reason = _reason(reason)
    current, _ = _groups_around([recorded_person_id])
    person = current.get(recorded_person_id, (0, None))[1]
    if person is None:
        raise NotFound("This record is not linked to a person.")
    members, access = _person_for_decision(scope, person)
    if not policy.may_know_of(scope.agency_ids, access[recorded_person_id]):
        raise NotFound("This record is not linked to a person.")
    others = sorted(members - {recorded_person_id})
    if others and not any(policy.may_know_of(scope.agency_ids, access[o]) for o in others):
        # Joined only with records the actor may not even know of: answer as for a record
        # joined with none, or the answer itself would tell them such a record exists.
        raise NotFound("This record is not linked to a person.")
    if not others:
        raise Conflict("This record is the only one in its person: there is nothing to unlink.")
    decisions = LinkDecision.objects.bulk_create(
        [
            _decision(
                actor, ordered(recorded_person_id, other), Verdict.REJECTED, Occasion.UNLINK, reason
            )
            for other in others
        ]
    )
    writer = MembershipWriter(
        since=decisions[0].decided_at, current=current, decision_id=decisions[0].pk
    )
    writer.move(recorded_person_id, None, MembershipCause.UNLINKED)
    remaining = set(others)
    verdicts = decision_latest_map(ids=remaining, both_among=True)
    writer.separate(person, _components(remaining, verdicts).groups(), MembershipCause.SEPARATED)
    drafts = writer.write(actor=actor, access=access)
    unlinked = AuditDraft(
        action=AuditAction.PERSON_UNLINKED,
        subject=SubjectRef("identity", "person", str(person)),
        actor_id=actor.pk,
        agency_id=access[recorded_person_id].agency_id,
        recorded_person_id=recorded_person_id,
        payload={"person_id": person},
    )
    audit_record_many([unlinked, *_decision_drafts(actor, decisions, access), *drafts])
    return DecisionResult(
        decisions[0].pk, Verdict.REJECTED, withdrawn=0, memberships_changed=len(writer.rows)
    )


@transaction.atomic
def person_split(
    *, actor: User, scope: Scope, person_id: UUID, moving_ids: Iterable[UUID], reason: str
) -> UUID:
    """Divide a person in two: the chosen records become a new person, rejected as the same
    person as each record that stays. Returns the new person's id."""
    reason = _reason(reason)
    members, access = _person_for_decision(scope, person_id)
    moving = set(moving_ids)
    if any(not policy.may_know_of(scope.agency_ids, access[r]) for r in moving & members):
        raise NotFound("There is no such person record.")
    staying = members - moving
    if not moving or not moving <= members or not staying:
        message = "Choose some, but not all, of this person's records to move to a new person"
        raise InvalidInput([FieldProblem("records", message)])
    decisions = LinkDecision.objects.bulk_create(
        [
            _decision(actor, ordered(m, s), Verdict.REJECTED, Occasion.SPLIT, reason)
            for m in sorted(moving)
            for s in sorted(staying)
        ]
    )
    current = membership_current_map(ids=members)
    writer = MembershipWriter(
        since=decisions[0].decided_at, current=current, decision_id=decisions[0].pk
    )
    new_person = writer.new_person()
    for record_id in sorted(moving):
        writer.move(record_id, new_person, MembershipCause.SPLIT)
    drafts = writer.write(actor=actor, access=access)
    split = AuditDraft(
        action=AuditAction.PERSON_SPLIT,
        subject=SubjectRef("identity", "person", str(person_id)),
        actor_id=actor.pk,
        payload={"new_person_id": new_person, "moved_ids": sorted(str(r) for r in moving)},
    )
    audit_record_many([split, *_decision_drafts(actor, decisions, access), *drafts])
    return new_person
