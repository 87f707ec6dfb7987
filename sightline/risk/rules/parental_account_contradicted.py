"""What a parent told one agency, contradicted by what another agency recorded."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sightline.risk.rules.base import ADULT, Case, Example, Finding, Item, finding
from sightline.risk.rules.reading import known, oldest_first
from sightline.risk.rules.wording import (
    agency_name,
    by_agency_text,
    day_text,
    duration_text,
    times_text,
)

RULE_ID = "parental_account_contradicted"
VERSION = 1
TITLE = "A parent's account contradicted by another agency"
RATIONALE = (
    "Reviews describe 'disguised compliance': parents who tell professionals what they want to "
    "hear (that a violent partner has left, that an injury was an accident) while another "
    "agency's records show otherwise (the NSPCC's learning from case reviews on disguised "
    "compliance; the Daniel Pelka review). Each agency holds one side of the contradiction. "
    "This signal fires when an adult said to have left the household is named at it by another "
    "agency within months, and when an injury explanation from a parent that one agency "
    "accepted is judged not to fit by another agency at about the same time."
)


@dataclass(frozen=True)
class Parameters:
    # A departure a plan relies on: another agency naming the adult within six months.
    left_within_days: int = 182
    # One injury, or injuries of the same weeks: explanations judged differently within four.
    explanations_within_days: int = 28
    # What puts an adult at the household in another agency's records.
    presence_kinds: frozenset[str] = frozenset(
        {"domestic_abuse_incident", "concern", "disclosure", "household_change"}
    )
    # A household change that records the adult joining (not leaving) the household.
    joining_changes: frozenset[str] = frozenset({"moved_in", "new_partner", "visitor_staying"})


PARAMETERS = Parameters()
# The only kinds of entry it reads (see READS in base.py).
READS: frozenset[str] | None = PARAMETERS.presence_kinds | {"household_change", "injury"}


def evaluate(case: Case, parameters: Parameters = PARAMETERS) -> list[Finding]:
    items = known(case)
    return oldest_first(_left(items, parameters) + _explanations(items, parameters))


def _present(item: Item, person: str, parameters: Parameters) -> bool:
    """The item puts this adult at the household."""
    if item.about != ADULT or item.person != person or item.kind not in parameters.presence_kinds:
        return False
    if item.kind == "household_change":
        return item.details.get("change") in parameters.joining_changes
    return True


def _left(items: list[Item], parameters: Parameters) -> list[Finding]:
    findings = []
    for left in items:
        if left.kind != "household_change" or left.details.get("change") != "moved_out":
            continue
        if left.about != ADULT or not left.person:
            continue
        until = left.on + timedelta(days=parameters.left_within_days)
        seen = [
            item
            for item in items
            if left.on < item.on <= until
            and item.agency != left.agency
            and _present(item, left.person, parameters)
        ]
        for day in sorted({item.on for item in seen}):
            since = [item for item in seen if item.on <= day]
            findings.append(
                finding(
                    RULE_ID,
                    VERSION,
                    [left, *since],
                    f"An adult said to have moved out ({agency_name(left.agency_kind)}, "
                    f"{day_text(left.on)}) was named at the household by another agency "
                    f"{times_text(len(since))} within "
                    f"{duration_text(parameters.left_within_days)} ({by_agency_text(since)}).",
                )
            )
    return findings


def _accepted(item: Item) -> bool:
    details = item.details
    return (
        details.get("explanation_by") == "parent_or_carer"
        and details.get("explanation_fits") == "yes"
    )


def _doubted(item: Item) -> bool:
    return item.details.get("explanation_fits") in ("no", "unclear")


def _explanations(items: list[Item], parameters: Parameters) -> list[Finding]:
    """At each injury, the injuries of the weeks before it from other agencies that judged the
    explanation the other way."""
    injuries = [item for item in items if item.kind == "injury"]
    findings = []
    for number, latest in enumerate(injuries):
        if not (_accepted(latest) or _doubted(latest)):
            continue
        opposite = _doubted if _accepted(latest) else _accepted
        earliest = latest.on - timedelta(days=parameters.explanations_within_days)
        other = [
            item
            for item in injuries[:number]
            if item.on >= earliest and item.agency != latest.agency and opposite(item)
        ]
        if not other:
            continue
        pair = [*other, latest]
        accepted = [item for item in pair if _accepted(item)]
        doubted = [item for item in pair if _doubted(item)]
        findings.append(
            finding(
                RULE_ID,
                VERSION,
                pair,
                f"A parent's explanation of an injury was accepted by "
                f"{by_agency_text(accepted)} but judged not to fit, or unclear, by "
                f"{by_agency_text(doubted)}, within "
                f"{duration_text(parameters.explanations_within_days)}.",
            )
        )
    return findings


def _moved_out(id: str, on: date, person: str = "adult-2") -> Item:
    return Item(
        id=id,
        kind="household_change",
        on=on,
        agency="csc-1",
        agency_kind="childrens_social_care",
        about=ADULT,
        person=person,
        roles=frozenset({"household_member"}),
        details={"change": "moved_out", "relationship_to_child": "mother's partner"},
    )


def _incident(id: str, on: date, person: str = "adult-2", agency: str = "police") -> Item:
    return Item(
        id=id,
        kind="domestic_abuse_incident",
        on=on,
        agency=f"{agency}-1",
        agency_kind=agency,
        about=ADULT,
        person=person,
        roles=frozenset({"alleged_perpetrator"}),
        details={"risk_level": "medium", "children_present": True},
    )


def _injury(id: str, on: date, agency_kind: str, fits: str, by: str = "parent_or_carer") -> Item:
    details: dict[str, Any] = {
        "marks": [{"region": "B-UPPERARM-L", "mark_type": "bruise"}],
        "explanation_given": True,
        "explanation": "Fell against the door frame.",
        "explanation_by": by,
        "explanation_fits": fits,
    }
    return Item(
        id=id,
        kind="injury",
        on=on,
        agency=f"{agency_kind}-1",
        agency_kind=agency_kind,
        details=details,
        child_seen="yes",
    )


_BORN = date(2018, 4, 2)

EXAMPLES = [
    Example(
        "The mother says her partner has left; six weeks later the police find him at the home",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BORN,
            items=(_moved_out("c1", date(2025, 2, 1)), _incident("p1", date(2025, 3, 15))),
        ),
        fires=(("c1", "p1"),),
    ),
    Example(
        "The GP accepts a parent's account of a bruise; a week later the school doubts it",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BORN,
            items=(
                _injury("g1", date(2025, 3, 3), "gp", "yes"),
                _injury("s1", date(2025, 3, 10), "school", "no"),
            ),
        ),
        fires=(("g1", "s1"),),
    ),
    Example(
        "The partner has left, and the incident that follows involves a different adult",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BORN,
            items=(
                _moved_out("c1", date(2025, 2, 1)),
                _incident("p1", date(2025, 3, 15), person="adult-7"),
            ),
        ),
    ),
    Example(
        "The partner is next named eight months after leaving",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(_moved_out("c1", date(2025, 2, 1)), _incident("p1", date(2025, 10, 1))),
        ),
    ),
    Example(
        "Two agencies both accept the parent's explanation",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BORN,
            items=(
                _injury("g1", date(2025, 3, 3), "gp", "yes"),
                _injury("s1", date(2025, 3, 10), "school", "yes"),
            ),
        ),
    ),
    Example(
        "An accepted explanation and a doubted one six weeks apart (different injuries)",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BORN,
            items=(
                _injury("g1", date(2025, 3, 3), "gp", "yes"),
                _injury("s1", date(2025, 4, 14), "school", "no"),
            ),
        ),
    ),
]
