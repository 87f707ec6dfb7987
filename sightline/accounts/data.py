from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class IssuedToken:
    """A newly created token: the secret is shown once and never stored."""

    id: UUID
    username: str
    secret: str
