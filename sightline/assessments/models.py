"""Assessments, every version their author saved, and every decision about them. Append-only.

An assessment is about the assessing agency's own record of the child (a recorded person) and
cites the event versions it considered, never derived persons: links change, what an assessment
considered does not. Saving a draft writes a new version; submitting points at one version, so
the content a manager signed off is exactly what is kept. Sign-offs, returns and senior reviews
are rows of their own; nothing is updated, and the database refuses updates (migration 0002),
and refuses a sign-off or review by the assessment's author however the row is written.
"""

import uuid

from django.db import models
from django.db.models.functions import Now

from sightline.assessments.data import (
    ASSESSMENT_TYPE_LABELS,
    OUTCOME_LABELS,
    DecisionKind,
    ReviewKind,
)
from sightline.core.models import AppendOnlyModel

_NOT_BLANK = r"\S"


def _coded(name: str) -> models.Q:
    """A child-centred answer: "no" carries a reason code; "yes" and not yet answered ("", a
    draft) carry none."""
    code = f"{name}_code"
    return models.Q(**{name: "no"}) & ~models.Q(**{code: ""}) | (
        models.Q(**{f"{name}__in": ["", "yes"]}) & models.Q(**{code: ""})
    )


class Assessment(AppendOnlyModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    # The assessing agency's own record of the child.
    child = models.ForeignKey("records.RecordedPerson", on_delete=models.PROTECT, related_name="+")
    assessment_type = models.CharField(
        max_length=32, choices=[(k.value, v) for k, v in ASSESSMENT_TYPE_LABELS.items()]
    )
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    created_at = models.DateTimeField(db_default=Now())

    class Meta:
        indexes = [models.Index(fields=["agency", "created_at"], name="assessment_agency_created")]

    def __str__(self) -> str:
        return f"{self.assessment_type} {self.id}"


class AssessmentVersion(AppendOnlyModel):
    """What the author had written when they saved: a draft, or what they submitted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Found through the unique (assessment, number) index.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="versions", db_index=False
    )
    number = models.PositiveIntegerField()
    saved_at = models.DateTimeField()
    summary = models.TextField(blank=True)
    child_seen = models.CharField(max_length=16, blank=True)
    child_seen_code = models.CharField(max_length=32, blank=True)
    child_seen_alone = models.CharField(max_length=16, blank=True)
    child_seen_alone_code = models.CharField(max_length=32, blank=True)
    child_voice = models.CharField(max_length=16, blank=True)
    child_voice_code = models.CharField(max_length=32, blank=True)
    child_words = models.TextField(blank=True)
    cin_factors = models.JSONField(default=list, blank=True)
    outcome = models.CharField(
        max_length=32, blank=True, choices=[(k.value, v) for k, v in OUTCOME_LABELS.items()]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"],
                name="assessment_version_number_unique",
                violation_error_code="version_already_saved",
            ),
            models.CheckConstraint(
                condition=_coded("child_seen") & _coded("child_seen_alone") & _coded("child_voice"),
                name="assessment_version_child_answers_coded",
                violation_error_code="child_answer_not_coded",
            ),
            models.CheckConstraint(
                condition=~models.Q(child_voice="yes") | models.Q(child_words__regex=_NOT_BLANK),
                name="assessment_version_child_words_when_heard",
                violation_error_code="child_words_missing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} v{self.number}"


class ConsideredEntry(AppendOnlyModel):
    """A chronology entry a version lists as considered, and whether its author reviewed it."""

    id = models.BigAutoField(primary_key=True)
    # Found through the unique (version, event) index.
    version = models.ForeignKey(
        AssessmentVersion, on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    event = models.ForeignKey("records.Event", on_delete=models.PROTECT, related_name="+")
    event_version = models.ForeignKey(
        "records.EventVersion", on_delete=models.PROTECT, related_name="+"
    )
    # The author saw only its kind, date and agency (the access policy's redaction).
    redacted = models.BooleanField(default=False)
    reviewed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "event"],
                name="considered_entry_once_per_version",
                violation_error_code="entry_listed_twice",
            )
        ]

    def __str__(self) -> str:
        return f"{self.version_id} considered {self.event_version_id}"


class ClosureRationale(AppendOnlyModel):
    """Why closing with no further action is right despite one open signal or one concern."""

    id = models.BigAutoField(primary_key=True)
    version = models.ForeignKey(
        AssessmentVersion, on_delete=models.PROTECT, related_name="rationales", db_index=False
    )
    signal = models.ForeignKey(
        "risk.RiskSignal", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    concern_event = models.ForeignKey(
        "records.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The version of the concern the author answered.
    concern_version = models.ForeignKey(
        "records.EventVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(signal__isnull=False, concern_event__isnull=True)
                    & models.Q(concern_version__isnull=True)
                )
                | models.Q(
                    signal__isnull=True, concern_event__isnull=False, concern_version__isnull=False
                ),
                name="closure_rationale_answers_one_thing",
                violation_error_code="rationale_answers_nothing",
            ),
            models.CheckConstraint(
                condition=models.Q(text__regex=_NOT_BLANK),
                name="closure_rationale_written",
                violation_error_code="rationale_blank",
            ),
            models.UniqueConstraint(
                fields=["version", "signal"],
                condition=models.Q(signal__isnull=False),
                name="closure_rationale_once_per_signal",
            ),
            models.UniqueConstraint(
                fields=["version", "concern_event"],
                condition=models.Q(concern_event__isnull=False),
                name="closure_rationale_once_per_concern",
            ),
        ]

    def __str__(self) -> str:
        return f"rationale in {self.version_id}"


class Submission(AppendOnlyModel):
    """The author sent one version for sign-off."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="submissions", db_index=False
    )
    number = models.PositiveIntegerField()
    version = models.OneToOneField(
        AssessmentVersion, on_delete=models.PROTECT, related_name="submission"
    )
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"],
                name="assessment_submission_number_unique",
                violation_error_code="already_submitted",
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} submission {self.number}"


