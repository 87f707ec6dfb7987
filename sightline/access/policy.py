"""Who may see a child's joined chronology, and how much of each entry. Pure.

Deny by default. A practitioner sees what every agency holds about a child only through a
legitimate relationship with the child, today: they are the child's allocated worker (or manage
the team that allocated them); they are the designated safeguarding lead of the child's
school; they work at the child's GP practice, or in the health visiting or school nursing
service that has the child on its caseload; they hold a MASH role in an agency with a contact
open about the child; they are police, in the force that recorded a domestic abuse incident in
the child's household; or they have broken the glass, with a reason, for a limited time.

Without one, a practitioner still sees their own agency's records (the records app's rule),
and a search tells them only that other agencies hold information and whom to contact.
Analysts, information governance leads and administrators never open a child's chronology:
they work with figures, audit trails and accounts.

Within a chronology that may be opened, another agency's entry is shown in full, redacted (its
kind, date and agency, so that the practitioner knows whom to ask) or not at all:
- a sensitive entry (sexual health, say) stays with its agency unless released: redacted;
- a restricted entry is never shown outside its agency, not even as a redacted line;
- an entry about an adult of the child's household, rather than the child, is in full only for
  the relationships whose work is the family (allocated worker and manager, MASH, police);
  for the others it is redacted;
- under break-glass, only standard entries about the child are in full.

docs/access-matrix.csv is the reviewed table of these outcomes; the tests hold the policy to it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cached_property
from uuid import UUID


class Basis(StrEnum):
    """Why a practitioner may open a child's chronology."""

    ALLOCATED_WORKER = "allocated_worker"
    ALLOCATING_MANAGER = "allocating_manager"
    SCHOOL_DSL = "school_dsl"
    GP_PRACTICE = "gp_practice"
    HEALTH_VISITING = "health_visiting"
    SCHOOL_NURSING = "school_nursing"
    MASH_OPEN_CONTACT = "mash_open_contact"
    POLICE_HOUSEHOLD_INCIDENT = "police_household_incident"
    BREAK_GLASS = "break_glass"


class Action(StrEnum):
    OPEN_CHRONOLOGY = "open_chronology"
    SEE_ENTRY = "see_entry"
    EXPORT = "export"
    SEARCH = "search"


class Outcome(StrEnum):
    ALLOW = "allow"
    DENY = "deny"  # answered exactly as a missing record: 404
    REDACT = "redact"  # an entry: its kind, date and agency, nothing it says
    HINT = "hint"  # a search: that other agencies hold information, and whom to contact


class About(StrEnum):
    """Whom an entry is about, seen from the child."""

    CHILD = "child"
    HOUSEHOLD_ADULT = "household_adult"


class EntrySensitivity(StrEnum):
    # The records app's Sensitivity, as the policy reads it.
    STANDARD = "standard"
    SENSITIVE = "sensitive"
    RESTRICTED = "restricted"


# Roles (the agencies app's Role values) that work with individual children.
CASEWORK_ROLES = frozenset({"practitioner", "dsl", "manager", "senior_manager", "mash"})
MANAGING_ROLES = frozenset({"manager", "senior_manager"})
# Agency kinds (the agencies app's AgencyKind values) for relationships tied to a service.
_SERVICE_BASES = {
    ("school_enrolment", "school"): Basis.SCHOOL_DSL,
    ("gp_registration", "gp"): Basis.GP_PRACTICE,
    ("health_visiting_caseload", "health_visiting"): Basis.HEALTH_VISITING,
    ("school_nursing_caseload", "school_nursing"): Basis.SCHOOL_NURSING,
}
# At a school only the designated safeguarding lead sees the joined picture, not every teacher.
_SERVICE_ROLES = {
    Basis.SCHOOL_DSL: frozenset({"dsl"}),
    Basis.GP_PRACTICE: CASEWORK_ROLES - {"mash"},
    Basis.HEALTH_VISITING: CASEWORK_ROLES - {"mash"},
    Basis.SCHOOL_NURSING: CASEWORK_ROLES - {"mash"},
}
# Whose work is the whole family: they see entries about the household's adults in full.
FAMILY_BASES = frozenset(
    {
        Basis.ALLOCATED_WORKER,
        Basis.ALLOCATING_MANAGER,
        Basis.MASH_OPEN_CONTACT,
        Basis.POLICE_HOUSEHOLD_INCIDENT,
    }
)


@dataclass(frozen=True)
class Post:
    """One of a practitioner's memberships: an agency, its kind, a role there."""

    agency_id: UUID
    agency_kind: str
    role: str


@dataclass(frozen=True)
class Viewer:
    user_id: int
    posts: frozenset[Post]

    def agency_ids(self) -> frozenset[UUID]:
        return self._agency_ids

    @cached_property
    def _agency_ids(self) -> frozenset[UUID]:
        # Asked once for each entry of a chronology: worked out once.
        return frozenset(post.agency_id for post in self.posts)


