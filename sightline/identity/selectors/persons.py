"""A person's recorded persons, now or on a past date."""

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from sightline.core.exceptions import NotFound
from sightline.core.scope import Scope
from sightline.identity import policy
from sightline.identity.data import PersonView, RecordSide
from sightline.identity.models import PersonMembership
from sightline.identity.selectors.maps import (
    access_of,
    facts_map,
    person_members_map,
    side_as_seen,
)


def person_get(*, scope: Scope, person_id: UUID) -> PersonView:
    """A person's current recorded persons, as far as the viewer may know of each; NotFound
    unless one of them is held by the viewer's agencies."""
    members = person_members_map(person_ids=[person_id]).get(person_id, set())
    facts = facts_map(members)
    if not any(policy.may_see(scope.agency_ids, access_of(f)) for f in facts.values()):
        raise NotFound("There is no such person.")
    shown = [
        side_as_seen(scope.agency_ids, f)
        for f in facts.values()
        if policy.may_know_of(scope.agency_ids, access_of(f))
    ]
    shown.sort(key=lambda s: (not s.visible, s.agency_name, s.family_name, s.given_name, s.id))
    return PersonView(id=person_id, members=tuple(shown))


def person_id_for_recorded_person(
    *, scope: Scope, recorded_person_id: UUID, on: datetime | None = None
) -> UUID | None:
    """The person one of the viewer's records is part of now, or was part of at `on`
    (None: part of no person then)."""
    facts = facts_map([recorded_person_id]).get(recorded_person_id)
    if facts is None or not policy.may_see(scope.agency_ids, access_of(facts)):
        raise NotFound("There is no such person record.")
    rows = PersonMembership.objects.filter(recorded_person_id=recorded_person_id)
    if on is not None:
        rows = rows.filter(since__lte=on)
    latest = rows.order_by("-number").values_list("person_id", flat=True).first()
    return latest


def record_sides_known(*, scope: Scope, ids: Iterable[UUID]) -> dict[UUID, RecordSide]:
    """Each of these recorded persons as far as the viewer may know of it: the details of their
    own agencies' records, the holding agency of others; a record the viewer may not even know
    of (another agency's confidential or shielded record) is left out."""
    return {
        record_id: side_as_seen(scope.agency_ids, facts)
        for record_id, facts in facts_map(ids).items()
        if policy.may_know_of(scope.agency_ids, access_of(facts))
    }
