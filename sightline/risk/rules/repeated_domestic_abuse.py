"""Repeated domestic abuse incidents in the child's household."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sightline.risk.rules.base import ADULT, CHILD, Case, Example, Finding, Item, finding, say_count
from sightline.risk.rules.reading import known, oldest_first, windows_by_day
from sightline.risk.rules.wording import by_agency_text, duration_text, within_text

RULE_ID = "repeated_domestic_abuse"
VERSION = 1
TITLE = "Repeated domestic abuse where the child lives"
RATIONALE = (
    "Children who live with domestic abuse are victims of it in their own right (Domestic Abuse "
    "Act 2021, section 3), whether or not they were in the room. Abuse that recurs tends to "
    "escalate, and reviews of children who died or were seriously harmed (the Daniel Pelka "
    "review; the NSPCC's learning from case reviews on domestic abuse) found police call-outs "
    "that were each handled as a single incident, with no one counting them. A second incident "
    "within a year in the child's household is a pattern, whatever each one's risk level."
)


@dataclass(frozen=True)
class Parameters:
    window_days: int = 365  # twelve months
    min_incidents: int = 2  # a repeat: the second incident within the window


PARAMETERS = Parameters()
# The only kinds of entry it reads (see READS in base.py).
READS: frozenset[str] | None = frozenset({"domestic_abuse_incident"})

_RISK_ORDER = {"standard": 1, "medium": 2, "high": 3}


def evaluate(case: Case, parameters: Parameters = PARAMETERS) -> list[Finding]:
    # A child's case holds the incidents about the child, and those about the adults of the
    # child's household while they lived there: each is an incident where the child lives.
    incidents = known(case, "domestic_abuse_incident")
    findings: list[Finding] = []
    for window in windows_by_day(incidents, parameters.window_days):
        if len(window) < parameters.min_incidents:
            continue
        findings.append(finding(RULE_ID, VERSION, window, _explain(window, parameters)))
    return oldest_first(findings)


def _explain(window: list[Item], parameters: Parameters) -> str:
    present = sum(1 for item in window if item.details.get("children_present") is True)
    risks = [str(item.details.get("risk_level", "")) for item in window]
    highest = max(risks, key=lambda risk: _RISK_ORDER.get(risk, 0))
    described = f"{present or 'none'} with children present"
    risk = f", the highest assessed as {highest} risk" if highest in _RISK_ORDER else ""
    return (
        f"{say_count(len(window), 'domestic abuse incident')} in the child's household "
        f"{within_text(window[0].on, window[-1].on)}, {described}{risk} "
        f"({by_agency_text(window)}); the threshold is {parameters.min_incidents} within "
        f"{duration_text(parameters.window_days)}."
    )


def _incident(
    id: str, on: date, about: str = ADULT, person: str = "adult-1", **details: Any
) -> Item:
    return Item(
        id=id,
        kind="domestic_abuse_incident",
        on=on,
        agency="police-1",
        agency_kind="police",
        about=about,
        person=person if about == ADULT else "child-1",
        roles=frozenset({"alleged_perpetrator" if about == ADULT else "child_subject"}),
        details={"risk_level": "standard", "children_present": True, **details},
    )


_BORN = date(2018, 6, 1)

EXAMPLES = [
    Example(
        "Three call-outs in nine months, rising in risk",
        Case(
            as_of=date(2025, 10, 31),
            date_of_birth=_BORN,
            items=(
                _incident("p1", date(2025, 1, 12), CHILD),
                _incident("p2", date(2025, 3, 3), risk_level="medium"),
                _incident("p3", date(2025, 9, 28), risk_level="high", children_present=False),
            ),
        ),
        fires=(("p1", "p2"), ("p1", "p2", "p3")),
    ),
    Example(
        "Two incidents exactly twelve months apart are still within the window",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BORN,
            items=(
                _incident("p1", date(2024, 3, 1)),
                _incident("p2", date(2025, 3, 1), children_present=False),
            ),
        ),
        fires=(("p1", "p2"),),
    ),
    Example(
        "A single verbal argument reported once",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(_incident("p1", date(2025, 2, 14), children_present=False),),
        ),
    ),
    Example(
        "Two incidents a year and a day apart",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _incident("p1", date(2024, 3, 1)),
                _incident("p2", date(2025, 3, 2)),
            ),
        ),
    ),
    Example(
        "A concern about an argument is not a police domestic abuse incident",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _incident("p1", date(2025, 2, 14)),
                Item(
                    id="s1",
                    kind="concern",
                    on=date(2025, 3, 1),
                    agency="school-1",
                    agency_kind="school",
                    details={"categories": ["domestic_abuse"]},
                ),
            ),
        ),
    ),
]
