import logging
from typing import Any

from django.core.management.base import BaseCommand

from sightline.meetings.services import actions_escalate_overdue

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Escalate every open action that is past its due date to its owner's managers, once "
        "for each manager, and email them. Run it daily, or more often (cron or a systemd "
        "timer; see docs/meetings.md). Running it again escalates nothing twice."
    )
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        summary = actions_escalate_overdue()
        self.stdout.write(f"Escalated {summary.escalated:,} overdue actions to managers.")
        if summary.without_manager:
            message = (
                f"{summary.without_manager:,} overdue actions have no manager to escalate to: "
                "give their owners' agencies a manager or senior manager."
            )
            logger.warning(message)
            self.stdout.write(message)
