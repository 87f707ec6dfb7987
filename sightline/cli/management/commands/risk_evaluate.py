from typing import Any

from django.core.management.base import BaseCommand

from sightline.risk.services import risk_evaluate_open_cases


class Command(BaseCommand):
    help = (
        "Evaluate the risk rules for every child open to a service today (an allocation, an "
        "episode or a plan), and route any new signal. Events and links set off evaluation as "
        "they arrive; run this once a day (cron or a systemd timer, see docs/risk-rules.md) for "
        "the rules about time passing, such as a child not seen for too long."
    )
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        summary = risk_evaluate_open_cases()
        self.stdout.write(
            f"Evaluated {summary.children:,} children on open cases: {summary.raised:,} new "
            f"signals, {summary.extended:,} with more evidence, {summary.notified:,} "
            "notifications sent."
        )
