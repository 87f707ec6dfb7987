"""An injury whose explanation does not fit, or injuries seen by more than one agency."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sightline.risk.rules.base import Case, Example, Finding, Item, agencies_of, finding, say_count
from sightline.risk.rules.reading import known, oldest_first, windows_by_day
from sightline.risk.rules.wording import (
    agency_name,
    by_agency_text,
    day_text,
    duration_text,
    marks_text,
    within_text,
)

RULE_ID = "injury_explanation"
VERSION = 1
TITLE = "An injury whose explanation does not fit, or injuries seen by several agencies"
RATIONALE = (
    "NICE guideline CG89 (Child maltreatment: when to suspect maltreatment in under 18s) asks "
    "professionals to suspect or consider abuse when an injury's explanation is absent, "
    "implausible, inadequate or inconsistent, and to consider neglect when a child has repeated "
    "injuries. Case reviews (the Daniel Pelka review; the Panel's review of the death of Arthur "
    "Labinjo-Hughes) found injuries seen one at a time by a school, a GP and a hospital, each "
    "accepting an explanation that did not fit or never putting the injuries together. This "
    "signal fires on each injury whose explanation did not fit or was not given, and when "
    "injuries are seen by more than one agency within a few weeks."
)


@dataclass(frozen=True)
class Parameters:
    # NICE CG89 counts an absent explanation with an unsuitable one.
    absent_explanation_counts: bool = True
    # Twelve weeks: injuries in the same season of the child's life, seen by different agencies.
    several_window_days: int = 84
    # Three, not two: one accident is often recorded twice (by the school and the hospital).
    several_min_injuries: int = 3
    several_min_agencies: int = 2


PARAMETERS = Parameters()
# The only kinds of entry it reads (see READS in base.py).
READS: frozenset[str] | None = frozenset({"injury"})

_BY_WHOM = {"child": "the child", "parent_or_carer": "the parent or carer", "other": "someone else"}


def evaluate(case: Case, parameters: Parameters = PARAMETERS) -> list[Finding]:
    injuries = known(case, "injury")
    findings = [
        finding(RULE_ID, VERSION, [injury], _explain_one(injury, doubt))
        for injury in injuries
        if (doubt := _doubt(injury.details, parameters))
    ]
    for window in windows_by_day(injuries, parameters.several_window_days):
        agencies = agencies_of(window)
        if (
            len(window) >= parameters.several_min_injuries
            and len(agencies) >= parameters.several_min_agencies
        ):
            findings.append(
                finding(RULE_ID, VERSION, window, _explain_several(window, agencies, parameters))
            )
    return oldest_first(findings)


def _doubt(details: Mapping[str, Any], parameters: Parameters) -> str:
    """What was wrong with the explanation, in words; empty if nothing was."""
    by = _BY_WHOM.get(str(details.get("explanation_by", "")), "")
    given = f"the explanation given{f' by {by}' if by else ''}"
    fits = details.get("explanation_fits")
    if fits == "no":
        return f"{given} does not fit the injury"
    if fits == "unclear":
        return f"it is unclear whether {given} fits the injury"
    if details.get("explanation_given") is False and parameters.absent_explanation_counts:
        return "no explanation was given"
    return ""


def _explain_one(injury: Item, doubt: str) -> str:
    return (
        f"An injury ({marks_text(injury.details)}) seen by {agency_name(injury.agency_kind)} "
        f"on {day_text(injury.on)}: {doubt}; NICE CG89 asks for any injury whose explanation "
        f"is absent or unsuitable to be looked into."
    )


def _explain_several(window: list[Item], agencies: set[str], parameters: Parameters) -> str:
    return (
        f"{say_count(len(window), 'injury', 'injuries')} seen by {len(agencies)} agencies "
        f"{within_text(window[0].on, window[-1].on)} ({by_agency_text(window)}); the threshold "
        f"is {parameters.several_min_injuries} injuries seen by {parameters.several_min_agencies} "
        f"agencies within {duration_text(parameters.several_window_days)}."
    )


def _injury(id: str, on: date, agency_kind: str, **details: Any) -> Item:
    return Item(
        id=id,
        kind="injury",
        on=on,
        agency=f"{agency_kind}-1",
        agency_kind=agency_kind,
        details={
            "marks": [{"region": "F-SHIN-L", "mark_type": "bruise"}],
            "explanation_given": True,
            "explanation": "Fell over in the park.",
            "explanation_by": "parent_or_carer",
            "explanation_fits": "yes",
            "child_mobile": "yes",
            **details,
        },
        child_seen="yes",
    )


_BORN = date(2019, 9, 1)
_CHEEK = [{"region": "F-CHEEK-L", "mark_type": "bruise"}]

EXAMPLES = [
    Example(
        "A bruised cheek the school is told came from a fall, which does not fit",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=_BORN,
            items=(_injury("s1", date(2025, 3, 3), "school", marks=_CHEEK, explanation_fits="no"),),
        ),
        fires=(("s1",),),
    ),
    Example(
        "An injury with no explanation at all",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=_BORN,
            items=(
                _injury(
                    "g1",
                    date(2025, 3, 3),
                    "gp",
                    explanation_given=False,
                    explanation="",
                    explanation_by="none",
                    explanation_fits="not_applicable",
                ),
            ),
        ),
        fires=(("g1",),),
    ),
    Example(
        "Three explained injuries seen by the school and the hospital within seven weeks",
        Case(
            as_of=date(2025, 4, 30),
            date_of_birth=_BORN,
            items=(
                _injury("s1", date(2025, 2, 3), "school"),
                _injury("h1", date(2025, 3, 1), "hospital"),
                _injury("s2", date(2025, 3, 20), "school"),
            ),
        ),
        fires=(("s1", "h1", "s2"),),
    ),
    Example(
        "An accident in a mobile child, explained at once, and the explanation fits",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=_BORN,
            items=(_injury("s1", date(2025, 3, 3), "school"),),
        ),
    ),
    Example(
        "One accident recorded by the school and the hospital the same day",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=_BORN,
            items=(
                _injury("s1", date(2025, 3, 3), "school"),
                _injury("h1", date(2025, 3, 3), "hospital"),
            ),
        ),
    ),
    Example(
        "Three explained injuries seen by the school alone",
        Case(
            as_of=date(2025, 4, 30),
            date_of_birth=_BORN,
            items=(
                _injury("s1", date(2025, 2, 3), "school"),
                _injury("s2", date(2025, 3, 1), "school"),
                _injury("s3", date(2025, 3, 20), "school"),
            ),
        ),
    ),
    Example(
        "Three explained injuries from two agencies spread over five months",
        Case(
            as_of=date(2025, 7, 31),
            date_of_birth=_BORN,
            items=(
                _injury("s1", date(2025, 2, 3), "school"),
                _injury("h1", date(2025, 4, 10), "hospital"),
                _injury("s2", date(2025, 7, 1), "school"),
            ),
        ),
    ),
]
