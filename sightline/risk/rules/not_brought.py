"""Repeated health appointments the child was not brought to."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sightline.risk.rules.base import Case, Example, Finding, Item, finding, say_count
from sightline.risk.rules.reading import known, oldest_first, windows_by_day
from sightline.risk.rules.wording import by_agency_text, duration_text, join_words, within_text

RULE_ID = "not_brought"
VERSION = 1
TITLE = "Repeatedly not brought to health appointments"
RATIONALE = (
    "A child cannot take themselves to the doctor: when an appointment is missed, the child "
    "'was not brought'. Reviews of children who died of neglect found missed appointments "
    "across health services, each recorded as 'did not attend' and followed up by no one "
    "(the NSPCC's learning from case reviews on neglect; the national Panel's annual reports). "
    "An appointment missed for a reason given and rebooked is not counted; three missed "
    "without that, across any health services, within a year, is a pattern to follow up."
)


@dataclass(frozen=True)
class Parameters:
    # Three, not two: one missed appointment and its rebooking can go wrong twice for ordinary
    # reasons; a third in a year is a pattern.
    min_missed: int = 3
    window_days: int = 365


PARAMETERS = Parameters()
# The only kinds of entry it reads (see READS in base.py).
READS: frozenset[str] | None = frozenset({"missed_appointment"})

_SERVICE_NAMES = {"gp": "GP", "camhs": "CAMHS"}


def _counts(item: Item) -> bool:
    """Not brought, and not explained and rebooked."""
    details = item.details
    if details.get("was_not_brought") is not True:
        return False
    explained = bool(str(details.get("reason_given") or "").strip())
    return not (explained and details.get("rebooked") is True)


def evaluate(case: Case, parameters: Parameters = PARAMETERS) -> list[Finding]:
    missed = [item for item in known(case, "missed_appointment") if _counts(item)]
    findings = [
        finding(RULE_ID, VERSION, window, _explain(window, parameters))
        for window in windows_by_day(missed, parameters.window_days)
        if len(window) >= parameters.min_missed
    ]
    return oldest_first(findings)


def _explain(window: list[Item], parameters: Parameters) -> str:
    services = sorted({_service_name(item.details.get("service")) for item in window})
    unexplained = sum(
        1 for item in window if not str(item.details.get("reason_given") or "").strip()
    )
    return (
        f"{say_count(len(window), 'health appointment')} ({join_words(services)}) the child "
        f"was not brought to {within_text(window[0].on, window[-1].on)} "
        f"({by_agency_text(window)}), {unexplained or 'none'} with no reason given; the "
        f"threshold is {parameters.min_missed} within {duration_text(parameters.window_days)}."
    )


def _service_name(service: Any) -> str:
    return _SERVICE_NAMES.get(str(service), str(service or "other").replace("_", " "))


def _missed(id: str, on: date, agency_kind: str = "gp", **details: Any) -> Item:
    return Item(
        id=id,
        kind="missed_appointment",
        on=on,
        agency=f"{agency_kind}-1",
        agency_kind=agency_kind,
        details={"service": "gp", "was_not_brought": True, "rebooked": False, **details},
    )


_BORN = date(2021, 4, 1)

EXAMPLES = [
    Example(
        "Immunisations, paediatrics and the GP: three missed in five months",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BORN,
            items=(
                _missed("g1", date(2025, 1, 14), service="immunisation"),
                _missed("p1", date(2025, 3, 3), "community_paediatrics", service="paediatrics"),
                _missed("g2", date(2025, 6, 2), rebooked=True),
            ),
        ),
        fires=(("g1", "p1", "g2"),),
    ),
    Example(
        "Two missed appointments in a year",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _missed("g1", date(2025, 1, 14)),
                _missed("g2", date(2025, 6, 2)),
            ),
        ),
    ),
    Example(
        "Three missed, but one for a reason given and rebooked",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _missed("g1", date(2025, 1, 14)),
                _missed(
                    "g2", date(2025, 3, 2), reason_given="Child had chickenpox.", rebooked=True
                ),
                _missed("g3", date(2025, 6, 2)),
            ),
        ),
    ),
    Example(
        "Three missed over fourteen months",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _missed("g1", date(2024, 10, 1)),
                _missed("g2", date(2025, 3, 2)),
                _missed("g3", date(2025, 12, 1)),
            ),
        ),
    ),
    Example(
        "A parent who phoned to rearrange each time (not 'was not brought')",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _missed("h1", date(2025, 1, 14), "health_visiting", was_not_brought=False),
                _missed("h2", date(2025, 3, 2), "health_visiting", was_not_brought=False),
                _missed("h3", date(2025, 6, 2), "health_visiting", was_not_brought=False),
            ),
        ),
    ),
]
