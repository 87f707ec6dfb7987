"""Purposes stated, break-glass grants and sharing decisions. Append-only: what was said,
granted and decided stays."""

import uuid

from django.db import models

from sightline.access.data import (
    BREAK_GLASS_REASON_LABELS,
    LAWFUL_BASIS_LABELS,
    PURPOSE_LABELS,
    SHARING_OUTCOME_LABELS,
)
from sightline.core.models import AppendOnlyModel


class PurposeStatement(AppendOnlyModel):
    """A practitioner said why they open a child's chronology (the record they opened it by)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    recorded_person = models.ForeignKey(
        "records.RecordedPerson", on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(max_length=20, choices=list(PURPOSE_LABELS.items()))
    detail = models.CharField(max_length=500, blank=True)
    stated_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "recorded_person"], name="purpose_user_record")]


class BreakGlassGrant(AppendOnlyModel):
    """Access to a child's chronology without a recorded relationship, for a reason, until a
    time; the information governance lead and the owning agencies are told."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    recorded_person = models.ForeignKey(
        "records.RecordedPerson", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=32, choices=list(BREAK_GLASS_REASON_LABELS.items()))
    explanation = models.TextField()
    opened_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["user", "recorded_person", "expires_at"], name="grant_user_record")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(explanation=""),
                name="break_glass_explained",
                violation_error_code="break_glass_unexplained",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("opened_at")),
                name="break_glass_expires_after_opening",
            ),
        ]


class BreakGlassAlert(AppendOnlyModel):
    """Someone told of a break-glass grant: an information governance lead, or a manager of an
    agency whose records the grant opened."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    grant = models.ForeignKey(BreakGlassGrant, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["grant", "recipient"], name="alert_once_per_recipient")
        ]


class SharingDecision(AppendOnlyModel):
    """A practitioner shared information about a child with other agencies, or decided not to:
    with the lawful basis, the purpose, the recipients and, for a decision not to share, why."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recorded_person = models.ForeignKey(
        "records.RecordedPerson", on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    outcome = models.CharField(max_length=12, choices=list(SHARING_OUTCOME_LABELS.items()))
    lawful_basis = models.CharField(max_length=32, choices=list(LAWFUL_BASIS_LABELS.items()))
    purpose = models.CharField(max_length=500)
    information = models.TextField(blank=True)  # what was shared, or would have been
    reason = models.TextField(blank=True)  # why not, for a decision not to share
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~models.Q(purpose=""), name="sharing_has_purpose"),
            models.CheckConstraint(
                condition=~models.Q(outcome="not_shared", reason=""),
                name="not_sharing_has_reason",
                violation_error_code="not_sharing_without_reason",
            ),
        ]


class SharingRecipient(AppendOnlyModel):
    """An agency a sharing decision was about: told, or not told."""

    decision = models.ForeignKey(
        SharingDecision, on_delete=models.PROTECT, related_name="recipients"
    )
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "agency"], name="recipient_once")
        ]
