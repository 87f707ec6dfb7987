from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sightline.audit.selectors import audit_verify


class Command(BaseCommand):
    help = (
        "Verify the audit trail: recompute the hash chain over every entry, check that nothing "
        "was slipped in, and compare with the checkpoints written outside the database. Exits "
        "non-zero and names the first bad entry."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_verify()
        if not report.ok:
            raise CommandError("audit trail FAILED verification: " + "; ".join(report.problems))
        self.stdout.write(
            f"audit trail verified: {report.entries_checked} entries chained, "
            f"{report.checkpoints_checked} checkpoints matched, "
            f"{report.pending} waiting to be sealed"
        )
