"""Choices and plain results of the households app, for its models, the derivation, the web UI and
the CLI. Pure: no Django, so the derivation can use them too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING
from uuid import UUID

if TYPE_CHECKING:
    from sightline.identity.data import RecordSide


class Role(StrEnum):
    """A member's role, from their date of birth as the derivation found it."""

    ADULT = "adult"
    CHILD = "child"
    # No date of birth recorded, or records that disagree on whether they are 18 yet.
    UNKNOWN = "unknown"


ROLE_LABELS = {
    Role.ADULT: "Adult",
    Role.CHILD: "Child",
    Role.UNKNOWN: "Age not known",
}


class Basis(StrEnum):
    """Why a member is part of their household."""

    SHARED_ADDRESS = "shared_address"
    STATED_RELATIONSHIP = "stated_relationship"
    # The last of a household still at home after the others left.
    REMAINED = "remained"


BASIS_LABELS = {
    Basis.SHARED_ADDRESS: "Lives at the same address as another member",
    Basis.STATED_RELATIONSHIP: "An agency recorded that they live with another member",
    Basis.REMAINED: "Stayed on after the others left",
}


class Happening(StrEnum):
    """What a row of a household's history says happened to one of its members."""

    JOINED = "joined"
    LEFT = "left"
    ROLE_CHANGED = "role_changed"


HAPPENING_LABELS = {
    Happening.JOINED: "Joined",
    Happening.LEFT: "Left",
    Happening.ROLE_CHANGED: "Role changed",
}
# What a role change says, by the role taken on (an 18th birthday, or a date of birth corrected).
BECAME = {
    Role.ADULT: "Became an adult",
    Role.CHILD: "Now recorded as a child",
    Role.UNKNOWN: "Records no longer agree on their age",
}


@dataclass(frozen=True)
class DerivationSummary:
    """What one derivation wrote: counts only, no personal data. All zero when nothing had
    changed since the last one."""

    recorded_persons: int
    households_formed: int
    joined: int  # membership rows that put a recorded person into a household
    left: int  # … that took one out of a household
    role_changed: int

    @property
    def changed(self) -> bool:
        return bool(self.households_formed or self.joined or self.left or self.role_changed)


@dataclass(frozen=True)
class MemberView:
    """A member of a household: a person (or a record that is part of no person) and the
    records of theirs the viewer may know of."""

    key: UUID  # the person's id, or the recorded person's when it is part of no person
    records: tuple[RecordSide, ...]  # the viewer's own agencies' first
    role: Role
    basis: Basis
    joined_on: date | None  # when the records say they came to live there, when they say

    @property
    def name(self) -> str:
        """The name the viewer's own agency recorded, or whom to ask about them."""
        for side in self.records:
            if side.visible:
                return side.full_name
        return "A person known to " + " and ".join(self.other_agencies)

    @property
    def visible(self) -> bool:
        return any(side.visible for side in self.records)

    @property
    def other_agencies(self) -> list[str]:
        """The agencies holding records of theirs that the viewer may not see."""
        return sorted({side.agency_name for side in self.records if not side.visible})

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def basis_label(self) -> str:
        return BASIS_LABELS[self.basis]


@dataclass(frozen=True)
class HistoryEntry:
    happening: Happening
    member: MemberView
    on: date | None  # when it happened, as the records say (None: they do not say)
    derived_at: datetime  # when Sightline found it
    role: Role | None  # for JOINED and ROLE_CHANGED: the role they joined in, or took on
    basis: Basis | None  # for JOINED: why they are in the household

    @property
    def text(self) -> str:
        if self.happening == Happening.ROLE_CHANGED and self.role is not None:
            return BECAME[self.role]
        return HAPPENING_LABELS[self.happening]

    @property
    def basis_label(self) -> str:
        return BASIS_LABELS[self.basis] if self.basis is not None else ""


@dataclass(frozen=True)
class HouseholdView:
    """A household as far as one viewer may see it. While the viewer's record is a member, its
    whole history; after that record has left, its history up to then."""

    id: UUID
    formed_at: datetime
    current: bool  # the viewer's record still lives there
    members: tuple[MemberView, ...]  # now, or when the viewer's record left: adults first
    history: tuple[HistoryEntry, ...]  # oldest first

    @property
    def adults(self) -> tuple[MemberView, ...]:
        return tuple(m for m in self.members if m.role != Role.CHILD)

    @property
    def children(self) -> tuple[MemberView, ...]:
        return tuple(m for m in self.members if m.role == Role.CHILD)
