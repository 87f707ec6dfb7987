"""Plain results of the risk app, for the web pages, the API, assessments and the command line."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from sightline.chronology.data import PurposeRequired


class SignalPurposeRequired(PurposeRequired):
    """The viewer may open the child's chronology, where a signal's evidence is, but has not
    said why yet: ask, for this child, then come back."""

    def __init__(self, child_id: UUID) -> None:
        super().__init__()
        self.child_id = child_id


@dataclass(frozen=True)
class ResponseView:
    status: str  # acknowledged, actioned or dismissed
    reason: str
    responded_by: str
    responded_at: datetime


@dataclass(frozen=True)
class SignalView:
    """A signal with what it rests on: why it fired (its latest finding's words) and its
    evidence (event versions, oldest first)."""

    id: UUID
    rule_id: str
    rule_version: int
    title: str
    rationale: str  # the rule's plain-English reason for existing
    fired_on: date
    explanation: str
    status: str  # open, acknowledged, actioned or dismissed
    evidence: tuple[UUID, ...]  # event version ids
    evidence_events: tuple[UUID, ...]  # the events of those versions, in the same order
    child_id: UUID  # the recorded person the chronology was evaluated from
    agency_id: UUID  # answerable for a response
    agency_name: str
    created_at: datetime
    last_found_on: date  # the day of its newest finding
    responses: tuple[ResponseView, ...] = ()

    @property
    def live(self) -> bool:
        """Still waiting for someone to act: open or only acknowledged."""
        return self.status in ("open", "acknowledged")


@dataclass(frozen=True)
class EvaluationSummary:
    children: int
    findings: int
    raised: int  # new signals
    extended: int  # signals given more evidence
    notified: int  # notifications sent for new signals

    def plus(self, other: "EvaluationSummary") -> "EvaluationSummary":
        return EvaluationSummary(
            self.children + other.children,
            self.findings + other.findings,
            self.raised + other.raised,
            self.extended + other.extended,
            self.notified + other.notified,
        )
