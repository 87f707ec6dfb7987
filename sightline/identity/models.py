"""Persons, the links that join recorded persons into them, and the decisions people take.

Every table here is append-only, like records. Nothing about a person is overwritten:

- A recorded person's membership of a person is a numbered series of rows, as a record's
  versions are: row N says "from `since`, this record is part of that person (or of none)",
  and row N+1 ends it. The unique (recorded person, number) pair is what keeps one current
  membership per recorded person, and "which person was this record part of on date D" is
  the last row from before D.
- What a run scored is kept with the run (PairEvidence); a practitioner's confirm or reject is
  a LinkDecision, and the latest decision on a pair is what holds, for every later run too.

Events, audit entries and risk signals refer to recorded persons, never to a Person, because
links and splits rewrite persons (see DESIGN.md, "Stable references").
"""

import uuid

from django.db import models
from django.db.models.functions import Now

from sightline.core.models import AppendOnlyModel
from sightline.identity.data import (
    CAUSES_WITHOUT_PERSON,
    MembershipCause,
    Occasion,
    PairStatus,
    RunKind,
    Verdict,
)
from sightline.identity.linkage.blocking import BLOCKING_KEYS


class LinkageModel(AppendOnlyModel):
    """A trained linkage model, kept as data: every run names the model it used."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.CharField(max_length=100, unique=True)
    # The saved model as the engine writes it (settings, trained parameters).
    parameters = models.JSONField()
    # SHA-256 of the canonical parameters, so that a version is never recorded twice with
    # different content.
    digest = models.CharField(max_length=64)
    trained_at = models.DateTimeField()
    summary = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(db_default=Now())

    def __str__(self) -> str:
        return f"linkage model {self.version}"


class LinkageRun(AppendOnlyModel):
    """One application of a model's scored pairs to the store, written when it finishes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Runs in the order they were applied: the latest evidence for a pair is the one from
    # the highest-numbered run.
    number = models.PositiveIntegerField(unique=True)
    kind = models.CharField(max_length=12, choices=RunKind.choices, default=RunKind.STORE)
    model = models.ForeignKey(LinkageModel, on_delete=models.PROTECT, related_name="runs")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    upper_threshold = models.FloatField()
    lower_threshold = models.FloatField()
    pairs_scored = models.PositiveIntegerField()
    linked = models.PositiveIntegerField()
    queued = models.PositiveIntegerField()
    kept_by_decision = models.PositiveIntegerField()
    below_threshold = models.PositiveIntegerField()
    withheld = models.PositiveIntegerField()
    persons_created = models.PositiveIntegerField()
    memberships_changed = models.PositiveIntegerField()
    started_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(finished_at__gte=models.F("started_at")),
                name="linkage_run_finishes_after_it_starts",
                violation_error_code="finished_before_started",
            ),
            models.CheckConstraint(
                condition=models.Q(lower_threshold__lte=models.F("upper_threshold")),
                name="linkage_run_thresholds_in_order",
                violation_error_code="thresholds_out_of_order",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=RunKind.values),
                name="linkage_run_kind_known",
                violation_error_code="unknown_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"linkage run {self.number}"


class Person(AppendOnlyModel):
    """A resolved person (child or adult): the recorded persons whose memberships name it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(db_default=Now())

    def __str__(self) -> str:
        return f"person {self.id}"


class PairEvidence(AppendOnlyModel):
    """A pair of recorded persons as one run scored it, with the per-field explanation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    run = models.ForeignKey(LinkageRun, on_delete=models.PROTECT, related_name="evidence")
    model = models.ForeignKey(LinkageModel, on_delete=models.PROTECT, related_name="+")
    # Stored in one order (left id < right id), so a pair has one name whichever way it was
    # scored. Found through the (left, right) index.
    left = models.ForeignKey(
        "records.RecordedPerson", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    right = models.ForeignKey("records.RecordedPerson", on_delete=models.PROTECT, related_name="+")
    match_weight = models.FloatField()
    match_probability = models.FloatField()
    # FieldContribution as JSON: [{"field", "level", "weight", "left", "right"}, ...]
    contributions = models.JSONField()
    conflict = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=PairStatus.choices)
    created_at = models.DateTimeField(db_default=Now())

    class Meta:
        verbose_name_plural = "pair evidence"
        indexes = [
            models.Index(fields=["left", "right"], name="pair_evidence_pair"),
            models.Index(
                fields=["-match_weight"],
                condition=models.Q(status=PairStatus.WAITING),
                name="pair_evidence_waiting",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left__lt=models.F("right")),
                name="pair_evidence_in_one_order",
                violation_error_code="pair_out_of_order",
            ),
            models.UniqueConstraint(
                fields=["run", "left", "right"],
                name="pair_evidence_once_per_run",
            ),
            models.CheckConstraint(
                condition=models.Q(match_probability__gte=0, match_probability__lte=1),
                name="pair_evidence_probability_in_range",
                violation_error_code="probability_out_of_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PairStatus.values),
                name="pair_evidence_status_known",
                violation_error_code="unknown_status",
            ),
        ]

    def __str__(self) -> str:
        return f"pair {self.left_id} ~ {self.right_id} (run {self.run_id})"


