"""Whom a viewer may hold meetings and set actions about, and how a child is named to them.

A meeting or an action is recorded by an agency about its own record of the child: that is the
record its chronology event is about. A practitioner may record one about a child whose record
their agency holds, or about a child they may see through a relationship (access), provided
their agency holds a record linked with it.

A child is named to a viewer only from their own agency's record of the child (records'
rule: an agency sees its own records); otherwise only the agency holding the record is named,
so the viewer knows whom to ask.
"""

from collections.abc import Collection, Iterable, Mapping
from uuid import UUID

from sightline.access.selectors import child_access_get
from sightline.agencies.data import RECORDING_ROLES
from sightline.agencies.selectors import memberships_for_user
from sightline.core.exceptions import NotFound
from sightline.core.scope import Scope
from sightline.households.data import Role as HouseholdRole
from sightline.households.selectors import household_member_map
from sightline.identity.selectors import (
    membership_current_map,
    person_members_map,
    record_access_map,
    record_sides_known,
    same_person_ids,
)
from sightline.meetings.data import ChildRef, RecordingOption


def recording_agency_ids(*, user_id: int) -> frozenset[UUID]:
    """The agencies in which the user holds a role that records about children."""
    return frozenset(
        m.agency_id for m in memberships_for_user(user_id=user_id) if m.role in RECORDING_ROLES
    )


def _agencies_scope(agency_ids: Iterable[UUID]) -> Scope:
    """What these agencies hold, as the identity selectors read a scope: by agency alone (no
    one user is asking; the caller has decided whose agencies these are)."""
    return Scope(user_id=0, agency_ids=frozenset(agency_ids))


def linked_records_map(ids: Iterable[UUID]) -> dict[UUID, set[UUID]]:
    """Each record with every record linked with it as one person, itself included."""
    wanted = list(dict.fromkeys(ids))
    current = membership_current_map(ids=wanted)
    members = person_members_map(
        person_ids={person for _, person in current.values() if person is not None}
    )
    linked = {}
    for record in wanted:
        person = current.get(record, (0, None))[1]
        linked[record] = (members.get(person, set()) if person is not None else set()) | {record}
    return linked


def child_ref_map(
    *, agency_ids: Collection[UUID], children: Mapping[UUID, str]
) -> dict[UUID, ChildRef]:
    """children: record id → the name of the agency holding it. Each child as these agencies
    may name them: from their own record linked with it, preferring the record itself."""
    linked = linked_records_map(children)
    sides = record_sides_known(
        scope=_agencies_scope(agency_ids), ids={r for records in linked.values() for r in records}
    )
    refs = {}
    for child, agency_name in children.items():
        own = sorted(
            (sides[r] for r in linked[child] if r in sides and sides[r].visible),
            key=lambda side, child=child: (side.id != child, str(side.id)),  # type: ignore[misc]
        )
        refs[child] = ChildRef(
            recorded_person_id=child,
            agency_name=agency_name,
            name=own[0].full_name if own else "",
            own_record_id=own[0].id if own else None,
        )
    return refs


def require_child_visible(*, user_id: int, recorded_person_id: UUID) -> None:
    """NotFound unless the viewer may see the child: their agency holds this record, or they
    may open the child's chronology. A forbidden child answers as a missing one."""
    holder = record_access_map(ids=[recorded_person_id]).get(recorded_person_id)
    if holder is None:
        raise NotFound("There is no such person record.")
    if holder.agency_id in recording_agency_ids(user_id=user_id):
        return
    if not child_access_get(user_id=user_id, recorded_person_id=recorded_person_id).may_open:
        raise NotFound("There is no such person record.")


def recording_options_for(*, user_id: int, recorded_person_id: UUID) -> list[RecordingOption]:
    """The viewer's recording agencies that hold a record of this child (linked with this one,
    or this one), each with that record, by agency name. Does not check that the viewer may see
    the child: callers do (require_child_visible)."""
    memberships = memberships_for_user(user_id=user_id)
    recording = {m.agency_id: m.agency_name for m in memberships if m.role in RECORDING_ROLES}
    holders = record_access_map(ids=same_person_ids(recorded_person_id=recorded_person_id))
    sides = record_sides_known(
        scope=_agencies_scope(recording),
        ids=[r for r, held in holders.items() if held.agency_id in recording],
    )
    options: dict[UUID, RecordingOption] = {}
    for record in sorted(sides, key=lambda r: (r != recorded_person_id, str(r))):
        side = sides[record]
        options.setdefault(
            side.agency_id,
            RecordingOption(side.agency_id, recording[side.agency_id], record, side.full_name),
        )
    return sorted(options.values(), key=lambda option: option.agency_name)


def may_record_about(*, user_id: int, recorded_person_id: UUID) -> bool:
    """Whether one of the viewer's agencies, where they hold a role that records, holds a record
    of this child: this one (two reads, the common case) or one linked with it. Does not check
    that the viewer may see the child: the pages this leads to do."""
    agencies = recording_agency_ids(user_id=user_id)
    holder = record_access_map(ids=[recorded_person_id]).get(recorded_person_id)
    if not agencies or holder is None or holder.agency_id in agencies:
        return holder is not None and holder.agency_id in agencies
    linked = same_person_ids(recorded_person_id=recorded_person_id) - {recorded_person_id}
    return any(held.agency_id in agencies for held in record_access_map(ids=linked).values())


def recording_option_list(*, user_id: int, recorded_person_id: UUID) -> list[RecordingOption]:
    """Whom the viewer may record a meeting or action about this child for (empty: nobody,
    since none of their agencies holds a record of the child); NotFound when they may not see
    the child at all."""
    require_child_visible(user_id=user_id, recorded_person_id=recorded_person_id)
    return recording_options_for(user_id=user_id, recorded_person_id=recorded_person_id)


def household_child_list(*, agency_id: UUID, recorded_person_id: UUID) -> list[tuple[UUID, str]]:
    """The other children of the child's household whose records this agency holds, by name:
    brothers and sisters a meeting about the child may also be about."""
    linked = same_person_ids(recorded_person_id=recorded_person_id)
    members = household_member_map(recorded_person_ids=linked)
    children = [r for r, role in members.items() if role == HouseholdRole.CHILD and r not in linked]
    sides = record_sides_known(scope=_agencies_scope({agency_id}), ids=children)
    return sorted(
        ((record, side.full_name) for record, side in sides.items() if side.visible),
        key=lambda pair: pair[1],
    )
