"""Risk signals: what fired, on what evidence, and what people did about it. Append-only.

A signal refers to the child's recorded person the chronology was evaluated from and to event
versions as evidence, never to a derived person: links change, what a signal cited does not.
Each evaluation that finds more evidence writes a finding of its own, and each response (an
acknowledgement, an action, a dismissal with its reason) a row of its own; nothing is updated.
"""

import uuid

from django.db import models
from django.db.models.functions import Now

from sightline.core.models import AppendOnlyModel


class SignalStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ACTIONED = "actioned", "Actioned"
    DISMISSED = "dismissed", "Dismissed"


class RiskSignal(AppendOnlyModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    rule_id = models.CharField(max_length=64)
    rule_version = models.PositiveIntegerField()
    ruleset = models.CharField(max_length=16)
    child = models.ForeignKey("records.RecordedPerson", on_delete=models.PROTECT, related_name="+")
    # The agency answerable for a response: the allocating agency, or the front door's.
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)  # the rule's title when it fired
    fired_on = models.DateField()  # the day the evidence made it fire
    created_at = models.DateTimeField(db_default=Now())

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rule_version__gte=1),
                name="risk_signal_rule_version_from_one",
                violation_error_code="rule_version_below_one",
            )
        ]
        indexes = [
            models.Index(fields=["child", "rule_id"], name="risk_signal_child_rule"),
            models.Index(fields=["agency", "fired_on"], name="risk_signal_agency_fired"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} v{self.rule_version} for {self.child_id}"


class SignalFinding(AppendOnlyModel):
    """One evaluation that fired the signal or added evidence to it, and why, in its words."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    signal = models.ForeignKey(RiskSignal, on_delete=models.PROTECT, related_name="findings")
    found_on = models.DateField()
    explanation = models.TextField()
    created_at = models.DateTimeField(db_default=Now())

    def __str__(self) -> str:
        return f"{self.signal_id} on {self.found_on}"


class SignalEvidence(AppendOnlyModel):
    id = models.BigAutoField(primary_key=True)
    signal = models.ForeignKey(RiskSignal, on_delete=models.PROTECT, related_name="evidence")
    finding = models.ForeignKey(SignalFinding, on_delete=models.PROTECT, related_name="+")
    event_version = models.ForeignKey(
        "records.EventVersion", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "event_version"],
                name="signal_evidence_once",
                violation_error_code="evidence_already_cited",
            )
        ]

    def __str__(self) -> str:
        return f"{self.signal_id} ← {self.event_version_id}"


class SignalResponse(AppendOnlyModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    signal = models.ForeignKey(RiskSignal, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(
        max_length=16, choices=[c for c in SignalStatus.choices if c[0] != SignalStatus.OPEN]
    )
    reason = models.TextField(blank=True)
    responded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    responded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=SignalStatus.DISMISSED) | models.Q(reason__regex=r"\S"),
                name="signal_dismissal_has_reason",
                violation_error_code="dismissal_needs_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.signal_id} {self.status}"
