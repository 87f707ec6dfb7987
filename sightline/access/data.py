"""The access app's codes and plain results. No Django models here."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID


class Purpose(StrEnum):
    """Why a practitioner opens a child's joined chronology: stated the first time."""

    CONCERN = "concern"
    ASSESSMENT = "assessment"
    PLAN = "plan"
    MEETING = "meeting"
    TRIAGE = "triage"


PURPOSE_LABELS = {
    Purpose.CONCERN: "To act on a safeguarding concern about the child",
    Purpose.ASSESSMENT: "For an assessment or enquiry about the child",
    Purpose.PLAN: "For work under the child's plan",
    Purpose.MEETING: "To prepare for a multi-agency meeting about the child",
    Purpose.TRIAGE: "To decide what happens to a contact or referral (MASH)",
}


class BreakGlassReason(StrEnum):
    IMMEDIATE_RISK = "immediate_risk"
    OUT_OF_HOURS = "out_of_hours"
    RELATIONSHIP_NOT_RECORDED = "relationship_not_recorded"


BREAK_GLASS_REASON_LABELS = {
    BreakGlassReason.IMMEDIATE_RISK: "The child may be at immediate risk of significant harm",
    BreakGlassReason.OUT_OF_HOURS: "Out-of-hours emergency, and nobody with access can be reached",
    BreakGlassReason.RELATIONSHIP_NOT_RECORDED: (
        "I work with the child, but the relationship is not recorded yet"
    ),
}

# How long break-glass access lasts: long enough for a shift's emergency, short enough that
# it cannot become a way of working.
BREAK_GLASS_DURATION = timedelta(hours=4)


class SharingOutcome(StrEnum):
    SHARED = "shared"
    NOT_SHARED = "not_shared"


SHARING_OUTCOME_LABELS = {
    SharingOutcome.SHARED: "Shared",
    SharingOutcome.NOT_SHARED: "Decided not to share",
}


class LawfulBasis(StrEnum):
    SAFEGUARDING = "dpa2018_sch1_para18"
    STATUTORY_DUTY = "statutory_duty"
    CONSENT = "consent"


LAWFUL_BASIS_LABELS = {
    LawfulBasis.SAFEGUARDING: (
        "Safeguarding of children and individuals at risk"
        " (Data Protection Act 2018, Schedule 1, paragraph 18)"
    ),
    LawfulBasis.STATUTORY_DUTY: (
        "A statutory duty (for example the Children Act 1989, sections 17 and 47,"
        " or the Children Act 2004, section 11)"
    ),
    LawfulBasis.CONSENT: "Consent",
}


@dataclass(frozen=True)
class SharingDecisionView:
    id: UUID
    decided_at: datetime
    agency_name: str
    decided_by: str
    outcome: str
    lawful_basis: str
    purpose: str
    information: str
    reason: str
    recipients: tuple[str, ...]  # agency names

    @property
    def outcome_label(self) -> str:
        return SHARING_OUTCOME_LABELS[SharingOutcome(self.outcome)]

    @property
    def lawful_basis_label(self) -> str:
        return LAWFUL_BASIS_LABELS[LawfulBasis(self.lawful_basis)]


@dataclass(frozen=True)
class HeldElsewhere:
    """Another agency holds records linked with one of the viewer's: whom to ask, never what
    the records say."""

    agency_name: str
    contacts: tuple[str, ...]  # its safeguarding leads' and MASH workers' email addresses


@dataclass(frozen=True)
class BreakGlassReview:
    """A break-glass grant as an information governance lead or manager reviews it: who, when,
    why, for how long; which record, by its holding agency and id, never what it says."""

    grant_id: UUID
    opened_at: datetime
    expires_at: datetime
    practitioner: str
    reason: str
    explanation: str
    recorded_person_id: UUID
    alerted_as: str  # the agency the reviewer was told as a member of

    @property
    def reason_label(self) -> str:
        return BREAK_GLASS_REASON_LABELS[BreakGlassReason(self.reason)]
