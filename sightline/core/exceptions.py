"""Domain errors, mapped to responses in one place per interface."""

from dataclasses import dataclass, field


class DomainError(Exception):
    """Something the user asked for cannot be done; the message is safe to show them."""


class NotFound(DomainError):
    """Missing, or not yours to see: the two are never told apart."""


class NotPermitted(NotFound):
    """Forbidden. A subclass of NotFound so that every interface answers it as 404."""


class Conflict(DomainError):
    """The request contradicts what is already stored."""


class InvalidTransition(DomainError):
    """A lifecycle step that the current state does not allow."""


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field of one input record."""

    field: str
    message: str
    row: int | None = None  # 1-based line or row number, when the input came from a file


@dataclass
class InvalidInput(DomainError):
    """Input failed validation; every problem is listed, not only the first."""

    problems: list[FieldProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(
            (f"row {p.row}: " if p.row is not None else "") + f"{p.field}: {p.message}"
            for p in self.problems
        )
