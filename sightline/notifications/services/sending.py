"""Sending notifications another app has drafted (a risk signal's), with the same guarantees
as routing: once per (rule, event, recipient), audited, emailed after the commit."""

from collections.abc import Sequence
from uuid import uuid4

from django.db import transaction

from sightline.notifications.data import NotificationDraft
from sightline.notifications.models import Notification
from sightline.notifications.services.mail import notification_emails_after_commit
from sightline.notifications.services.routing import audit_sent, store_new


@transaction.atomic
def notifications_send(*, drafts: Sequence[NotificationDraft]) -> int:
    """Store, audit and email each draft not already sent; returns how many were sent."""
    created = store_new(
        [
            Notification(
                id=uuid4(),
                recipient_id=draft.recipient_id,
                agency_id=draft.agency_id,
                rule_id=draft.rule_id,
                rule_version=draft.rule_version,
                basis=draft.basis,
                event_id=draft.event_id,
                event_version_id=draft.event_version_id,
                child_id=draft.child_id,
                reason=draft.reason,
                due_at=draft.due_at,
            )
            for draft in drafts
        ]
    )
    audit_sent(created)
    notification_emails_after_commit(row.id for row in created)
    return len(created)
