"""Who may see a linked record, and who may decide whether two records are one person. Pure.

A practitioner sees a recorded person's details only when one of their agencies holds it
(the records app's rule). Linkage must not widen that: a link tells a reviewer that another
agency holds a record, and whom to ask, never what it says. A record marked confidential or
shielded held by another agency is not even mentioned: its existence is what the marker
protects (the lesson of ContactPoint, whose shielding leaked through duplicate records).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from sightline.identity.data import DECIDING_ROLES

# Confidentiality markers (records' Confidentiality) that hide a record from other agencies.
RESTRICTED = frozenset({"confidential", "shielded"})
# Never linked, matched or shown across agencies.
NEVER_LINKED_ACROSS = frozenset({"shielded"})


@dataclass(frozen=True)
class RecordAccess:
    """What the policy needs to know about a recorded person: who holds it, how it is marked."""

    agency_id: UUID
    confidentiality: str


def may_see(viewer_agencies: frozenset[UUID], record: RecordAccess) -> bool:
    """The record's details: only its own agency's members see them."""
    return record.agency_id in viewer_agencies


def may_know_of(viewer_agencies: frozenset[UUID], record: RecordAccess) -> bool:
    """That the record exists, and which agency holds it."""
    return may_see(viewer_agencies, record) or record.confidentiality not in RESTRICTED


def may_view_pair(
    viewer_agencies: frozenset[UUID], left: RecordAccess, right: RecordAccess
) -> bool:
    """A pair is shown to members of an agency holding one of its records, unless the other
    record is one they may not even know of."""
    ours = may_see(viewer_agencies, left) or may_see(viewer_agencies, right)
    return ours and may_know_of(viewer_agencies, left) and may_know_of(viewer_agencies, right)


def holds_deciding_role(agency_roles: Iterable[tuple[UUID, str]], agencies: Iterable[UUID]) -> bool:
    wanted = frozenset(agencies)
    return any(agency in wanted and role in DECIDING_ROLES for agency, role in agency_roles)


def may_decide_pair(
    agency_roles: frozenset[tuple[UUID, str]], left: RecordAccess, right: RecordAccess
) -> bool:
    """Confirm or reject: a deciding role in the agency of at least one of the two records,
    and the pair visible to them."""
    viewer_agencies = frozenset(agency for agency, _ in agency_roles)
    return may_view_pair(viewer_agencies, left, right) and holds_deciding_role(
        agency_roles, (left.agency_id, right.agency_id)
    )


def may_link(left: RecordAccess, right: RecordAccess) -> bool:
    """Whether linkage may join the two records at all: a shielded record is never linked
    with another agency's record, by a run or by a practitioner."""
    if left.agency_id == right.agency_id:
        return True
    return not ({left.confidentiality, right.confidentiality} & NEVER_LINKED_ACROSS)
