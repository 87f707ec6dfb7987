"""Purposes stated and break-glass grants. Append-only: what was said and granted stays."""

import uuid

from django.db import models

from sightline.access.data import (
    BREAK_GLASS_REASON_LABELS,
    PURPOSE_LABELS,
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
