"""Notifications, their acknowledgements and escalations (append-only), and term dates.

A notification is about an event version and refers to the recipient's own agency's record of
the child (a recorded person), never to a derived person: links change, what was sent does
not. Acknowledging and escalating write rows of their own, so nothing is ever updated.
"""

import uuid

from django.db import models
from django.db.models.functions import Now

from sightline.core.models import AppendOnlyModel
from sightline.notifications.rules import Basis


class Notification(AppendOnlyModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    # The agency the recipient is told as a member of: its managers are escalated to.
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    rule_id = models.CharField(max_length=64)
    rule_version = models.PositiveIntegerField()
    basis = models.CharField(max_length=32, choices=[(b.value, b.value) for b in Basis])
    # Found through the unique (rule, event, recipient) index or the notification itself.
    event = models.ForeignKey(
        "records.Event", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    event_version = models.ForeignKey(
        "records.EventVersion", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # The recipient's agency's record of the child.
    child = models.ForeignKey(
        "records.RecordedPerson", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    reason = models.TextField()
    due_at = models.DateTimeField()
    created_at = models.DateTimeField(db_default=Now())

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rule_id", "event", "recipient"],
                name="notification_once_per_rule_event_recipient",
                violation_error_code="notification_already_sent",
            ),
            models.CheckConstraint(
                condition=models.Q(rule_version__gte=1),
                name="notification_rule_version_from_one",
                violation_error_code="rule_version_below_one",
            ),
        ]
        indexes = [models.Index(fields=["agency", "due_at"], name="notification_agency_due")]

    def __str__(self) -> str:
        return f"{self.rule_id} → {self.recipient_id}"


class Acknowledgement(AppendOnlyModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    notification = models.OneToOneField(
        Notification, on_delete=models.PROTECT, related_name="acknowledgement"
    )
    # Only the recipient may acknowledge (the service's rule); kept so the row stands alone.
    acknowledged_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    acknowledged_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"acknowledged {self.notification_id}"


class Escalation(AppendOnlyModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Found through the unique (notification, manager) index.
    notification = models.ForeignKey(
        Notification, on_delete=models.PROTECT, related_name="escalations", db_index=False
    )
    to_user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    escalated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "to_user"],
                name="escalation_once_per_manager",
                violation_error_code="already_escalated",
            )
        ]

    def __str__(self) -> str:
        return f"{self.notification_id} ↑ {self.to_user_id}"


class SchoolTerm(models.Model):
    """A span of school days in a calendar: a school's own (agency set), or the local
    authority's default for schools without their own (agency empty). Configuration, not a
    safeguarding record: a calendar is replaced whole when its dates are loaded again."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=100, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="school_term_ends_after_it_starts",
                violation_error_code="term_ends_before_start",
            ),
            models.UniqueConstraint(
                fields=["agency", "starts_on"],
                condition=models.Q(agency__isnull=False),
                name="school_term_unique_start_per_school",
            ),
            models.UniqueConstraint(
                fields=["starts_on"],
                condition=models.Q(agency__isnull=True),
                name="school_term_unique_start_by_default",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or 'term'} {self.starts_on}–{self.ends_on}"
