"""The assessments app's codes, named thresholds and plain results. No queries here."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from sightline.meetings.data import ActionView
from sightline.risk.data import SignalView


class AssessmentType(StrEnum):
    # The records schema's AssessmentDetails.assessment_type values.
    SINGLE_ASSESSMENT = "single_assessment"
    SECTION_47 = "section_47"
    EARLY_HELP = "early_help"


ASSESSMENT_TYPE_LABELS = {
    AssessmentType.SINGLE_ASSESSMENT: "Single assessment",
    AssessmentType.SECTION_47: "Section 47 enquiry",
    AssessmentType.EARLY_HELP: "Early help assessment",
}


class Outcome(StrEnum):
    # The records schema's AssessmentDetails.outcome values.
    NO_FURTHER_ACTION = "no_further_action"
    EARLY_HELP = "early_help"
    CHILD_IN_NEED_PLAN = "child_in_need_plan"
    SECTION_47 = "section_47"
    CHILD_PROTECTION_CONFERENCE = "child_protection_conference"
    LOOKED_AFTER = "looked_after"
    OTHER = "other"


OUTCOME_LABELS = {
    Outcome.NO_FURTHER_ACTION: "No further action",
    Outcome.EARLY_HELP: "Early help",
    Outcome.CHILD_IN_NEED_PLAN: "Child in need plan",
    Outcome.SECTION_47: "Section 47 enquiry",
    Outcome.CHILD_PROTECTION_CONFERENCE: "Initial child protection conference",
    Outcome.LOOKED_AFTER: "Child to be looked after",
    Outcome.OTHER: "Other",
}

# The CIN census reason for closure an outcome implies, for the event recorded on effect.
CLOSURE_REASONS = {Outcome.NO_FURTHER_ACTION: "RC8", Outcome.EARLY_HELP: "RC9"}


class Status(StrEnum):
    """Where an assessment is. Worked out from its append-only rows, never stored."""

    DRAFT = "draft"
    SUBMITTED = "submitted"  # waiting for a manager's sign-off
    RETURNED = "returned"  # back with the author, with comments, to revise and resubmit
    AWAITING_REVIEW = "awaiting_review"  # signed off; a senior manager must review the closure
    COMPLETED = "completed"  # signed off (and reviewed, where needed): it has taken effect


STATUS_LABELS = {
    Status.DRAFT: "Draft",
    Status.SUBMITTED: "Waiting for sign-off",
    Status.RETURNED: "Returned with comments",
    Status.AWAITING_REVIEW: "Signed off: waiting for a senior manager's review",
    Status.COMPLETED: "Signed off",
}
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})


class DecisionKind(StrEnum):
    SIGNED_OFF = "signed_off"
    RETURNED = "returned"


class ReviewKind(StrEnum):
    AGREED = "agreed"
    SENT_BACK = "sent_back"


REVIEW_LABELS = {
    ReviewKind.AGREED: "Agreed: the closure takes effect",
    ReviewKind.SENT_BACK: "Sent back to the author with comments",
}

# Who signs off (a manager of the assessing agency) and who reviews a repeated closure with
# no further action (a senior manager of that agency): the agencies app's Role values.
SIGNING_ROLES = frozenset({"manager", "senior_manager"})
REVIEWING_ROLES = frozenset({"senior_manager"})
# Who may start an assessment of a child whose chronology they may open (policy.startable):
# - a single assessment: a case worker of children's social care (which includes its early
#   help teams), or the worker the agency allocated to the child;
# - a section 47 enquiry: a case worker of children's social care only;
# - an early help assessment: a case worker of any agency (schools and health services lead
#   much early help), a school's designated safeguarding lead included.
STARTING_ROLES = frozenset({"practitioner", "manager", "senior_manager", "mash"})
STARTING_AGENCY_KINDS = frozenset({"childrens_social_care"})
EARLY_HELP_ROLES = STARTING_ROLES | {"dsl"}

# What counts as another agency's concern that a closure with no further action must answer:
# entries of these kinds, and injuries whose recording agency did not judge the explanation to
# fit ("no" or "unclear"), from an agency other than the assessing one.
CONCERN_KINDS = frozenset({"concern", "referral", "disclosure", "domestic_abuse_incident"})
INJURY_NOT_FITTING = frozenset({"no", "unclear"})
# How far back, from the day of closure, a concern still needs an answer.
CONCERN_LOOKBACK_DAYS = 365
# A closure with no further action within this many days of an earlier one, for the same child
# or household, waits for a senior manager's review before it takes effect.
REPEAT_CLOSURE_DAYS = 365


# ------------------------------------------------------------------ oversight settings
# Named settings (Django settings of these names override the defaults), documented in
# docs/assessments.md: how often a child on an open case must be seen, and seen alone, by the
# agency holding the case, by the case's kind.
CHILD_SEEN_SETTINGS = {
    "SIGHTLINE_CHILD_SEEN_WITHIN_DAYS": 28,  # any open case: allocation, episode or plan
    "SIGHTLINE_CHILD_SEEN_ON_PROTECTION_PLAN_WITHIN_DAYS": 14,  # a child protection plan
    "SIGHTLINE_CHILD_SEEN_ALONE_WITHIN_DAYS": 28,
    "SIGHTLINE_CHILD_SEEN_ALONE_ON_PROTECTION_PLAN_WITHIN_DAYS": 14,
}


# ------------------------------------------------------------------------ plain results


@dataclass(frozen=True)
class CodedAnswer:
    """ "yes", "no" with a reason code, or "" (not answered yet: drafts only)."""

    answer: str = ""
    code: str = ""

    def as_text(self) -> str:
        return f"{self.answer}:{self.code}" if self.code else self.answer


@dataclass(frozen=True)
class Rationale:
    """The author's answer to one open signal or one concern, for a closure with no further
    action. Exactly one of signal_id and concern_event_id is set."""

    text: str
    signal_id: UUID | None = None
    concern_event_id: UUID | None = None

    @property
    def key(self) -> str:
        """The Obligation.key it answers."""
        if self.signal_id:
            return f"signal:{self.signal_id}"
        return f"concern:{self.concern_event_id}"


@dataclass(frozen=True)
class AssessmentContent:
    """What the author writes: the same for saving a draft and for submitting it."""

    summary: str = ""  # analysis and the reasons for the outcome
    child_seen: CodedAnswer = field(default_factory=CodedAnswer)
    child_seen_alone: CodedAnswer = field(default_factory=CodedAnswer)
    child_voice: CodedAnswer = field(default_factory=CodedAnswer)
    child_words: str = ""
    cin_factors: tuple[str, ...] = ()
    outcome: str = ""
    reviewed_version_ids: frozenset[UUID] = frozenset()  # event versions marked reviewed
    rationales: tuple[Rationale, ...] = ()


@dataclass(frozen=True)
class ConsideredEntry:
    """A chronology entry a version of the assessment considered, as its author saw it."""

    event_id: UUID
    event_version_id: UUID
    kind: str
    kind_label: str
    agency_id: UUID
    agency_name: str
    occurred_at: datetime
    occurred_precision: str
    summary: str  # empty when only whom to ask is shown (a redacted entry)
    redacted: bool
    reviewed: bool


@dataclass(frozen=True)
class Obligation:
    """A thing a closure with no further action must answer in writing: an open risk signal,
    or another agency's unresolved concern."""

    key: str  # "signal:<id>" or "concern:<event id>": the form's field
    title: str
    detail: str
    on: date
    signal_id: UUID | None = None
    concern_event_id: UUID | None = None
    concern_version_id: UUID | None = None


