import logging
from typing import Any

from django.core.management.base import BaseCommand

from sightline.notifications.services import notifications_escalate_overdue

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Escalate every notification that is past its deadline and not acknowledged to the "
        "recipient's managers, once each, and email them. Run it every few minutes (cron or a "
        "systemd timer; see docs/notifications.md). Running it again escalates nothing twice."
    )
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        summary = notifications_escalate_overdue()
        self.stdout.write(f"Escalated {summary.escalated:,} overdue notifications to managers.")
        if summary.without_manager:
            message = (
                f"{summary.without_manager:,} overdue notifications have no manager to escalate "
                "to: give their agencies a manager or senior manager."
            )
            logger.warning(message)
            self.stdout.write(message)
