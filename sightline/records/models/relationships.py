import uuid

from django.db import models
from django.db.models.functions import Now

from sightline.core.models import AppendOnlyModel
from sightline.records.data import RELATIONSHIP_KIND_CHOICES


class Relationship(AppendOnlyModel):
    """A dated tie that decides access and routing: enrolment, registration, caseload,
    allocation, episode, plan, or a stated relationship between two people."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32, choices=RELATIONSHIP_KIND_CHOICES)
    source_reference = models.CharField(max_length=100, blank=True)
    received_at = models.DateTimeField(db_default=Now())

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "source_reference"],
                condition=~models.Q(source_reference=""),
                name="relationship_source_reference_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"


class RelationshipVersion(AppendOnlyModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Found through the unique (relationship, number) index.
    relationship = models.ForeignKey(
        Relationship, on_delete=models.PROTECT, related_name="versions", db_index=False
    )
    number = models.PositiveIntegerField()
    person = models.ForeignKey(
        "records.RecordedPerson", on_delete=models.PROTECT, related_name="relationships"
    )
    counterpart_person = models.ForeignKey(
        "records.RecordedPerson",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="counterpart_relationships",
    )
    counterpart_agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    worker = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    worker_name = models.CharField(max_length=200, blank=True)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    details = models.JSONField(default=dict)
    digest = models.CharField(max_length=64)
    author = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    reason = models.CharField(max_length=500, blank=True)
    received_at = models.DateTimeField(db_default=Now())

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "number"], name="relationship_version_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="relationship_ends_after_start",
                violation_error_code="ends_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relationship_id} v{self.number}"
