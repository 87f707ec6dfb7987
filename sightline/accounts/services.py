"""Sign-in primitives. They do not audit on their own: accounts sits below audit in the layers,
so practitioners and their tokens are created through sightline.agencies.services, which wraps
these in one transaction with the audit row."""

import secrets

from sightline.accounts.data import IssuedToken
from sightline.accounts.models import ApiToken, User
from sightline.accounts.selectors import token_digest


def user_insert(
    *,
    username: str,
    password: str | None,
    display_name: str = "",
    email: str = "",
    is_staff: bool = False,
) -> User:
    """Insert a sign-in; the password is hashed with Argon2 (the first configured hasher)."""
    user = User(username=username, display_name=display_name, email=email, is_staff=is_staff)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def api_token_insert(*, user: User) -> tuple[ApiToken, IssuedToken]:
    """Insert a bearer token; the secret is returned once and only its digest is stored."""
    secret = "stl_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, prefix=secret[:12], digest=token_digest(secret))
    return token, IssuedToken(id=token.id, username=user.username, secret=secret)
