"""Which records a call may reach: the caller's own agencies, or the one it names."""

from dataclasses import replace
from uuid import UUID

from django.http import HttpRequest

from sightline.agencies.selectors import memberships_for_user, scope_for_user
from sightline.api.auth import caller
from sightline.core.exceptions import NotFound
from sightline.core.scope import Scope


def caller_scope(request: HttpRequest) -> Scope:
    """Every agency the caller belongs to."""
    return scope_for_user(user_id=caller(request).pk)


def agency_scope(request: HttpRequest, agency_code: str) -> tuple[Scope, UUID]:
    """The caller's scope narrowed to one of their agencies, chosen by its code.

    Another agency's code and a code that does not exist get the same answer, so the API never
    confirms which agencies exist to someone outside them.
    """
    user_id = caller(request).pk
    agency_id = next(
        (
            m.agency_id
            for m in memberships_for_user(user_id=user_id)
            if m.agency_code == agency_code
        ),
        None,
    )
    if agency_id is None:
        raise NotFound("There is no such agency among yours.")
    scope = scope_for_user(user_id=user_id)
    return replace(scope, agency_ids=frozenset({agency_id})), agency_id