class LinkDecision(AppendOnlyModel):
    """A practitioner's word on a pair of recorded persons. The latest decision on a pair holds,
    and every later linkage run obeys it."""

    # Insertion order is decision order: the latest decision on a pair has the highest id.
    id = models.BigAutoField(primary_key=True)
    left = models.ForeignKey(
        "records.RecordedPerson", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    right = models.ForeignKey("records.RecordedPerson", on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(max_length=12, choices=Verdict.choices)
    occasion = models.CharField(max_length=12, choices=Occasion.choices)
    # The evidence the practitioner reviewed, when the decision was taken on a pair's page.
    evidence = models.ForeignKey(
        PairEvidence, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    # For a withdrawn rejection: the confirmation that withdrew it.
    withdrawn_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="withdrew"
    )
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    decided_at = models.DateTimeField()
    reason = models.CharField(max_length=1000)

    class Meta:
        indexes = [models.Index(fields=["left", "right"], name="link_decision_pair")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left__lt=models.F("right")),
                name="link_decision_in_one_order",
                violation_error_code="pair_out_of_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""),
                name="link_decision_has_reason",
                violation_error_code="decision_without_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(verdict__in=Verdict.values),
                name="link_decision_verdict_known",
                violation_error_code="unknown_verdict",
            ),
            models.CheckConstraint(
                condition=models.Q(verdict=Verdict.WITHDRAWN, withdrawn_by__isnull=False)
                | ~models.Q(verdict=Verdict.WITHDRAWN) & models.Q(withdrawn_by__isnull=True),
                name="link_decision_withdrawn_by_a_confirmation",
                violation_error_code="withdrawal_without_confirmation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verdict} {self.left_id} ~ {self.right_id}"


class PersonMembership(AppendOnlyModel):
    """From `since`, this recorded person is part of `person` (None: of no person), until the
    row with the next number."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Found through the unique (recorded person, number) index.
    recorded_person = models.ForeignKey(
        "records.RecordedPerson", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    number = models.PositiveIntegerField()
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    since = models.DateTimeField()
    cause = models.CharField(max_length=12, choices=MembershipCause.choices)
    # What made the change: a linkage run, or a practitioner's decision (exactly one).
    run = models.ForeignKey(
        LinkageRun, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.ForeignKey(
        LinkDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_person", "number"],
                name="person_membership_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="person_membership_numbered_from_one",
                violation_error_code="membership_number_below_one",
            ),
            models.CheckConstraint(
                condition=models.Q(run__isnull=True, decision__isnull=False)
                | models.Q(run__isnull=False, decision__isnull=True),
                name="person_membership_made_by_a_run_or_a_decision",
                violation_error_code="membership_without_one_cause",
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False)
                | models.Q(number__gt=1, cause__in=CAUSES_WITHOUT_PERSON),
                name="person_membership_leaves_only_by_decision",
                violation_error_code="membership_without_person",
            ),
            models.CheckConstraint(
                condition=models.Q(cause__in=MembershipCause.values),
                name="person_membership_cause_known",
                violation_error_code="unknown_cause",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recorded_person_id} #{self.number} → {self.person_id}"


# One index per blocking rule (linkage.blocking), named for the columns it pairs on.
_MATCH_INDEX_NAMES = {
    ("nhs_number",): "match_nhs_number",
    ("upn",): "match_upn",
    ("dob_days", "given_phonetic"): "match_birth_given",
    ("dob_days", "family_phonetic"): "match_birth_family",
    ("postcode_unit", "given_phonetic"): "match_postcode_given",
    ("postcode_unit", "dob_year"): "match_postcode_year",
    ("given_phonetic", "family_phonetic", "dob_year"): "match_names_year",
}


class MatchCandidate(models.Model):
    """A recorded person as real-time matching finds and scores it: the columns the blocking
    rules pair on, each rule an index, and the whole feature row the scorer reads.

    Derived data, not a record: rebuilt from the recorded person's current version whenever
    that is saved, and wholly by a store linkage run, so rows are replaced rather than kept.
    """

    recorded_person = models.OneToOneField(
        "records.RecordedPerson", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # NULL, not "", for a missing value: as in Splink's blocking SQL, NULL equals nothing, and
    # the partial indexes leave such rows out.
    nhs_number = models.CharField(max_length=10, null=True)  # noqa: DJ001
    upn = models.CharField(max_length=13, null=True)  # noqa: DJ001
    dob_days = models.IntegerField(null=True)
    dob_year = models.IntegerField(null=True)
    given_phonetic = models.CharField(max_length=100, null=True)  # noqa: DJ001
    family_phonetic = models.CharField(max_length=100, null=True)  # noqa: DJ001
    postcode_unit = models.CharField(max_length=20, null=True)  # noqa: DJ001
    # columns.feature_row of the recorded person, as the scorer reads it.
    features = models.JSONField()

    class Meta:
        indexes = [
            models.Index(
                fields=list(columns),
                name=_MATCH_INDEX_NAMES[columns],
                # A rule reading a missing value finds nothing, so such rows need no entry.
                condition=models.Q(**{f"{column}__isnull": False for column in columns}),
            )
            for columns in BLOCKING_KEYS
        ]

    def __str__(self) -> str:
        return f"match candidate {self.recorded_person_id}"
