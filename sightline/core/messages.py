"""Domain messages: how a lower app lets higher apps react without importing them.

A service calls publish(SomethingHappened(...)); each app subscribes its own handlers in its
AppConfig.ready(). Handlers run after the surrounding transaction commits, so a rolled-back
write never triggers side effects. A handler subscribed `in_transaction` runs at once instead,
inside the publishing write's transaction and a savepoint of its own: what it writes commits
with the write or not at all, and if it fails only its own work is undone (the handler says
what then).
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
_in_transaction: dict[type[DomainMessage], list[Handler]] = defaultdict(list)


def subscribe(
    message_type: type[M], handler: Callable[[M], None], *, in_transaction: bool = False
) -> None:
    table = _in_transaction if in_transaction else _subscribers
    if handler not in table[message_type]:
        table[message_type].append(handler)


def subscribers() -> dict[type[DomainMessage], list[Handler]]:
    """The wiring table, for the test that asserts it: every handler of each message, those
    run in the transaction first."""
    kinds = set(_subscribers) | set(_in_transaction)
    return {kind: [*_in_transaction.get(kind, []), *_subscribers.get(kind, [])] for kind in kinds}


def publish(message: DomainMessage) -> None:
    for handler in _in_transaction.get(type(message), []):
        with transaction.atomic():
            handler(message)
    for handler in _subscribers.get(type(message), []):
        transaction.on_commit(lambda h=handler: h(message))  # type: ignore[misc]
