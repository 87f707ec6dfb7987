import logging
from typing import Any

from django.core.management.base import BaseCommand

from sightline.meetings.data import ActionEscalationSummary
from sightline.meetings.services import actions_escalate_overdue

logger = logging.getLogger(__name__)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _report(summary: ActionEscalationSummary) -> str:
    """What a run did, in words: actions and escalations (one for each action and manager) are
    counted apart, since one overdue action goes to every manager of its owner's agency."""
    if not summary.overdue:
        return "No action is overdue."
    overdue = _count(summary.overdue, "overdue action")
    if not summary.escalated:
        return f"{overdue}; no new escalations."
    return (
        f"{overdue}; {summary.actions_escalated:,} newly escalated to managers "
        f"({_count(summary.escalated, 'escalation')}: one for each action and manager)."
    )


class Command(BaseCommand):
    help = (
        "Escalate every open action that is past its due date to its owner's managers, once "
        "for each manager, and email them. Run it daily, or more often (cron or a systemd "
        "timer; see docs/meetings.md). Running it again escalates nothing twice."
    )
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        summary = actions_escalate_overdue()
        self.stdout.write(_report(summary))
        if summary.without_manager:
            waiting = _count(summary.without_manager, "overdue action")
            message = (
                f"{waiting} {'has' if summary.without_manager == 1 else 'have'} no manager to "
                "escalate to: give their owners' agencies a manager or senior manager."
            )
            logger.warning(message)
            self.stdout.write(message)
