"""The audit trail: entries (append-only), their seals (the hash chain) and the sealing queue.

An entry is written in the caller's transaction. It is chained later, by the sealer, in the
order entries become visible: so a page view's entry never waits for a long import to commit
(see docs/decisions/0004-audit-chain.md).
"""

import uuid

from django.db import models
from django.db.models.functions import Now

from sightline.audit.data import AuditAction
from sightline.core.models import AppendOnlyModel


class AuditEntry(AppendOnlyModel):
    id = models.BigAutoField(primary_key=True)
    # A name for the entry outside this database (random, so unique without an index: nothing
    # looks an entry up by it, and an index on random values is costly to keep).
    uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    occurred_at = models.DateTimeField(db_default=Now())
    # None for what Sightline does itself (a command-line import, the sealer): those entries
    # are left out of the index, which serves "what did this practitioner do".
    actor = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # Plain ids, not foreign keys: agencies and records sit above audit in the layers.
    agency_id = models.UUIDField(null=True, blank=True)
    action = models.CharField(max_length=64, choices=AuditAction.choices)
    subject_app = models.CharField(max_length=64)
    subject_model = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    # The recorded person (each agency's record of a child or adult) this entry concerns.
    recorded_person_id = models.UUIDField(null=True, blank=True, db_index=True)
    payload = models.JSONField(default=dict)

    class Meta:
        indexes = [
            models.Index(fields=["subject_app", "subject_model", "subject_id"]),
            models.Index(
                fields=["actor"], condition=models.Q(actor__isnull=False), name="audit_entry_actor"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action}"


class AuditSeal(AppendOnlyModel):
    """One link of the hash chain: position N seals one entry with hash(link N-1, entry)."""

    position = models.BigIntegerField(primary_key=True)
    # No foreign-key constraint, on purpose: the chain itself is what proves each seal's entry
    # exists unchanged (`sightline audit verify`), and checking the key again for every entry
    # of an import, on every seal, was a large share of the cost of sealing.
    entry = models.OneToOneField(
        AuditEntry, on_delete=models.PROTECT, related_name="seal", db_constraint=False
    )
    sealed_at = models.DateTimeField()
    chain_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"seal {self.position}"


class AuditPending(models.Model):
    """Entries committed but not yet sealed. The sealer empties it; nothing else deletes."""

    # No foreign-key constraint: a queued id is written in the same statement batch as its
    # entry, and read only by the sealer, which seals it from that entry or names it missing.
    entry = models.OneToOneField(
        AuditEntry,
        primary_key=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )

    def __str__(self) -> str:
        return f"pending {self.entry_id}"
