"""Two or more assessments closed with no further action within a year."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sightline.risk.rules.base import Case, Example, Finding, Item, finding, say_count
from sightline.risk.rules.reading import known, oldest_first, runs
from sightline.risk.rules.wording import days_text, duration_text, join_words, within_text

RULE_ID = "repeated_nfa"
VERSION = 1
TITLE = "Assessments closed with no further action, again"
RATIONALE = (
    "The Daniel Pelka review asked why four separate assessments all failed to identify the "
    "risk. Brandon and colleagues' analyses of serious case reviews found the same pattern "
    "again and again: 'start again syndrome', where each assessment looks at the latest "
    "incident alone, and the 'rule of optimism', where each parent's account is accepted. A "
    "second closure with no further action within a year needs the whole history, and a second "
    "pair of eyes, before it takes effect."
)


@dataclass(frozen=True)
class Parameters:
    min_closures: int = 2
    window_days: int = 365
    # Records of one closure made on nearby days (the enquiry's end and its assessment's
    # outcome) are one closure.
    same_closure_days: int = 14


PARAMETERS = Parameters()

_WHAT_CLOSED = {
    "assessment": "assessment",
    "section_47_enquiry": "section 47 enquiry",
    "strategy_discussion": "strategy discussion",
}
# The only kinds of entry it reads (see READS in base.py).
READS: frozenset[str] | None = frozenset(_WHAT_CLOSED)


def closed_with_nfa(item: Item) -> bool:
    """An assessment, enquiry or strategy discussion that ended with no further action."""
    details = item.details
    if item.kind == "assessment":
        return details.get("stage") == "completed" and details.get("outcome") == "no_further_action"
    if item.kind == "section_47_enquiry":
        return (
            details.get("stage") == "completed"
            and details.get("outcome") == "concerns_not_substantiated"
            and details.get("icpc_required") is not True
        )
    if item.kind == "strategy_discussion":
        return details.get("decision") == "no_further_action"
    return False


def evaluate(case: Case, parameters: Parameters = PARAMETERS) -> list[Finding]:
    closures = runs(
        [item for item in known(case, *_WHAT_CLOSED) if closed_with_nfa(item)],
        parameters.same_closure_days,
    )
    findings = []
    first = 0
    for last, closure in enumerate(closures):
        while closures[first][0].on < closure[0].on - timedelta(days=parameters.window_days):
            first += 1
        window = closures[first : last + 1]
        if len(window) >= parameters.min_closures:
            evidence = [item for run in window for item in run]
            findings.append(finding(RULE_ID, VERSION, evidence, _explain(window, parameters)))
    return oldest_first(findings)


def _explain(window: list[list[Item]], parameters: Parameters) -> str:
    kinds = sorted({_WHAT_CLOSED[item.kind] for run in window for item in run})
    days = [run[0].on for run in window]
    return (
        f"{say_count(len(window), 'closure')} with no further action "
        f"{within_text(days[0], days[-1])} ({join_words(kinds)}, on {days_text(days)}); the "
        f"threshold is {parameters.min_closures} within {duration_text(parameters.window_days)}."
    )


def _csc(id: str, on: date, kind: str = "assessment", **details: Any) -> Item:
    defaults: dict[str, Any] = {
        "assessment": {
            "assessment_type": "single_assessment",
            "stage": "completed",
            "start_date": on.isoformat(),
            "outcome": "no_further_action",
        },
        "section_47_enquiry": {
            "stage": "completed",
            "start_date": on.isoformat(),
            "icpc_required": False,
            "outcome": "concerns_not_substantiated",
        },
        "strategy_discussion": {"decision": "no_further_action", "agencies_present": ["police"]},
    }
    return Item(
        id=id,
        kind=kind,
        on=on,
        agency="csc-1",
        agency_kind="childrens_social_care",
        details={**defaults[kind], **details},
    )


_BORN = date(2019, 7, 20)

EXAMPLES = [
    Example(
        "Two single assessments closed with no further action five months apart",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _csc("a1", date(2025, 3, 10)),
                _csc("a2", date(2025, 8, 12)),
            ),
        ),
        fires=(("a1", "a2"),),
    ),
    Example(
        "A strategy discussion decides no further action; an assessment closes eight months on",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _csc("sd1", date(2025, 1, 20), "strategy_discussion"),
                _csc("a1", date(2025, 9, 15)),
            ),
        ),
        fires=(("sd1", "a1"),),
    ),
    Example(
        "An enquiry and its assessment closed in the same week are one closure",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _csc("s47", date(2025, 3, 3), "section_47_enquiry"),
                _csc("a1", date(2025, 3, 7), assessment_type="section_47"),
            ),
        ),
    ),
    Example(
        "One assessment closed with no further action, the next with a child in need plan",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _csc("a1", date(2025, 3, 10)),
                _csc("a2", date(2025, 8, 12), outcome="child_in_need_plan"),
            ),
        ),
    ),
    Example(
        "Two closures thirteen months apart",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _csc("a1", date(2024, 7, 1)),
                _csc("a2", date(2025, 8, 1)),
            ),
        ),
    ),
]
