"""Who may use each page: every view declares it with @practitioner_view.

A view gets the practitioner's Access: their memberships, and a Scope limited to the agencies
where they hold one of the view's roles. Domain errors are mapped to responses here, once:
NotFound (missing, or not theirs to see) is a 404, never a hint that the record exists.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from sightline.agencies.data import RECORDING_ROLES, MembershipSummary, Role
from sightline.agencies.selectors import memberships_for_user
from sightline.core.exceptions import NotFound
from sightline.core.scope import Scope

# Case work: finding people, opening their records, recording and amending events.
CASE_ROLES = frozenset(str(role) for role in RECORDING_ROLES)
# Any member of an agency may reach the home page.
ANY_ROLE = frozenset(str(role) for role in Role)
# Told of break-glass grants, and who review them (access.services).
BREAK_GLASS_REVIEWERS = frozenset({"ig_lead", "manager", "senior_manager"})


@dataclass(frozen=True)
class Access:
    memberships: list[MembershipSummary]
    scope: Scope

    def scope_for(self, roles: frozenset[str]) -> Scope:
        """The part of this scope where the practitioner holds one of these roles."""
        return _scope(self.scope.user_id, [m for m in self.memberships if m.role in roles])

    @property
    def agencies(self) -> list[tuple[str, str]]:
        """(agency id, name) of each agency in scope, for choosing which one records."""
        seen = {m.agency_id: m.agency_name for m in self.memberships}
        return [(str(i), seen[i]) for i in sorted(self.scope.agency_ids, key=seen.__getitem__)]


def _scope(user_id: int, memberships: list[MembershipSummary]) -> Scope:
    return Scope(
        user_id=user_id,
        agency_ids=frozenset(m.agency_id for m in memberships),
        roles=frozenset(m.role for m in memberships),
        agency_roles=frozenset((m.agency_id, m.role) for m in memberships),
    )


def access_for(*, user_id: int, roles: frozenset[str]) -> Access:
    memberships = memberships_for_user(user_id=user_id)
    return Access(memberships, _scope(user_id, [m for m in memberships if m.role in roles]))


def practitioner(request: HttpRequest) -> "User":
    """The signed-in practitioner (every practitioner view requires one)."""
    return cast("User", request.user)


P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, Access, P], HttpResponse]


def practitioner_view(*, roles: frozenset[str]) -> Callable[[View[P]], Callable[..., HttpResponse]]:
    """Signed in, and a member of at least one agency in one of these roles (else 403)."""

    def decorate(view: View[P]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            access = access_for(user_id=practitioner(request).pk, roles=roles)
            if not access.scope.agency_ids:
                raise PermissionDenied("You do not have a role that can use this page.")
            try:
                return view(request, access, *args, **kwargs)
            except NotFound as error:
                raise Http404(str(error)) from None

        return wrapper

    return decorate


if TYPE_CHECKING:
    from sightline.accounts.models import User
