"""Escalating overdue notifications to the recipient's managers: `sightline
notifications_escalate`, run every few minutes (docs/notifications.md)."""

from collections.abc import Mapping
from datetime import datetime
from uuid import UUID, uuid4

from django.db import transaction

from sightline.agencies.data import Role
from sightline.agencies.selectors import member_ids_by_agency_role
from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record_many
from sightline.core import clock
from sightline.core.locks import take_turn
from sightline.notifications.data import EscalationSummary
from sightline.notifications.models import Escalation, Notification
from sightline.notifications.services.mail import escalation_emails_after_commit

# Any constant will do: it names the PostgreSQL advisory lock that makes runs take turns.
_ESCALATION_LOCK_KEY = 0x5167_E5CA


def _managers(
    agency_id: UUID, recipient_id: int, members: Mapping[tuple[UUID, str], tuple[int, ...]]
) -> tuple[int, ...]:
    """The managers of the agency the recipient was told through, or, when it has none (but
    the recipient), its senior managers. Never the recipient themselves: a manager's own
    overdue notification goes to a senior manager."""
    for role in (Role.MANAGER, Role.SENIOR_MANAGER):
        found = tuple(u for u in members.get((agency_id, role.value), ()) if u != recipient_id)
        if found:
            return found
    return ()


@transaction.atomic
def notifications_escalate_overdue(*, now: datetime | None = None) -> EscalationSummary:
    """Escalate every notification past its deadline, not acknowledged and not yet escalated,
    to the recipient's managers: once (one escalation row per manager, written together), each
    audited, with an email to each manager after the commit.

    When the agency has no manager and no senior manager besides the recipient, there is no
    one to escalate to: the notification stays overdue and unescalated (on the recipient's
    inbox, marked overdue), is counted in `without_manager` on every run, which the command
    reports, and is escalated by the first run after a manager joins."""
    take_turn(_ESCALATION_LOCK_KEY)
    now = now or clock.now()
    overdue = list(
        Notification.objects.filter(
            due_at__lt=now, acknowledgement__isnull=True, escalations__isnull=True
        ).values_list("id", "agency_id", "recipient_id", "child_id")
    )
    members = member_ids_by_agency_role(
        agency_ids={agency for _, agency, _, _ in overdue},
        roles=(Role.MANAGER.value, Role.SENIOR_MANAGER.value),
    )
    rows, drafts, without = [], [], 0
    for notification_id, agency_id, recipient_id, child_id in overdue:
        managers = _managers(agency_id, recipient_id, members)
        without += not managers
        for manager in managers:
            row = Escalation(
                id=uuid4(), notification_id=notification_id, to_user_id=manager, escalated_at=now
            )
            rows.append(row)
            drafts.append(
                AuditDraft(
                    action=AuditAction.NOTIFICATION_ESCALATED,
                    subject=SubjectRef("notifications", "escalation", str(row.id)),
                    agency_id=agency_id,
                    recorded_person_id=child_id,
                    payload={
                        "notification_id": notification_id,
                        "escalation_id": row.id,
                        "to_user_id": manager,
                    },
                )
            )
    # Runs take turns (above), so the rows found unescalated are still unescalated here; the
    # unique (notification, manager) index holds it on SQLite and without the lock.
    Escalation.objects.bulk_create(rows, batch_size=2_000)
    audit_record_many(drafts)
    escalation_emails_after_commit(row.id for row in rows)
    return EscalationSummary(escalated=len(rows), without_manager=without)
