import uuid

from django.db import models
from django.db.models.functions import Now

from sightline.core.models import AppendOnlyModel
from sightline.records.data import (
    ANSWER_CHOICES,
    EVENT_KIND_CHOICES,
    PRECISION_CHOICES,
    SENSITIVITY_CHOICES,
    SUBJECT_ROLE_CHOICES,
)


class Event(AppendOnlyModel):
    """A safeguarding event's identity: which agency recorded it, what kind it is, and the
    source system's reference. What it says lives in its versions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40, choices=EVENT_KIND_CHOICES)
    source_reference = models.CharField(max_length=100, blank=True)
    # When Sightline first received the event.
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
                name="event_source_reference_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"


def _coded(field: str) -> models.Q:
    """yes / not applicable carry no code; no carries a reason code."""
    return models.Q(**{field: "no"}) & ~models.Q(**{f"{field}_code": ""}) | (
        models.Q(**{f"{field}__in": ["yes", "not_applicable"]}) & models.Q(**{f"{field}_code": ""})
    )


class EventVersion(AppendOnlyModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Found through the unique (event, number) index, which also serves "latest first".
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="versions", db_index=False
    )
    number = models.PositiveIntegerField()
    # Three times: when it happened (with precision), when the source agency recorded it, and
    # when Sightline received this version.
    occurred_at = models.DateTimeField()
    occurred_precision = models.CharField(max_length=12, choices=PRECISION_CHOICES)
    source_recorded_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(db_default=Now())
    # Who wrote it at source, who need not be a Sightline user (imports keep the original).
    recorded_by = models.CharField(max_length=200, blank=True)
    local_authority_code = models.CharField(max_length=3, blank=True)
    summary = models.TextField()
    details = models.JSONField(default=dict)
    child_seen = models.CharField(max_length=16, choices=ANSWER_CHOICES)
    child_seen_code = models.CharField(max_length=32, blank=True)
    child_seen_alone = models.CharField(max_length=16, choices=ANSWER_CHOICES)
    child_seen_alone_code = models.CharField(max_length=32, blank=True)
    child_voice = models.CharField(max_length=16, choices=ANSWER_CHOICES)
    child_voice_code = models.CharField(max_length=32, blank=True)
    child_words = models.TextField(blank=True)
    interpreter = models.CharField(max_length=16, choices=ANSWER_CHOICES)
    # With "yes": who interpreted; with "no": why an interpreter who was needed was not used.
    interpreter_code = models.CharField(max_length=32, blank=True)
    interpreter_flagged = models.BooleanField(default=False)
    cin_factors = models.JSONField(default=list, blank=True)
    sensitivity = models.CharField(max_length=12, choices=SENSITIVITY_CHOICES)
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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="event_version_number_unique"),
            models.CheckConstraint(
                condition=models.Q(number=1, reason="")
                | models.Q(number__gt=1) & ~models.Q(reason=""),
                name="event_version_amendment_has_reason",
                violation_error_code="amendment_without_reason",
            ),
            models.CheckConstraint(
                condition=_coded("child_seen") & _coded("child_seen_alone") & _coded("child_voice"),
                name="event_version_child_answers_coded",
                violation_error_code="child_answer_not_coded",
            ),
            models.CheckConstraint(
                condition=~models.Q(child_voice="yes") | ~models.Q(child_words=""),
                name="event_version_child_words_when_heard",
                violation_error_code="child_words_missing",
            ),
            models.CheckConstraint(
                condition=models.Q(interpreter="not_applicable", interpreter_code="")
                | models.Q(interpreter__in=["yes", "no"]) & ~models.Q(interpreter_code=""),
                name="event_version_interpreter_coded",
                violation_error_code="interpreter_not_coded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} v{self.number}"


class EventSubject(AppendOnlyModel):
    """Who a version of an event is about, and in what role. Subjects are recorded persons,
    never derived persons: links between records change, what the agency wrote does not."""

    # Found through the unique (version, recorded person, role) index.
    version = models.ForeignKey(
        EventVersion, on_delete=models.PROTECT, related_name="subjects", db_index=False
    )
    recorded_person = models.ForeignKey(
        "records.RecordedPerson", on_delete=models.PROTECT, related_name="event_subjects"
    )
    role = models.CharField(max_length=32, choices=SUBJECT_ROLE_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "recorded_person", "role"], name="event_subject_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} of {self.version_id}"
