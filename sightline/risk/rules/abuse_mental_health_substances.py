"""Domestic abuse, parental mental ill-health and substance misuse, together."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sightline.risk.rules.base import ADULT, Case, Example, Finding, Item, finding
from sightline.risk.rules.reading import known, oldest_first, windows_by_day
from sightline.risk.rules.wording import by_agency_text, duration_text, within_text

RULE_ID = "abuse_mental_health_substances"
VERSION = 1
TITLE = "Domestic abuse, parental mental ill-health and substance misuse together"
RATIONALE = (
    "Brandon and colleagues' analyses of serious case reviews found domestic abuse, parental "
    "mental ill-health and parental drug or alcohol misuse, together, in a large share of the "
    "households where children died or were seriously harmed; the national Panel's reviews "
    "keep finding the same. Each is often known to a different service (police, adult mental "
    "health, substance misuse services) and recorded on the child's side only as an assessment "
    "factor. This signal fires when all three are recorded for the child's household within a "
    "year."
)


@dataclass(frozen=True)
class Parameters:
    window_days: int = 365
    # All three, as the reviews describe them; a local variant may look at any two.
    min_strands: int = 3
    # Children in Need census assessment factors for each strand (the child's own alcohol, drug
    # and mental health factors, 1A, 2A and 4A, are not about the parents and do not count).
    domestic_abuse_factors: frozenset[str] = frozenset({"3A", "3B", "3C"})
    mental_health_factors: frozenset[str] = frozenset({"4B", "4C"})
    substance_factors: frozenset[str] = frozenset({"1B", "1C", "2B", "2C"})


PARAMETERS = Parameters()
# None: any kind of entry may record one of the three (an assessment's factors, say).
READS: frozenset[str] | None = None
# Only its entries count, not the days passing nor the spans of service (see base.py).
TIMELESS = True

DOMESTIC_ABUSE = "domestic abuse"
MENTAL_HEALTH = "parental mental ill-health"
SUBSTANCES = "parental substance misuse"
_STRANDS = (DOMESTIC_ABUSE, MENTAL_HEALTH, SUBSTANCES)


def strands_of(item: Item, parameters: Parameters = PARAMETERS) -> set[str]:
    """Which of the three an item records."""
    found = set()
    details = item.details
    if item.factors & parameters.domestic_abuse_factors or item.kind == "domestic_abuse_incident":
        found.add(DOMESTIC_ABUSE)
    categories = details.get("categories")
    listed = categories if isinstance(categories, list) else []
    if item.kind in ("concern", "disclosure") and "domestic_abuse" in listed:
        found.add(DOMESTIC_ABUSE)
    if item.factors & parameters.mental_health_factors:
        found.add(MENTAL_HEALTH)
    if item.factors & parameters.substance_factors:
        found.add(SUBSTANCES)
    if item.kind == "domestic_abuse_incident" and (
        details.get("alcohol_involved") is True or details.get("drugs_involved") is True
    ):
        found.add(SUBSTANCES)
    return found


# Only an item with CIN factors, or of one of these kinds, can record a strand (strands_of).
_STRAND_KINDS = frozenset({"domestic_abuse_incident", "concern", "disclosure"})


def evaluate(case: Case, parameters: Parameters = PARAMETERS) -> list[Finding]:
    items = known(case)
    strands = {
        item.id: found
        for item in items
        if (item.factors or item.kind in _STRAND_KINDS) and (found := strands_of(item, parameters))
    }
    recorded = [item for item in items if item.id in strands]
    findings = []
    for window in windows_by_day(recorded, parameters.window_days):
        if len(set().union(*(strands[item.id] for item in window))) >= parameters.min_strands:
            findings.append(
                finding(RULE_ID, VERSION, window, _explain(window, strands, parameters))
            )
    return oldest_first(findings)


def _explain(window: list[Item], strands: dict[str, set[str]], parameters: Parameters) -> str:
    parts = []
    for strand in _STRANDS:
        showing = [item for item in window if strand in strands[item.id]]
        if showing:
            parts.append(f"{strand} ({by_agency_text(showing)})")
    return (
        f"Recorded for the child's household {within_text(window[0].on, window[-1].on)}: "
        f"{'; '.join(parts)}. The threshold is {parameters.min_strands} of these within "
        f"{duration_text(parameters.window_days)}."
    )


def _assessment(id: str, on: date, *factors: str) -> Item:
    return Item(
        id=id,
        kind="assessment",
        on=on,
        agency="csc-1",
        agency_kind="childrens_social_care",
        details={"assessment_type": "single_assessment", "stage": "completed"},
        factors=frozenset(factors),
    )


def _incident(id: str, on: date, **details: Any) -> Item:
    return Item(
        id=id,
        kind="domestic_abuse_incident",
        on=on,
        agency="police-1",
        agency_kind="police",
        about=ADULT,
        person="adult-1",
        roles=frozenset({"alleged_perpetrator"}),
        details={"risk_level": "medium", "children_present": False, **details},
    )


_BORN = date(2016, 8, 30)

EXAMPLES = [
    Example(
        "An assessment records all three: domestic abuse, the mother's depression, the "
        "father's drinking",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BORN,
            items=(_assessment("a1", date(2025, 5, 2), "3B", "4B", "1B"),),
        ),
        fires=(("a1",),),
    ),
    Example(
        "A police incident with alcohol involved, then an assessment notes mental ill-health",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _incident("p1", date(2025, 1, 20), alcohol_involved=True),
                _assessment("a1", date(2025, 7, 14), "4B"),
            ),
        ),
        fires=(("p1", "a1"),),
    ),
    Example(
        "Domestic abuse with drink involved, but no mental ill-health recorded",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _incident("p1", date(2025, 1, 20), alcohol_involved=True),
                _incident("p2", date(2025, 4, 2), drugs_involved=True),
            ),
        ),
    ),
    Example(
        "The child's own mental health and drug use are not the parents'",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _incident("p1", date(2025, 1, 20)),
                _assessment("a1", date(2025, 7, 14), "4A", "2A"),
            ),
        ),
    ),
    Example(
        "All three recorded, but more than a year apart",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _incident("p1", date(2024, 3, 1), drugs_involved=True),
                _assessment("a1", date(2025, 6, 2), "4B"),
            ),
        ),
    ),
]
