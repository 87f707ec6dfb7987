"""Who is calling: a practitioner's bearer token, or their signed-in browser session.

Tokens are per practitioner and stored only as a digest (sightline.accounts). A session is
ambient authority, so every write made with one must carry Django's CSRF token; a bearer
token is sent deliberately by the client, so it needs none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from sightline.accounts.selectors import user_for_token

if TYPE_CHECKING:
    from sightline.accounts.models import User


class PractitionerToken(HttpBearer):
    """`Authorization: Bearer stl_…`, issued by `sightline token create USERNAME`."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return user_for_token(secret=token)


class PractitionerSession(SessionAuth):
    """The web session, with CSRF checked (by SessionAuth) on every unsafe method."""

    def __call__(self, request: HttpRequest) -> Any:
        # Without a signed-in session there is nothing to protect: answer 401 (not signed in),
        # not 403 (CSRF), so that a client without credentials is told what it lacks.
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


# Tried in order: a bearer token first, so that an API client never needs a CSRF token.
AUTHENTICATORS = [PractitionerToken(), PractitionerSession(csrf=True)]


def caller(request: HttpRequest) -> User:
    """The practitioner an authenticated operation runs as."""
    user: User = request.auth  # type: ignore[attr-defined]  # set by ninja after authentication
    return user
