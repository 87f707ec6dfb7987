"""The kinds of safeguarding event every agency records, in one vocabulary."""

from enum import StrEnum


class EventKind(StrEnum):
    CONCERN = "concern"
    DOMESTIC_ABUSE_INCIDENT = "domestic_abuse_incident"
    INJURY = "injury"
    HOSPITAL_ATTENDANCE = "hospital_attendance"
    HEALTH_CONTACT = "health_contact"
    GROWTH_MEASUREMENT = "growth_measurement"
    MISSED_APPOINTMENT = "missed_appointment"
    SCHOOL_ABSENCE = "school_absence"
    BEHAVIOUR_OBSERVATION = "behaviour_observation"
    DISCLOSURE = "disclosure"
    REFERRAL = "referral"
    FRONT_DOOR_DECISION = "front_door_decision"
    STRATEGY_DISCUSSION = "strategy_discussion"
    SECTION_47_ENQUIRY = "section_47_enquiry"
    ASSESSMENT = "assessment"
    CHILD_PROTECTION_CONFERENCE = "child_protection_conference"
    PLAN_START = "plan_start"
    PLAN_END = "plan_end"
    HOME_VISIT = "home_visit"
    MEETING = "meeting"
    ACTION = "action"
    HOUSEHOLD_CHANGE = "household_change"
    NOTE = "note"


KIND_LABELS: dict[EventKind, str] = {
    EventKind.CONCERN: "Concern",
    EventKind.DOMESTIC_ABUSE_INCIDENT: "Domestic abuse incident",
    EventKind.INJURY: "Injury",
    EventKind.HOSPITAL_ATTENDANCE: "Hospital or urgent care attendance",
    EventKind.HEALTH_CONTACT: "Health contact",
    EventKind.GROWTH_MEASUREMENT: "Growth measurement",
    EventKind.MISSED_APPOINTMENT: "Missed appointment (was not brought)",
    EventKind.SCHOOL_ABSENCE: "School absence episode",
    EventKind.BEHAVIOUR_OBSERVATION: "Behaviour observation",
    EventKind.DISCLOSURE: "Disclosure",
    EventKind.REFERRAL: "Referral",
    EventKind.FRONT_DOOR_DECISION: "Front door (MASH) decision",
    EventKind.STRATEGY_DISCUSSION: "Strategy discussion",
    EventKind.SECTION_47_ENQUIRY: "Section 47 enquiry",
    EventKind.ASSESSMENT: "Assessment",
    EventKind.CHILD_PROTECTION_CONFERENCE: "Child protection conference",
    EventKind.PLAN_START: "Plan started",
    EventKind.PLAN_END: "Plan ended",
    EventKind.HOME_VISIT: "Home visit",
    EventKind.MEETING: "Meeting",
    EventKind.ACTION: "Action",
    EventKind.HOUSEHOLD_CHANGE: "Household change",
    EventKind.NOTE: "Note",
}

# Kinds where a professional was with the child, so "was the child seen?" must be answered
# yes or no (with a reason): "not applicable" would hide exactly the gap the reviews found.
CHILD_CONTACT_KINDS = frozenset(
    {
        EventKind.HOME_VISIT,
        EventKind.INJURY,
        EventKind.DISCLOSURE,
        EventKind.HEALTH_CONTACT,
        EventKind.GROWTH_MEASUREMENT,
        EventKind.HOSPITAL_ATTENDANCE,
    }
)
