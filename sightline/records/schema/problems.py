"""Turning pydantic's errors into (field, message) pairs a practitioner can act on."""

from pydantic import ValidationError

# pydantic wraps validator messages as "Value error, …"; the prefix means nothing to a user.
_PREFIXES = ("Value error, ", "Assertion failed, ")


def describe(error: ValidationError) -> list[tuple[str, str]]:
    problems = []
    for item in error.errors():
        message = str(item["msg"])
        for prefix in _PREFIXES:
            message = message.removeprefix(prefix)
        location = ".".join(str(part) for part in item["loc"] if part != "__root__")
        # Model-level checks name their field at the start of the message ("field: what").
        head, sep, rest = message.partition(": ")
        if sep and " " not in head:
            if location.split(".")[-1] == head:
                message = rest
            elif not location or location == "details":
                location = f"{location}.{head}" if location else head
                message = rest
        problems.append((location or "record", message))
    return problems
