"""Who is asking, on whose behalf, and what they may see: plain data built by the caller.

Selectors that return a person's or an event's data take a Scope, so a lower app never needs
to import the access policy that builds it.
"""

from dataclasses import dataclass, field
from uuid import UUID


@dataclass(frozen=True)
class Scope:
    user_id: int
    agency_ids: frozenset[UUID]
    roles: frozenset[str] = field(default_factory=frozenset)
    purpose: str = ""
    # (agency id, role) pairs: a practitioner may hold different roles in different agencies.
    agency_roles: frozenset[tuple[UUID, str]] = field(default_factory=frozenset)

    def covers_agency(self, agency_id: UUID) -> bool:
        return agency_id in self.agency_ids

    def roles_in(self, agency_id: UUID) -> frozenset[str]:
        return frozenset(role for agency, role in self.agency_roles if agency == agency_id)
