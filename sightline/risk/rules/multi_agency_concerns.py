"""Concerns from two or more agencies within a short window."""

from dataclasses import dataclass
from datetime import date

from sightline.risk.rules.base import Case, Example, Finding, Item, agencies_of, finding, say_count
from sightline.risk.rules.reading import known, oldest_first, windows_by_day
from sightline.risk.rules.wording import by_agency_text, duration_text, within_text

RULE_ID = "multi_agency_concerns"
VERSION = 1
TITLE = "Concerns from two or more agencies within a short time"
RATIONALE = (
    "When several agencies each notice something within a few weeks, each may judge its own "
    "piece too small to act on. Reviews of children who died or were seriously harmed keep "
    "finding that the pieces were never put side by side (the Daniel Pelka review; the national "
    "Panel's review of the deaths of Arthur Labinjo-Hughes and Star Hobson). This signal puts "
    "them side by side."
)


@dataclass(frozen=True)
class Parameters:
    # Six weeks: short enough that the concerns are about the same period of the child's life.
    window_days: int = 42
    min_agencies: int = 2


PARAMETERS = Parameters()

# What counts as a concern: a worry written down, passed on or told, or an injury whose
# explanation did not clearly fit.
CONCERN_KINDS = frozenset({"concern", "referral", "disclosure", "domestic_abuse_incident"})
# The only kinds of entry it reads (see READS in base.py).
READS: frozenset[str] | None = CONCERN_KINDS | {"injury"}


def _is_concern(item: Item) -> bool:
    if item.kind == "injury":
        return item.details.get("explanation_fits") in ("no", "unclear")
    return item.kind in CONCERN_KINDS


def evaluate(case: Case, parameters: Parameters = PARAMETERS) -> list[Finding]:
    concerns = [item for item in known(case) if _is_concern(item)]
    findings: list[Finding] = []
    for window in windows_by_day(concerns, parameters.window_days):
        agencies = agencies_of(window)
        if len(agencies) < parameters.min_agencies:
            continue
        findings.append(
            finding(
                RULE_ID,
                VERSION,
                window,
                f"{say_count(len(window), 'concern')} from {len(agencies)} agencies "
                f"{within_text(window[0].on, window[-1].on)} ({by_agency_text(window)}); the "
                f"threshold is concerns from {parameters.min_agencies} agencies within "
                f"{duration_text(parameters.window_days)}.",
            )
        )
    return oldest_first(findings)


def _item(id: str, on: date, agency: str, kind: str = "concern", agency_kind: str = "") -> Item:
    return Item(id=id, kind=kind, on=on, agency=agency, agency_kind=agency_kind or agency)


EXAMPLES = [
    Example(
        "A school concern and a police incident three weeks apart",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=date(2019, 5, 1),
            items=(
                _item("s1", date(2025, 3, 1), "school"),
                _item("p1", date(2025, 3, 22), "police", "domestic_abuse_incident"),
            ),
        ),
        fires=(("s1", "p1"),),
    ),
    Example(
        "A third agency's concern in the same weeks adds to what was already found",
        Case(
            as_of=date(2025, 4, 30),
            date_of_birth=date(2019, 5, 1),
            items=(
                _item("s1", date(2025, 3, 1), "school"),
                _item("p1", date(2025, 3, 22), "police", "domestic_abuse_incident"),
                _item("g1", date(2025, 4, 2), "gp", "referral"),
            ),
        ),
        fires=(("s1", "p1"), ("s1", "p1", "g1")),
    ),
    Example(
        "Two concerns from the same school do not make it multi-agency",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=date(2019, 5, 1),
            items=(
                _item("s1", date(2025, 3, 1), "school"),
                _item("s2", date(2025, 3, 8), "school"),
            ),
        ),
    ),
    Example(
        "Concerns from two agencies half a year apart are outside the window",
        Case(
            as_of=date(2025, 9, 30),
            date_of_birth=date(2019, 5, 1),
            items=(
                _item("s1", date(2025, 3, 1), "school"),
                _item("g1", date(2025, 9, 1), "gp"),
            ),
        ),
    ),
    Example(
        "Concerns 43 days apart are one day outside the six weeks",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=date(2019, 5, 1),
            items=(
                _item("s1", date(2025, 3, 1), "school"),
                _item("g1", date(2025, 4, 13), "gp"),
            ),
        ),
    ),
    Example(
        "An accidental injury whose explanation fits is not a concern",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=date(2019, 5, 1),
            items=(
                _item("s1", date(2025, 3, 1), "school"),
                Item(
                    id="h1",
                    kind="injury",
                    on=date(2025, 3, 5),
                    agency="hospital",
                    agency_kind="hospital",
                    details={"explanation_fits": "yes"},
                ),
            ),
        ),
    ),
]