@dataclass(frozen=True)
class ChildTies:
    """What ties a child to agencies and workers today, over all the child's linked records."""

    # (relationship kind, agency id) of the current service relationships: school enrolment,
    # GP registration, health visiting and school nursing caseloads.
    services: frozenset[tuple[str, UUID]] = frozenset()
    # (worker's user id, the agency that allocated them) of current allocations.
    allocations: frozenset[tuple[int, UUID]] = frozenset()
    # Agencies with a contact episode open about the child.
    open_contacts: frozenset[UUID] = frozenset()
    # Police agencies that recorded a domestic abuse incident in the child's household.
    household_incidents: frozenset[UUID] = frozenset()
    # Whether the viewer holds an unexpired break-glass grant for the child.
    break_glass: bool = False


@dataclass(frozen=True)
class ChildAccess:
    """What the access policy needs, and what it found, for one viewer and one child."""

    viewer: Viewer
    ties: ChildTies
    bases: frozenset[Basis]
    record_ids: frozenset[UUID]  # the child's recorded persons, across agencies, now
    purpose_stated: bool
    break_glass_until: datetime | None

    @property
    def may_open(self) -> bool:
        return bool(self.bases)


def bases(viewer: Viewer, ties: ChildTies) -> frozenset[Basis]:
    """Every legitimate relationship the viewer has with the child today."""
    found: set[Basis] = set()
    for post in viewer.posts:
        found.update(_bases_of_post(viewer.user_id, post, ties))
    if ties.break_glass and any(post.role in CASEWORK_ROLES for post in viewer.posts):
        found.add(Basis.BREAK_GLASS)
    return frozenset(found)


def _bases_of_post(user_id: int, post: Post, ties: ChildTies) -> Iterable[Basis]:
    if post.role not in CASEWORK_ROLES:
        return
    for worker, agency in ties.allocations:
        if worker == user_id:
            yield Basis.ALLOCATED_WORKER
        elif agency == post.agency_id and post.role in MANAGING_ROLES:
            yield Basis.ALLOCATING_MANAGER
    for kind, agency in ties.services:
        basis = _SERVICE_BASES.get((kind, post.agency_kind))
        if basis is not None and agency == post.agency_id and post.role in _SERVICE_ROLES[basis]:
            yield basis
    if post.role == "mash" and post.agency_id in ties.open_contacts:
        yield Basis.MASH_OPEN_CONTACT
    if post.agency_kind == "police" and post.agency_id in ties.household_incidents:
        yield Basis.POLICE_HOUSEHOLD_INCIDENT


def needs_household_incidents(viewer: Viewer) -> bool:
    """Only police in case work gain access through an incident in the child's household."""
    return any(p.agency_kind == "police" and p.role in CASEWORK_ROLES for p in viewer.posts)


def may_open_chronology(found: frozenset[Basis]) -> bool:
    return bool(found)


def may_export(found: frozenset[Basis]) -> bool:
    """An export leaves Sightline: never on the strength of break-glass alone."""
    return bool(found - {Basis.BREAK_GLASS})


def search_outcome(viewer: Viewer, found: frozenset[Basis]) -> Outcome:
    """What a search result about the child offers: the chronology, or whom to contact."""
    if found:
        return Outcome.ALLOW
    if any(post.role in CASEWORK_ROLES for post in viewer.posts):
        return Outcome.HINT
    return Outcome.DENY


def entry_outcome(
    viewer: Viewer,
    found: frozenset[Basis],
    *,
    entry_agency_id: UUID,
    sensitivity: str,
    about: About,
) -> Outcome:
    """How much of one entry of a chronology the viewer may open they see."""
    if not found:
        return Outcome.DENY
    if entry_agency_id in viewer.agency_ids():
        return Outcome.ALLOW  # an agency's own record, as the records app shows it
    if sensitivity == EntrySensitivity.RESTRICTED:
        return Outcome.DENY
    if sensitivity == EntrySensitivity.SENSITIVE:
        return Outcome.REDACT
    if about == About.HOUSEHOLD_ADULT and not (found & FAMILY_BASES):
        return Outcome.REDACT
    if found == {Basis.BREAK_GLASS} and about != About.CHILD:
        return Outcome.REDACT
    return Outcome.ALLOW


def decide(
    viewer: Viewer,
    ties: ChildTies,
    action: Action,
    *,
    entry_agency_id: UUID | None = None,
    sensitivity: str = EntrySensitivity.STANDARD,
    about: About = About.CHILD,
) -> Outcome:
    """One decision, as docs/access-matrix.csv tabulates them."""
    found = bases(viewer, ties)
    if action == Action.OPEN_CHRONOLOGY:
        return Outcome.ALLOW if may_open_chronology(found) else Outcome.DENY
    if action == Action.EXPORT:
        return Outcome.ALLOW if may_export(found) else Outcome.DENY
    if action == Action.SEARCH:
        return search_outcome(viewer, found)
    if entry_agency_id is None:
        raise ValueError("seeing an entry needs the entry's agency")
    return entry_outcome(
        viewer, found, entry_agency_id=entry_agency_id, sensitivity=sensitivity, about=about
    )
