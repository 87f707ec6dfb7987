"""Choices and plain results of the identity app, for models, services, the web UI and the CLI."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.db import models

from sightline.identity.linkage.data import FieldContribution
from sightline.records.data import PersonDetail


class PairStatus(models.TextChoices):
    """What a linkage run did with a scored pair. A later human decision can change what holds
    now (see PairView.status); the run's own answer is kept as it was."""

    LINKED = "linked", "Linked automatically"
    WAITING = "waiting", "Waiting for review"
    CONFIRMED = "confirmed", "Confirmed by a practitioner"
    REJECTED = "rejected", "Rejected by a practitioner"


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", "The same person"
    REJECTED = "rejected", "Different people"
    # A rejection taken back by a later confirmation that joins the two records' persons: the
    # pair is undecided again, so a run may link it or put it in the queue.
    WITHDRAWN = "withdrawn", "Decision withdrawn"


class Occasion(models.TextChoices):
    """Where a decision was taken."""

    REVIEW = "review", "Reviewed as a pair"
    UNLINK = "unlink", "A record was unlinked from its person"
    SPLIT = "split", "A person was split in two"
    JOIN = "join", "Withdrawn by a confirmation that joined the records"


class RunKind(models.TextChoices):
    """What a linkage run scored: the whole store, or one saved or imported batch of records
    against the store, at once (real-time matching)."""

    STORE = "store", "The whole store"
    RECORDS = "records", "New or changed records"


class MembershipCause(models.TextChoices):
    LINKED = "linked", "Linked by a linkage run"
    MERGED = "merged", "Its person was merged into another"
    CONFIRMED = "confirmed", "A practitioner confirmed a link"
    UNLINKED = "unlinked", "A practitioner unlinked it"
    SPLIT = "split", "A practitioner split its person"
    SEPARATED = "separated", "A practitioner rejected a link that held it in its person"


# Roles trusted to say that two agencies' records are, or are not, the same person: the
# front door, the safeguarding leads, their managers and information governance. Plain
# practitioners, analysts and administrators are not.
DECIDING_ROLES = frozenset({"mash", "dsl", "manager", "senior_manager", "ig_lead"})

# Causes after which a recorded person may be part of no person at all.
CAUSES_WITHOUT_PERSON = (MembershipCause.UNLINKED, MembershipCause.SEPARATED)


@dataclass(frozen=True)
class RunSummary:
    """What applying a linkage run's scored pairs did: counts only, no personal data."""

    run_id: UUID
    number: int
    pairs_scored: int
    linked: int
    queued: int
    kept_by_decision: int
    below_threshold: int
    withheld: int
    persons_created: int
    memberships_changed: int


@dataclass(frozen=True)
class LinkageModelView:
    id: UUID
    version: str
    parameters: dict[str, object]
    trained_at: datetime
    summary: dict[str, object]


@dataclass(frozen=True)
class RecordSide:
    """One recorded person of a pair or a person, shown only as far as the viewer may see it.

    visible: the viewer's own agency holds it, so its details are filled in. Otherwise only the
    holding agency is named, so the viewer knows whom to ask."""

    id: UUID
    agency_id: UUID
    agency_name: str
    visible: bool
    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    date_of_birth_precision: str = ""
    confidentiality: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


@dataclass(frozen=True)
class QueueItem:
    evidence_id: UUID
    left: RecordSide
    right: RecordSide
    match_weight: float
    match_probability: float
    conflict: str | None
    scored_at: datetime

    @property
    def sides(self) -> tuple[RecordSide, RecordSide]:
        """The viewer's own record first, then the record it was matched with."""
        if self.right.visible and not self.left.visible:
            return self.right, self.left
        return self.left, self.right


@dataclass(frozen=True)
class DecisionView:
    verdict: str
    occasion: str
    decided_by: str
    decided_at: datetime
    reason: str

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)


@dataclass(frozen=True)
class PairView:
    evidence_id: UUID
    left: RecordSide
    right: RecordSide
    match_weight: float
    match_probability: float
    # Values of a record the viewer may not see are None here, whatever the engine compared.
    contributions: tuple[FieldContribution, ...]
    conflict: str | None
    scored_status: str  # what the run did
    status: str  # what holds now: the latest decision on the pair, else the run's answer
    same_person_now: bool
    model_version: str
    run_number: int
    scored_at: datetime
    upper_threshold: float
    lower_threshold: float
    decisions: tuple[DecisionView, ...]  # newest first
    can_decide: bool
    # The current version of each record the viewer may see, as their agency recorded it.
    left_detail: PersonDetail | None = None
    right_detail: PersonDetail | None = None

    @property
    def prior_weight(self) -> float:
        """The model's starting weight, before any field is compared."""
        return self.match_weight - sum(c.weight for c in self.contributions)

    @property
    def status_label(self) -> str:
        return str(PairStatus(self.status).label)


@dataclass(frozen=True)
class PersonView:
    id: UUID
    members: tuple[RecordSide, ...]  # only those the viewer may know of


@dataclass(frozen=True)
class JoinedRecord:
    """Another record of a person, and how it became part of that person (its current
    membership): by a linkage run, or by a practitioner's decision."""

    side: RecordSide
    cause: str  # MembershipCause
    since: datetime
    run_number: int | None = None
    # Who took the decision, when the viewer may know of both records it was about; else "",
    # so that a decision about a record hidden from them never names who took it.
    decided_by: str = ""

    @property
    def by_decision(self) -> bool:
        return self.run_number is None


@dataclass(frozen=True)
class JoinedPerson:
    """The person one of the viewer's records is part of, as far as the viewer may know it."""

    person_id: UUID
    record: RecordSide  # the viewer's record the person was found from
    others: tuple[JoinedRecord, ...]  # never empty; only records the viewer may know of

    @property
    def records(self) -> tuple[RecordSide, ...]:
        return (self.record, *(other.side for other in self.others))


@dataclass(frozen=True)
class DecisionResult:
    """What a practitioner's decision did."""

    decision_id: int | None  # None when the same decision already held (a repeated submission)
    verdict: str
    withdrawn: int  # earlier rejections withdrawn by a confirmation
    memberships_changed: int
