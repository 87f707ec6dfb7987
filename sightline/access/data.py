"""The access app's codes and plain results. No Django models here."""

from datetime import timedelta
from enum import StrEnum


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