@dataclass(frozen=True)
class RationaleView:
    key: str
    title: str
    text: str


@dataclass(frozen=True)
class VersionView:
    id: UUID
    number: int
    saved_at: datetime
    content: AssessmentContent
    entries: tuple[ConsideredEntry, ...]
    rationales: tuple[RationaleView, ...]

    @property
    def reviewed_count(self) -> int:
        return sum(entry.reviewed for entry in self.entries)


@dataclass(frozen=True)
class DecisionView:
    id: UUID
    submission_number: int
    kind: str  # DecisionKind
    comments: str
    decided_by: str
    decided_at: datetime
    senior_review_required: bool


@dataclass(frozen=True)
class ReviewView:
    id: UUID
    kind: str  # ReviewKind
    comments: str
    reviewed_by: str
    reviewed_at: datetime

    @property
    def label(self) -> str:
        return REVIEW_LABELS[ReviewKind(self.kind)]


@dataclass(frozen=True)
class SubmissionView:
    id: UUID
    number: int
    version_number: int
    submitted_at: datetime


@dataclass(frozen=True)
class AssessmentView:
    id: UUID
    agency_id: UUID
    agency_name: str
    child_id: UUID  # the assessing agency's record of the child
    child_name: str
    assessment_type: str
    author_id: int
    author_name: str
    started_on: date
    status: str
    latest: VersionView  # the latest saved version (what a draft shows)
    submitted: VersionView | None  # the version the latest submission sent for sign-off
    submissions: tuple[SubmissionView, ...]
    decisions: tuple[DecisionView, ...]  # oldest first
    reviews: tuple[ReviewView, ...]  # oldest first
    took_effect_at: datetime | None
    event_id: UUID | None  # the assessment event recorded when it took effect

    @property
    def type_label(self) -> str:
        return ASSESSMENT_TYPE_LABELS[AssessmentType(self.assessment_type)]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[Status(self.status)]

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def last_comments(self) -> str:
        """What the author must answer: the comments that sent it back, if it is back."""
        if self.status != Status.RETURNED:
            return ""
        returned = [d for d in self.decisions if d.kind == DecisionKind.RETURNED]
        sent_back = [r for r in self.reviews if r.kind == ReviewKind.SENT_BACK]
        latest = max(
            [(d.decided_at, d.comments) for d in returned]
            + [(r.reviewed_at, r.comments) for r in sent_back],
            default=(None, ""),
        )
        return latest[1]


