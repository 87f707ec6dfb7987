"""A new adult in the child's household with a history of violence."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sightline.risk.rules.base import ADULT, CHILD, Case, Example, Finding, Item, finding, say_count
from sightline.risk.rules.reading import known, oldest_first
from sightline.risk.rules.wording import agency_name, day_text, days_text, duration_text

RULE_ID = "new_adult_violence"
VERSION = 1
TITLE = "A new adult in the household with a history of violence"
RATIONALE = (
    "The national Panel's review of harm to babies by male carers (The Myth of Invisible Men, "
    "2021) and many earlier reviews found that a new partner or another adult had joined the "
    "household, often with a history of violence that one agency knew about, while the "
    "professionals working with the child did not. This signal fires when an adult joins the "
    "household with a known history of violence, or when an adult who joined is named as the "
    "alleged perpetrator of domestic abuse."
)


@dataclass(frozen=True)
class Parameters:
    # The changes that bring an adult into the child's home.
    joining_changes: frozenset[str] = frozenset({"moved_in", "new_partner", "visitor_staying"})
    # How long an adult who joined still counts as new: abuse by them in their first year in
    # the home is read with their arrival.
    new_for_days: int = 365


PARAMETERS = Parameters()
# The only kinds of entry it reads (see READS in base.py).
READS: frozenset[str] | None = frozenset({"household_change", "domestic_abuse_incident"})


def evaluate(case: Case, parameters: Parameters = PARAMETERS) -> list[Finding]:
    items = known(case)
    findings: list[Finding] = []
    for joined in items:
        if joined.kind != "household_change":
            continue
        if joined.details.get("change") not in parameters.joining_changes:
            continue
        findings += _findings_for(joined, items, parameters)
    return oldest_first(findings)


def _perpetrator_in(item: Item, person: str) -> bool:
    return (
        item.kind == "domestic_abuse_incident"
        and item.about == ADULT
        and item.person == person
        and "alleged_perpetrator" in item.roles
    )


def _findings_for(joined: Item, items: list[Item], parameters: Parameters) -> list[Finding]:
    """On the day the adult joined, if their violence was known then; and again at each
    incident of abuse by them while they are new to the household."""
    known_history = joined.details.get("known_history_of_violence") == "yes"
    incidents: list[Item] = []
    if joined.about == ADULT and joined.person:
        until = joined.on + timedelta(days=parameters.new_for_days)
        incidents = [
            item for item in items if _perpetrator_in(item, joined.person) and item.on <= until
        ]
    before = [item for item in incidents if item.on <= joined.on]
    after = [item for item in incidents if item.on > joined.on]
    findings = []
    if known_history or before:
        findings.append(
            finding(
                RULE_ID,
                VERSION,
                [*before, joined],
                _explain(joined, known_history, before, [], parameters),
            )
        )
    for day in sorted({item.on for item in after}):
        since = [item for item in after if item.on <= day]
        findings.append(
            finding(
                RULE_ID,
                VERSION,
                [*before, joined, *since],
                _explain(joined, known_history, before, since, parameters),
            )
        )
    return findings


def _explain(
    joined: Item,
    known_history: bool,
    before: list[Item],
    since: list[Item],
    parameters: Parameters,
) -> str:
    change = str(joined.details.get("change", "")).replace("_", " ")
    relationship = str(joined.details.get("relationship_to_child") or "").strip()
    who = f"An adult ({relationship})" if relationship else "An adult"
    parts = [
        f"{who} joined the child's household ({change}, recorded by "
        f"{agency_name(joined.agency_kind)} on {day_text(joined.on)})"
    ]
    if known_history:
        parts.append("with a known history of violence")
    if before:
        parts.append(
            f"named as the alleged perpetrator of "
            f"{say_count(len(before), 'earlier domestic abuse incident')} "
            f"({days_text(item.on for item in before)})"
        )
    if since:
        parts.append(
            f"and since then named as the alleged perpetrator of "
            f"{say_count(len(since), 'domestic abuse incident')} "
            f"({days_text(item.on for item in since)}) within "
            f"{duration_text(parameters.new_for_days)} of joining"
        )
    return ", ".join(parts) + "."


def _joined(id: str, on: date, about: str = ADULT, person: str = "adult-2", **details: Any) -> Item:
    return Item(
        id=id,
        kind="household_change",
        on=on,
        agency="probation-1" if about == CHILD else "housing-1",
        agency_kind="probation" if about == CHILD else "housing",
        about=about,
        person=person if about == ADULT else "child-1",
        roles=frozenset({"household_member" if about == ADULT else "child_subject"}),
        details={
            "change": "new_partner",
            "relationship_to_child": "mother's partner",
            "known_history_of_violence": "unknown",
            **details,
        },
    )


def _incident(id: str, on: date, person: str, role: str = "alleged_perpetrator") -> Item:
    return Item(
        id=id,
        kind="domestic_abuse_incident",
        on=on,
        agency="police-1",
        agency_kind="police",
        about=ADULT,
        person=person,
        roles=frozenset({role}),
        details={"risk_level": "medium", "children_present": True},
    )


_BORN = date(2020, 2, 1)

EXAMPLES = [
    Example(
        "Probation learns a man with a violent history has moved in with a mother and child",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=_BORN,
            items=(_joined("pr1", date(2025, 2, 10), CHILD, known_history_of_violence="yes"),),
        ),
        fires=(("pr1",),),
    ),
    Example(
        "A new partner moves in; four months later police name him in a domestic abuse incident",
        Case(
            as_of=date(2025, 8, 31),
            date_of_birth=_BORN,
            items=(
                _joined("h1", date(2025, 2, 10)),
                _incident("p1", date(2025, 6, 14), "adult-2"),
            ),
        ),
        fires=(("h1", "p1"),),
    ),
    Example(
        "A father named in earlier incidents moves back in",
        Case(
            as_of=date(2025, 8, 31),
            date_of_birth=_BORN,
            items=(
                _incident("p1", date(2024, 5, 2), "adult-3"),
                _joined(
                    "h1",
                    date(2025, 2, 10),
                    person="adult-3",
                    change="moved_in",
                    relationship_to_child="father",
                ),
            ),
        ),
        fires=(("p1", "h1"),),
    ),
    Example(
        "A new partner with no known history, and no incidents",
        Case(
            as_of=date(2025, 8, 31),
            date_of_birth=_BORN,
            items=(_joined("h1", date(2025, 2, 10), known_history_of_violence="no"),),
        ),
    ),
    Example(
        "A new partner who is the victim, not the perpetrator, of a later incident",
        Case(
            as_of=date(2025, 8, 31),
            date_of_birth=_BORN,
            items=(
                _joined("h1", date(2025, 2, 10)),
                _incident("p1", date(2025, 6, 14), "adult-2", role="parent_or_carer"),
                _incident("p2", date(2025, 6, 14), "adult-4"),
            ),
        ),
    ),
    Example(
        "An incident more than a year after the partner moved in is no longer about a new adult",
        Case(
            as_of=date(2026, 8, 31),
            date_of_birth=_BORN,
            items=(
                _joined("h1", date(2025, 2, 10)),
                _incident("p1", date(2026, 2, 11), "adult-2"),
            ),
        ),
    ),
]
