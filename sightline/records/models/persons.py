import uuid

from django.db import models
from django.db.models.functions import Now

from sightline.core.models import AppendOnlyModel
from sightline.records.data import (
    CONFIDENTIALITY_CHOICES,
    IDENTIFIER_SCHEME_CHOICES,
    PRECISION_CHOICES,
)


class RecordedPerson(AppendOnlyModel):
    """One agency's record of a person (child or adult). Its content lives in versions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    # The agency's own id for this person, which makes imports idempotent.
    source_reference = models.CharField(max_length=100, blank=True)
    received_at = models.DateTimeField(db_default=Now())
    # Not indexed: what a practitioner did is found through the audit trail, by actor.
    created_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "source_reference"],
                condition=~models.Q(source_reference=""),
                name="recorded_person_source_reference_unique",
            )
        ]

    def __str__(self) -> str:
        return f"recorded person {self.id}"


class RecordedPersonVersion(AppendOnlyModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Found through the unique (person, number) index.
    person = models.ForeignKey(
        RecordedPerson, on_delete=models.PROTECT, related_name="versions", db_index=False
    )
    number = models.PositiveIntegerField()
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_birth_precision = models.CharField(max_length=12, blank=True, choices=PRECISION_CHOICES)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=[("M", "Male"), ("F", "Female"), ("U", "Unknown")])
    upn_unknown_reason = models.CharField(max_length=3, blank=True)
    first_language = models.CharField(max_length=40, blank=True)
    interpreter_needed = models.BooleanField(null=True, blank=True)
    ethnicity = models.CharField(max_length=4, blank=True)
    disabilities = models.JSONField(default=list, blank=True)
    confidentiality = models.CharField(max_length=12, choices=CONFIDENTIALITY_CHOICES)
    # Every name the record holds, folded (case, diacritics), so "luczak" finds "Łuczak".
    search_text = models.CharField(max_length=1000, blank=True)
    # SHA-256 of the canonical content: equal digests mean a re-import changes nothing.
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
                fields=["person", "number"], name="person_version_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(number=1, reason="")
                | models.Q(number__gt=1) & ~models.Q(reason=""),
                name="person_version_amendment_has_reason",
                violation_error_code="amendment_without_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} v{self.number}"


class PersonName(AppendOnlyModel):
    """Previous names, aliases and other spellings, as the agency recorded them."""

    version = models.ForeignKey(
        RecordedPersonVersion, on_delete=models.PROTECT, related_name="names"
    )
    kind = models.CharField(max_length=24)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return f"{self.kind} name"


class PersonAddress(AppendOnlyModel):
    version = models.ForeignKey(
        RecordedPersonVersion, on_delete=models.PROTECT, related_name="addresses"
    )
    line1 = models.CharField(max_length=200)
    line2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    uprn = models.CharField(max_length=12, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    # A refuge or other protected address: never shown or matched outside the agency.
    confidentiality = models.CharField(max_length=12, choices=CONFIDENTIALITY_CHOICES)

    def __str__(self) -> str:
        return "address"


class PersonIdentifier(AppendOnlyModel):
    version = models.ForeignKey(
        RecordedPersonVersion, on_delete=models.PROTECT, related_name="identifiers"
    )
    scheme = models.CharField(max_length=24, choices=IDENTIFIER_SCHEME_CHOICES)
    value = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["scheme", "value"])]

    def __str__(self) -> str:
        return f"{self.scheme} identifier"