class Decision(AppendOnlyModel):
    """A manager signed a submission off, or returned it with comments: once per submission.
    The decider is never the assessment's author (triggers in migration 0002)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.OneToOneField(Submission, on_delete=models.PROTECT, related_name="decision")
    kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in DecisionKind])
    comments = models.TextField(blank=True)
    decided_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    # A second closure with no further action within a year waits for a senior review.
    senior_review_required = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=DecisionKind.RETURNED)
                | models.Q(comments__regex=_NOT_BLANK),
                name="assessment_return_has_comments",
                violation_error_code="return_needs_comments",
            ),
            models.CheckConstraint(
                condition=models.Q(senior_review_required=False)
                | models.Q(kind=DecisionKind.SIGNED_OFF),
                name="assessment_review_only_after_sign_off",
                violation_error_code="review_without_sign_off",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.submission_id}"


class SeniorReview(AppendOnlyModel):
    """A senior manager's review of a signed-off, repeated closure with no further action:
    agreed (it takes effect) or sent back to the author with comments. Never by the author."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="review")
    kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in ReviewKind])
    comments = models.TextField(blank=True)
    reviewed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=ReviewKind.SENT_BACK)
                | models.Q(comments__regex=_NOT_BLANK),
                name="senior_review_sent_back_has_comments",
                violation_error_code="send_back_needs_comments",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.decision_id}"


class Effect(AppendOnlyModel):
    """The assessment took effect (signed off, and reviewed where needed): the assessment event
    recorded for the child then. Once per assessment."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="effect")
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="effect")
    event = models.ForeignKey("records.Event", on_delete=models.PROTECT, related_name="+")
    event_version = models.ForeignKey(
        "records.EventVersion", on_delete=models.PROTECT, related_name="+"
    )
    took_effect_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.assessment_id} took effect"
