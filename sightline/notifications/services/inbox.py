"""Acknowledging a notification: only its recipient may, and only once."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db import IntegrityError, transaction

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import audit_record
from sightline.core import clock
from sightline.core.exceptions import NotFound
from sightline.notifications.data import Acknowledged
from sightline.notifications.models import Acknowledgement, Notification

if TYPE_CHECKING:
    from sightline.accounts.models import User


def _already(notification_id: UUID) -> Acknowledged:
    at = Acknowledgement.objects.values_list("acknowledged_at", flat=True).get(
        notification_id=notification_id
    )
    return Acknowledged(notification_id=notification_id, acknowledged_at=at, already=True)


@transaction.atomic
def notification_acknowledge(*, actor: User, notification_id: UUID) -> Acknowledged:
    """The recipient says they have read it and acted on it; that stops its escalation. Anyone
    else is answered as for a notification that does not exist. A second acknowledgement (a
    double-submitted form) changes nothing."""
    notification = Notification.objects.filter(id=notification_id, recipient_id=actor.pk).first()
    if notification is None:
        raise NotFound("There is no such notification.")
    if Acknowledgement.objects.filter(notification_id=notification_id).exists():
        return _already(notification_id)
    row = Acknowledgement(
        notification=notification, acknowledged_by_id=actor.pk, acknowledged_at=clock.now()
    )
    try:
        with transaction.atomic():  # a savepoint: a second click racing this one loses here
            row.save()
    except IntegrityError:
        return _already(notification_id)
    audit_record(
        actor=actor,
        action=AuditAction.NOTIFICATION_ACKNOWLEDGED,
        subject=SubjectRef("notifications", "notification", str(notification_id)),
        agency_id=notification.agency_id,
        recorded_person_id=notification.child_id,
        payload={"notification_id": notification_id},
    )
    return Acknowledged(notification_id, row.acknowledged_at, already=False)