@dataclass(frozen=True)
class AssessmentSummary:
    """One line of a list: the dashboard's, or a child's assessments."""

    id: UUID
    assessment_type: str
    child_id: UUID
    child_name: str
    agency_name: str
    author_name: str
    status: str
    outcome: str
    since: datetime  # when it reached its status (submitted, signed off, started)
    started_on: date | None = None  # for lists that show it

    @property
    def type_label(self) -> str:
        return ASSESSMENT_TYPE_LABELS[AssessmentType(self.assessment_type)]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[Status(self.status)]

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[Outcome(self.outcome)] if self.outcome else ""


@dataclass(frozen=True)
class UnseenChild:
    """A child on one of the agency's open cases who has not been seen by the agency within
    the interval, or not seen alone within the interval for being seen alone."""

    child_id: UUID
    child_name: str
    agency_name: str
    case_kinds: tuple[str, ...]  # "worker_allocation", "episode:child_in_need", …
    case_opened_on: date
    last_seen_on: date | None
    last_seen_alone_on: date | None
    seen_within_days: int
    seen_alone_within_days: int
    overdue: bool  # not seen within the interval
    alone_overdue: bool  # not seen alone within the interval for being seen alone


@dataclass(frozen=True)
class OversightBoard:
    awaiting_sign_off: tuple[AssessmentSummary, ...]
    awaiting_review: tuple[AssessmentSummary, ...]
    unanswered_signals: tuple[SignalView, ...]
    overdue_actions: tuple[ActionView, ...]
    unseen_children: tuple[UnseenChild, ...]
    senior: bool  # the viewer reviews repeated closures


@dataclass(frozen=True)
class StartOffer:
    """What the start page offers: the kinds of assessment the practitioner may start for the
    child, and the assessments of the child that others in those agencies have not finished."""

    kinds: tuple[str, ...]  # AssessmentType values, in the order of ASSESSMENT_TYPE_LABELS
    unfinished_by_others: tuple[AssessmentSummary, ...]


@dataclass(frozen=True)
class Draft:
    """What the author's editing page shows: the assessment, the child's chronology now (each
    entry marked reviewed if the latest version marked that version of it), and what a closure
    with no further action would have to answer."""

    assessment: AssessmentView
    entries: tuple[ConsideredEntry, ...]
    obligations: tuple[Obligation, ...]
