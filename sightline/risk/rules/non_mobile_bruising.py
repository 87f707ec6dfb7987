"""Any bruising in a baby (or child) who is not independently mobile."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sightline.risk.rules.base import Case, Example, Finding, Item, finding
from sightline.risk.rules.reading import known, oldest_first
from sightline.risk.rules.wording import agency_name, day_text, marks_text

RULE_ID = "non_mobile_bruising"
VERSION = 1
TITLE = "Bruising in a baby who is not yet mobile"
RATIONALE = (
    "A baby who cannot yet crawl, cruise or walk rarely bruises by accident. NICE guideline "
    "CG89 says to suspect physical abuse when there is bruising in any child who is not "
    "independently mobile, and local safeguarding partnerships' protocols for bruising in "
    "non-mobile babies ask for a referral to children's social care every time, whatever the "
    "explanation. The Panel's review of non-accidental injury to babies (The Myth of Invisible "
    "Men, 2021) found bruises seen and explained away. This signal fires on a single bruise."
)


@dataclass(frozen=True)
class Parameters:
    # Under six months a baby is treated as not independently mobile whatever is recorded;
    # at any age when the record says the child is not mobile (a disabled child, for example).
    non_mobile_under_days: int = 183
    # Petechiae are bruising too, in the protocols.
    mark_types: frozenset[str] = frozenset({"bruise", "petechiae"})


PARAMETERS = Parameters()
# The only kinds of entry it reads (see READS in base.py).
READS: frozenset[str] | None = frozenset({"injury"})


def evaluate(case: Case, parameters: Parameters = PARAMETERS) -> list[Finding]:
    findings = []
    for injury in known(case, "injury"):
        marks = injury.details.get("marks")
        if not any(
            isinstance(mark, Mapping) and mark.get("mark_type") in parameters.mark_types
            for mark in (marks if isinstance(marks, list) else [])
        ):
            continue
        why = _not_mobile(case, injury, parameters)
        if why:
            findings.append(
                finding(
                    RULE_ID,
                    VERSION,
                    [injury],
                    f"Bruising ({marks_text(injury.details)}) seen by "
                    f"{agency_name(injury.agency_kind)} on {day_text(injury.on)} on {why}; the "
                    f"threshold is any bruising in a child who is not independently mobile "
                    f"(younger than {parameters.non_mobile_under_days} days, or recorded as not "
                    f"mobile).",
                )
            )
    return oldest_first(findings)


def _not_mobile(case: Case, injury: Item, parameters: Parameters) -> str:
    """Why the child counts as not independently mobile, in words; empty if they do not."""
    age = case.age_in_days(injury.on)
    if age is not None and 0 <= age < parameters.non_mobile_under_days:
        weeks = age // 7
        return f"a baby {weeks} week{'s' if weeks != 1 else ''} old"
    if injury.details.get("child_mobile") == "no":
        return "a child recorded as not independently mobile"
    return ""


def _bruise(id: str, on: date, agency_kind: str = "health_visiting", **details: Any) -> Item:
    return Item(
        id=id,
        kind="injury",
        on=on,
        agency=f"{agency_kind}-1",
        agency_kind=agency_kind,
        details={
            "marks": [{"region": "F-CHEEK-R", "mark_type": "bruise", "size_mm": 10}],
            "explanation_given": True,
            "explanation": "Sibling poked him.",
            "explanation_by": "parent_or_carer",
            "explanation_fits": "unclear",
            "child_mobile": "unknown",
            **details,
        },
        child_seen="yes",
    )


EXAMPLES = [
    Example(
        "A small bruise on a ten-week-old's cheek, explained by a sibling",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=date(2024, 12, 20),
            items=(_bruise("hv1", date(2025, 3, 1)),),
        ),
        fires=(("hv1",),),
    ),
    Example(
        "Bruising on a two-year-old recorded as not independently mobile",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=date(2023, 1, 10),
            items=(_bruise("g1", date(2025, 3, 1), "gp", child_mobile="no"),),
        ),
        fires=(("g1",),),
    ),
    Example(
        "A bruised shin on a crawling nine-month-old",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=date(2024, 6, 1),
            items=(
                _bruise(
                    "g1",
                    date(2025, 3, 1),
                    "gp",
                    marks=[{"region": "F-SHIN-L", "mark_type": "bruise"}],
                    child_mobile="yes",
                    explanation_fits="yes",
                ),
            ),
        ),
    ),
    Example(
        "A scratch, not a bruise, on a four-month-old",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=date(2024, 11, 1),
            items=(
                _bruise(
                    "hv1",
                    date(2025, 3, 1),
                    marks=[{"region": "F-CHEEK-L", "mark_type": "scratch"}],
                    explanation_fits="yes",
                ),
            ),
        ),
    ),
    Example(
        "A bruise on the day a baby of unknown mobility turns six months (183 days)",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=date(2024, 8, 30),
            items=(_bruise("hv1", date(2025, 3, 1)),),
        ),
    ),
    Example(
        "A bruise on a child whose age and mobility are both unknown",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=None,
            items=(_bruise("hv1", date(2025, 3, 1)),),
        ),
    ),
]
