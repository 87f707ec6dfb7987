from collections import defaultdict
from collections.abc import Iterable
from uuid import UUID

from sightline.agencies.data import MemberContact, MembershipSummary
from sightline.agencies.models import Agency, Membership
from sightline.core.exceptions import NotFound
from sightline.core.scope import Scope


def agency_get_by_code(*, code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise NotFound(f"There is no agency with the code {code!r}.")
    return agency


def agency_ids_by_code() -> dict[str, UUID]:
    return dict(Agency.objects.values_list("code", "id"))


def agency_list() -> list[Agency]:
    return list(Agency.objects.order_by("kind", "name"))


def memberships_for_user(*, user_id: int) -> list[MembershipSummary]:
    return [
        MembershipSummary(
            agency_id=m.agency_id,
            agency_code=m.agency.code,
            agency_name=m.agency.name,
            agency_kind=m.agency.kind,
            team_name=m.team.name if m.team else "",
            role=m.role,
        )
        for m in Membership.objects.filter(user_id=user_id)
        .select_related("agency", "team")
        .order_by("created_at")
    ]


def scope_for_user(*, user_id: int, purpose: str = "") -> Scope:
    """The plain-data scope that selectors in lower apps filter by."""
    memberships = memberships_for_user(user_id=user_id)
    return Scope(
        user_id=user_id,
        agency_ids=frozenset(m.agency_id for m in memberships),
        roles=frozenset(m.role for m in memberships),
        purpose=purpose,
        agency_roles=frozenset((m.agency_id, m.role) for m in memberships),
    )


def member_contact_list(*, agency_ids: Iterable[UUID], roles: Iterable[str]) -> list[MemberContact]:
    """The active practitioners holding one of these roles in one of these agencies, in the
    order they joined."""
    rows = (
        Membership.objects.filter(
            agency_id__in=list(set(agency_ids)), role__in=list(roles), user__is_active=True
        )
        .order_by("created_at", "user_id")
        .values_list("user_id", "agency_id", "role", "user__email")
    )
    return [MemberContact(*row) for row in rows]


def member_ids_by_agency_role(
    *, agency_ids: Iterable[UUID], roles: Iterable[str]
) -> dict[tuple[UUID, str], tuple[int, ...]]:
    """member_contact_list's user ids by (agency, role)."""
    members: dict[tuple[UUID, str], list[int]] = defaultdict(list)
    for contact in member_contact_list(agency_ids=agency_ids, roles=roles):
        members[(contact.agency_id, contact.role)].append(contact.user_id)
    return {key: tuple(users) for key, users in members.items()}
