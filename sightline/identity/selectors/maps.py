"""Ids and codes about recorded persons, memberships and decisions, for services and the other
selectors: who holds each record and how it is marked, which person each is part of, the
latest decision on each pair. No personal content leaves this module except through
side_as_seen, which applies the policy.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import cast
from uuid import UUID

from django.db import models
from django.db.models import Q

from sightline.core.ids import id_chunks
from sightline.core.sql import columns, subqueries_first, typed_rows_for
from sightline.identity import policy
from sightline.identity.data import PairStatus, RecordSide
from sightline.identity.models import LinkDecision, PairEvidence, PersonMembership

Pair = tuple[UUID, UUID]


def ordered(first: UUID, second: UUID) -> Pair:
    """The one order a pair is stored in."""
    return (first, second) if first < second else (second, first)


# Records offers reads scoped to the viewer's own agencies; linkage must know, for records
# of any agency, who holds them and how they are marked. Identity reads that through its own
# foreign key to the recorded person, as records reads agency names through its own.
def _recorded_person_model() -> type[models.Model]:
    related = PersonMembership._meta.get_field("recorded_person").related_model
    return cast(type[models.Model], related)


_FACT_FIELDS = (
    "given_name",
    "family_name",
    "date_of_birth",
    "date_of_birth_precision",
    "confidentiality",
)


def facts_map(ids: Iterable[UUID]) -> dict[UUID, RecordSide]:
    """Each recorded person's holding agency and current version, in full (unscoped: callers
    pass the result through side_as_seen before anything reaches a viewer)."""
    found: dict[UUID, tuple[int, RecordSide]] = {}
    manager = _recorded_person_model()._default_manager
    columns = [f"versions__{name}" for name in _FACT_FIELDS]
    for chunk in id_chunks(ids):
        rows = manager.filter(id__in=chunk).values(
            "id", "agency_id", "agency__name", "versions__number", *columns
        )
        for row in rows:
            number = row["versions__number"]
            if row["id"] in found and found[row["id"]][0] >= number:
                continue
            found[row["id"]] = (
                number,
                RecordSide(
                    id=row["id"],
                    agency_id=row["agency_id"],
                    agency_name=row["agency__name"],
                    visible=True,
                    **{name: row[f"versions__{name}"] for name in _FACT_FIELDS},
                ),
            )
    return {record_id: side for record_id, (_, side) in found.items()}


def access_of(side: RecordSide) -> policy.RecordAccess:
    return policy.RecordAccess(agency_id=side.agency_id, confidentiality=side.confidentiality)


def side_as_seen(viewer_agencies: frozenset[UUID], facts: RecordSide) -> RecordSide:
    if policy.may_see(viewer_agencies, access_of(facts)):
        return facts
    return RecordSide(
        id=facts.id, agency_id=facts.agency_id, agency_name=facts.agency_name, visible=False
    )


def record_access_map(*, ids: Iterable[UUID]) -> dict[UUID, policy.RecordAccess]:
    """Holding agency and confidentiality marker of each recorded person (no personal data)."""
    return {record_id: access_of(side) for record_id, side in facts_map(ids).items()}


# ---------------------------------------------------------------- memberships and decisions


def membership_current_map(
    *, ids: Iterable[UUID], as_of: datetime | None = None
) -> dict[UUID, tuple[int, UUID | None]]:
    """recorded person → (number of its current membership, its person or None); recorded
    persons that were never linked are left out. With `as_of`, as they stood then."""
    current: dict[UUID, tuple[int, UUID | None]] = {}
    for chunk in id_chunks(ids):
        memberships = PersonMembership.objects.filter(recorded_person_id__in=chunk)
        if as_of is not None:
            memberships = memberships.filter(since__lte=as_of)
        rows = memberships.values_list("recorded_person_id", "number", "person_id")
        for record_id, number, person_id in rows:
            if record_id not in current or current[record_id][0] < number:
                current[record_id] = (number, person_id)
    return current


def person_members_map(
    *, person_ids: Iterable[UUID], as_of: datetime | None = None
) -> dict[UUID, set[UUID]]:
    """Each person's current recorded persons (with `as_of`, those it had then)."""
    wanted = set(person_ids)
    candidates: set[UUID] = set()
    for chunk in id_chunks(wanted):
        memberships = PersonMembership.objects.filter(person_id__in=chunk)
        if as_of is not None:
            memberships = memberships.filter(since__lte=as_of)
        candidates.update(memberships.values_list("recorded_person_id", flat=True))
    members: dict[UUID, set[UUID]] = defaultdict(set)
    for record_id, (_, person_id) in membership_current_map(ids=candidates, as_of=as_of).items():
        if person_id in wanted:
            members[person_id].add(record_id)
    return dict(members)


