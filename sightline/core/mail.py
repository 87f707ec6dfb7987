"""Emails sent after a write commits: a rolled-back write sends nothing, and a failure to send
is logged while the write stands (what was sent for is still waiting in Sightline)."""

import logging
from collections.abc import Callable, Iterable
from uuid import UUID

from django.core.mail import send_mass_mail
from django.db import transaction

logger = logging.getLogger(__name__)
# (subject, body, sender (None: the default), recipients), as send_mass_mail takes them.
Message = tuple[str, str, None, list[str]]


def _send(messages: list[Message], what: str) -> None:
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:  # noqa: BLE001 - any mail failure: log it, the write stands
        logger.exception("%d %s emails could not be sent", len(messages), what)


def emails_after_commit(
    build: Callable[[list[UUID]], list[Message]], ids: Iterable[UUID], *, what: str
) -> None:
    """After the current transaction commits, build the emails for these rows and send them."""
    wanted = list(ids)
    if not wanted:
        return

    def send() -> None:
        messages = build(wanted)
        if messages:
            _send(messages, what)

    transaction.on_commit(send)
