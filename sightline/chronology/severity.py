"""How prominent an entry is on the timeline: a reading aid, not a risk judgement (the risk
rules make those). Pure.

By kind, raised by what the recording agency itself said (a domestic abuse incident it assessed
as high risk, an injury whose explanation it judged not to fit). A redacted entry is marked by
its kind alone: its details are not the viewer's to read, even as a size on a chart.
"""

from collections.abc import Mapping
from typing import Any

HIGH = "high"
MEDIUM = "medium"
LOW = "low"
LEVELS = (LOW, MEDIUM, HIGH)
# The structured details severity reads (records reads only these).
DETAIL_KEYS = ("risk_level", "explanation_fits")

_BY_KIND = {
    "injury": HIGH,
    "disclosure": HIGH,
    "section_47_enquiry": HIGH,
    "child_protection_conference": HIGH,
    "domestic_abuse_incident": MEDIUM,
    "concern": MEDIUM,
    "referral": MEDIUM,
    "hospital_attendance": MEDIUM,
    "missed_appointment": MEDIUM,
    "front_door_decision": MEDIUM,
    "strategy_discussion": MEDIUM,
    "household_change": MEDIUM,
}


def severity(kind: str, details: Mapping[str, Any] | None = None) -> str:
    """LOW, MEDIUM or HIGH for an entry of this kind, with these details if the viewer may
    read them."""
    details = details or {}
    if kind == "domestic_abuse_incident" and details.get("risk_level") == "high":
        return HIGH
    if kind == "injury" or details.get("explanation_fits") == "no":
        return HIGH
    return _BY_KIND.get(kind, LOW)