def same_person_ids(*, recorded_person_id: UUID, as_of: datetime | None = None) -> set[UUID]:
    """The recorded persons that are one person with this one (itself included), now or as
    they stood at `as_of`. Unscoped ids: callers apply the access policy."""
    _, person_id = membership_current_map(ids=[recorded_person_id], as_of=as_of).get(
        recorded_person_id, (0, None)
    )
    if person_id is None:
        return {recorded_person_id}
    return person_members_map(person_ids=[person_id], as_of=as_of).get(person_id, set()) | {
        recorded_person_id
    }


# Every membership row of every record that has ever shared a person with one of `{ids}`.
_LINKED_SQL = """
    SELECT recorded_person_id, number, person_id FROM identity_personmembership
    WHERE recorded_person_id {IN}
        SELECT recorded_person_id FROM identity_personmembership WHERE person_id {IN}
            SELECT person_id FROM identity_personmembership WHERE recorded_person_id IN ({ids})
        {END}
    {END}
"""


def linked_records_map(*, ids: Iterable[UUID]) -> dict[UUID, frozenset[UUID]]:
    """Each of these recorded persons → the recorded persons linked with it as one person now,
    itself included (itself alone if it was never linked, or was unlinked). One query for each
    2,000 records, for Sightline's own work over many records at once (risk evaluation).
    Unscoped ids."""
    asked = set(ids)
    fields = columns(PersonMembership, "recorded_person", "number", "person")
    latest: dict[UUID, tuple[int, UUID | None]] = {}
    for record, number, person in typed_rows_for(subqueries_first(_LINKED_SQL), asked, fields):
        if record not in latest or latest[record][0] < number:
            latest[record] = (number, person)
    members: dict[UUID, set[UUID]] = defaultdict(set)
    for record, (_, person) in latest.items():
        if person is not None:
            members[person].add(record)
    linked: dict[UUID, frozenset[UUID]] = {}
    for record in asked:
        person = latest.get(record, (0, None))[1]
        linked[record] = frozenset(members[person]) if person else frozenset({record})
    return linked


def other_holders_map(
    *, viewer_agencies: frozenset[UUID], ids: Iterable[UUID]
) -> dict[UUID, set[UUID]]:
    """For each of these records, the other agencies holding records linked with it as one
    person, leaving out records the viewer may not even know of (policy.may_know_of)."""
    current = membership_current_map(ids=ids)
    persons = person_members_map(person_ids={p for _, p in current.values() if p is not None})
    access = record_access_map(ids={r for members in persons.values() for r in members})
    held: dict[UUID, set[UUID]] = {}
    for record_id, (_, person_id) in current.items():
        linked = persons.get(person_id, set()) if person_id is not None else set()
        agencies = {
            access[other].agency_id
            for other in linked
            if other in access and policy.may_know_of(viewer_agencies, access[other])
        } - viewer_agencies
        if agencies:
            held[record_id] = agencies
    return held


def decision_latest_map(
    *, ids: Iterable[UUID], both_among: bool = False
) -> dict[Pair, tuple[int, str]]:
    """pair → (id, verdict) of the latest decision on each pair touching these recorded
    persons (with both_among, only pairs whose two records are both among them)."""
    wanted = list(dict.fromkeys(ids))
    latest: dict[Pair, tuple[int, str]] = {}
    for chunk in id_chunks(wanted):
        if both_among:
            condition = Q(left_id__in=chunk, right_id__in=wanted)
        else:
            condition = Q(left_id__in=chunk) | Q(right_id__in=chunk)
        rows = LinkDecision.objects.filter(condition).values_list(
            "id", "left_id", "right_id", "verdict"
        )
        for decision_id, left, right, verdict in rows:
            pair = (left, right)
            if pair not in latest or latest[pair][0] < decision_id:
                latest[pair] = (decision_id, verdict)
    return latest


def linked_edge_map(*, ids: Iterable[UUID]) -> dict[Pair, float]:
    """Pairs among these recorded persons that some run linked automatically, with the
    highest weight it gave them: the links that hold a person together, besides confirmed
    decisions."""
    wanted = list(dict.fromkeys(ids))
    edges: dict[Pair, float] = {}
    for chunk in id_chunks(wanted):
        rows = PairEvidence.objects.filter(
            left_id__in=chunk, right_id__in=wanted, status=PairStatus.LINKED
        ).values_list("left_id", "right_id", "match_weight")
        for left, right, weight in rows:
            edges[(left, right)] = max(weight, edges.get((left, right), weight))
    return edges
