"""Domain messages: how a lower app lets higher apps react without importing them.

A service calls publish(SomethingHappened(...)); each app subscribes its own handlers in its
AppConfig.ready(). Handlers run after the surrounding transaction commits, so a rolled-back
write never triggers side effects.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import transaction


@dataclass(frozen=True)
class DomainMessage:
    """Base for messages: frozen dataclasses of ids and plain values only."""


M = TypeVar("M", bound=DomainMessage)
Handler = Callable[[Any], None]

_subscribers: dict[type[DomainMessage], list[Handler]] = defaultdict(list)


def subscribe(message_type: type[M], handler: Callable[[M], None]) -> None:
    if handler not in _subscribers[message_type]:
        _subscribers[message_type].append(handler)


def subscribers() -> dict[type[DomainMessage], list[Handler]]:
    """The wiring table, for the test that asserts it."""
    return {kind: list(handlers) for kind, handlers in _subscribers.items()}


def publish(message: DomainMessage) -> None:
    for handler in _subscribers.get(type(message), []):
        transaction.on_commit(lambda h=handler: h(message))  # type: ignore[misc]
