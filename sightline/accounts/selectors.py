import hashlib
from collections.abc import Iterable

from sightline.accounts.models import ApiToken, User


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def user_for_token(*, secret: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token else None


def user_get_by_username(*, username: str) -> User | None:
    return User.objects.filter(username=username).first()


def user_ids_by_username(usernames: list[str]) -> dict[str, int]:
    return dict(User.objects.filter(username__in=usernames).values_list("username", "id"))


def active_user_ids(*, ids: Iterable[int]) -> set[int]:
    """Those of these users whose accounts are active."""
    return set(
        User.objects.filter(id__in=list(set(ids)), is_active=True).values_list("id", flat=True)
    )


def user_display_names(*, ids: Iterable[int]) -> dict[int, str]:
    """How each of these users is named to others: their display name, or else their username."""
    wanted = set(ids)
    if not wanted:
        return {}
    return {
        pk: shown or username
        for pk, shown, username in User.objects.filter(id__in=wanted).values_list(
            "id", "display_name", "username"
        )
    }
