"""The records joined with one of the viewer's records as one person, and how each joined.

A record the viewer may not know of (another agency's confidential or shielded record) is
left out as if it were not there. A record joined only with such records reads as joined with
none, so that nothing the viewer sees depends on whether a hidden record exists.
"""

from uuid import UUID

from sightline.core.exceptions import NotFound
from sightline.core.scope import Scope
from sightline.identity import policy
from sightline.identity.data import JoinedPerson, JoinedRecord, RecordSide
from sightline.identity.models import PersonMembership
from sightline.identity.selectors.maps import (
    access_of,
    facts_map,
    membership_current_map,
    person_members_map,
    record_access_map,
    side_as_seen,
)


def person_joined_get(*, scope: Scope, recorded_person_id: UUID) -> JoinedPerson | None:
    """The person one of the viewer's records is part of, with its other records the viewer
    may know of and how each joined; None when no such record is joined with it."""
    current = membership_current_map(ids=[recorded_person_id])
    person_id = current.get(recorded_person_id, (0, None))[1]
    members = (
        person_members_map(person_ids=[person_id]).get(person_id, set()) if person_id else set()
    )
    facts = facts_map(members | {recorded_person_id})
    record = facts.get(recorded_person_id)
    if record is None or not policy.may_see(scope.agency_ids, access_of(record)):
        raise NotFound("There is no such person record.")
    known = {
        record_id: side_as_seen(scope.agency_ids, side)
        for record_id, side in facts.items()
        if record_id != recorded_person_id and policy.may_know_of(scope.agency_ids, access_of(side))
    }
    if person_id is None or not known:
        return None
    others = _how_joined(scope, person_id, known, facts)
    others.sort(
        key=lambda o: (
            not o.side.visible,
            o.side.agency_name,
            o.side.family_name,
            o.side.given_name,
            o.side.id,
        )
    )
    return JoinedPerson(person_id=person_id, record=record, others=tuple(others))


def _how_joined(
    scope: Scope, person_id: UUID, known: dict[UUID, RecordSide], facts: dict[UUID, RecordSide]
) -> list[JoinedRecord]:
    """Each record's current membership of the person: the latest row naming it, since the
    record is part of the person now."""
    rows = (
        PersonMembership.objects.filter(person_id=person_id, recorded_person_id__in=list(known))
        .select_related("run", "decision__decided_by")
        .order_by("recorded_person_id", "number")
    )
    current = {row.recorded_person_id: row for row in rows}
    decided = [row.decision for row in current.values() if row.decision is not None]
    pair_ids = {i for d in decided for i in (d.left_id, d.right_id)}
    access = {i: access_of(side) for i, side in facts.items() if i in pair_ids}
    if pair_ids - access.keys():  # a decision about a record that has left the person since
        access.update(record_access_map(ids=pair_ids - access.keys()))
    joined = []
    for record_id, side in known.items():
        row = current[record_id]
        decided_by = ""
        if row.decision is not None and all(
            i in access and policy.may_know_of(scope.agency_ids, access[i])
            for i in (row.decision.left_id, row.decision.right_id)
        ):
            decided_by = str(row.decision.decided_by)
        joined.append(
            JoinedRecord(
                side=side,
                cause=row.cause,
                since=row.since,
                run_number=row.run.number if row.run is not None else None,
                decided_by=decided_by,
            )
        )
    return joined
