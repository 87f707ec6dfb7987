"""Turning pydantic's errors into (field, message) pairs a practitioner can act on."""

from collections.abc import Sequence

from pydantic import ValidationError

# pydantic wraps validator messages as "Value error, …"; the prefix means nothing to a user.
_PREFIXES = ("Value error, ", "Assertion failed, ")


def describe(error: ValidationError) -> list[tuple[str, str]]:
    return [describe_one(item["loc"], str(item["msg"])) for item in error.errors()]


def describe_one(loc: Sequence[str | int], message: str) -> tuple[str, str]:
    """One error, given its location relative to the record (the API strips its own prefix)."""
    for prefix in _PREFIXES:
        message = message.removeprefix(prefix)
    location = ".".join(str(part) for part in loc if part != "__root__")
    # Model-level checks name their field at the start of the message ("field: what").
    head, sep, rest = message.partition(": ")
    if sep and " " not in head:
        if location.split(".")[-1] == head:
            message = rest
        elif not location or location == "details":
            location = f"{location}.{head}" if location else head
            message = rest
    return location or "record", message
