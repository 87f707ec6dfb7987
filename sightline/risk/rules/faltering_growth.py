"""Hunger or food-seeking, weight loss, or weight falling across the centile lines."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sightline.risk.rules.base import Case, Example, Finding, Item, finding, say_count
from sightline.risk.rules.reading import known, oldest_first, windows_by_day
from sightline.risk.rules.wording import (
    by_agency_text,
    centile_text,
    day_text,
    duration_text,
    within_text,
)

RULE_ID = "faltering_growth"
VERSION = 1
TITLE = "Hunger or food-seeking, weight loss or faltering growth"
RATIONALE = (
    "Neglect is cumulative: no single day looks like an emergency. Reviews of children who died "
    "of neglect (the Daniel Pelka review; the NSPCC's learning from case reviews on neglect) "
    "found a school that saw a child take food from bins and other children's lunch boxes, and "
    "growth charts that showed the weight falling away, each seen by one agency. NICE guideline "
    "NG75 (Faltering growth) defines a worrying fall by the centile lines crossed: one or more "
    "from below the 9th centile, two or more from between the 9th and 91st, three or more from "
    "above the 91st. This signal fires on repeated hunger or food-seeking, on a fall across the "
    "lines, or on a child losing weight."
)


@dataclass(frozen=True)
class Parameters:
    food_behaviours: frozenset[str] = frozenset({"food_seeking", "hunger"})
    # Twice in half a year: a pattern rather than one missed breakfast.
    food_min_observations: int = 2
    food_window_days: int = 182
    # Growth is compared with measurements in the year before.
    growth_window_days: int = 365
    # The major lines of the UK-WHO growth charts.
    centile_lines: tuple[float, ...] = (0.4, 2, 9, 25, 50, 75, 91, 98, 99.6)
    # NICE NG75, with the earlier measurement's centile standing in for the birth weight's.
    low_centile: float = 9
    high_centile: float = 91
    min_lines_from_low: int = 1
    min_lines_from_middle: int = 2
    min_lines_from_high: int = 3
    # Children gain weight as they grow; losing a twentieth of it needs explaining.
    min_weight_loss_percent: float = 5.0
    # Babies lose weight in their first days (NG75 treats early weight loss separately).
    newborn_days: int = 14


PARAMETERS = Parameters()
# The only kinds of entry it reads (see READS in base.py).
READS: frozenset[str] | None = frozenset({"behaviour_observation", "growth_measurement"})


def evaluate(case: Case, parameters: Parameters = PARAMETERS) -> list[Finding]:
    return oldest_first(_food(case, parameters) + _growth(case, parameters))


def _food(case: Case, parameters: Parameters) -> list[Finding]:
    observations = [
        item
        for item in known(case, "behaviour_observation")
        if _listed(item.details.get("behaviours")) & parameters.food_behaviours
    ]
    return [
        finding(
            RULE_ID,
            VERSION,
            window,
            f"{say_count(len(window), 'observation')} of hunger or food-seeking "
            f"{within_text(window[0].on, window[-1].on)} ({by_agency_text(window)}); the "
            f"threshold is {parameters.food_min_observations} within "
            f"{duration_text(parameters.food_window_days)}.",
        )
        for window in windows_by_day(observations, parameters.food_window_days)
        if len(window) >= parameters.food_min_observations
    ]


def _listed(value: Any) -> set[str]:
    return {str(v) for v in value} if isinstance(value, list) else set()


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _growth(case: Case, parameters: Parameters) -> list[Finding]:
    measured = [
        item
        for item in known(case, "growth_measurement")
        if not _newborn(case, item, parameters)
        and (_number(item.details.get("weight_centile")) is not None or _weight(item) is not None)
    ]
    findings = []
    for number, current in enumerate(measured):
        earliest = current.on - timedelta(days=parameters.growth_window_days)
        earlier = [item for item in measured[:number] if earliest <= item.on < current.on]
        fall = _centile_fall(earlier, current, parameters)
        loss = _weight_loss(earlier, current, parameters)
        if fall is None and loss is None:
            continue
        starts = [found[0] for found in (fall, loss) if found is not None]
        first = min(starts, key=lambda item: (item.on, item.id))
        evidence = [
            item for item in measured[: number + 1] if (item.on, item.id) >= (first.on, first.id)
        ]
        explained = " ".join(found[1] for found in (fall, loss) if found is not None)
        findings.append(finding(RULE_ID, VERSION, evidence, explained))
    return findings


def _newborn(case: Case, item: Item, parameters: Parameters) -> bool:
    age = case.age_in_days(item.on)
    return age is not None and age < parameters.newborn_days


def _weight(item: Item) -> float | None:
    return _number(item.details.get("weight_kg"))


def _lines_crossed(before: float, after: float, parameters: Parameters) -> int:
    return sum(1 for line in parameters.centile_lines if after < line <= before)


def _lines_needed(before: float, parameters: Parameters) -> int:
    if before < parameters.low_centile:
        return parameters.min_lines_from_low
    if before > parameters.high_centile:
        return parameters.min_lines_from_high
    return parameters.min_lines_from_middle


def _centile_fall(
    earlier: list[Item], current: Item, parameters: Parameters
) -> tuple[Item, str] | None:
    """The earliest of the measurements from which the weight has fallen furthest, if that fall
    crosses enough lines, and the fall in words."""
    now = _number(current.details.get("weight_centile"))
    if now is None:
        return None
    falls = []
    for item in earlier:
        before = _number(item.details.get("weight_centile"))
        if before is None:
            continue
        crossed = _lines_crossed(before, now, parameters)
        if crossed >= _lines_needed(before, parameters):
            falls.append((crossed, item, before))
    if not falls:
        return None
    crossed, start, before = max(falls, key=lambda f: (f[0], -f[1].on.toordinal()))
    return start, (
        f"Weight fell from {centile_text(before)} ({day_text(start.on)}) to {centile_text(now)} "
        f"({day_text(current.on)}), across {say_count(crossed, 'centile line')} "
        f"({by_agency_text([start, current])}); NICE NG75 treats a fall across "
        f"{_lines_needed(before, parameters)} or more from there as faltering growth."
    )


def _weight_loss(
    earlier: list[Item], current: Item, parameters: Parameters
) -> tuple[Item, str] | None:
    """The heaviest earlier measurement, if the child now weighs enough less, and the loss."""
    now = _weight(current)
    weighed = [(w, item) for item in earlier if (w := _weight(item)) is not None and w > 0]
    if now is None or not weighed:
        return None
    most, start = max(weighed, key=lambda pair: (pair[0], -pair[1].on.toordinal()))
    percent = (most - now) / most * 100
    if percent < parameters.min_weight_loss_percent:
        return None
    return start, (
        f"Weight fell by {percent:.0f}% ({most:g} kg on {day_text(start.on)} to {now:g} kg on "
        f"{day_text(current.on)}); the threshold is a loss of "
        f"{parameters.min_weight_loss_percent:g}% within "
        f"{duration_text(parameters.growth_window_days)}."
    )


def _measured(id: str, on: date, centile: float | None, weight: float | None = None) -> Item:
    details: dict[str, float] = {}
    if centile is not None:
        details["weight_centile"] = centile
    if weight is not None:
        details["weight_kg"] = weight
    return Item(
        id=id,
        kind="growth_measurement",
        on=on,
        agency="hv-1",
        agency_kind="health_visiting",
        details=details,
        child_seen="yes",
    )


def _observed(id: str, on: date, *behaviours: str) -> Item:
    return Item(
        id=id,
        kind="behaviour_observation",
        on=on,
        agency="school-1",
        agency_kind="school",
        details={"behaviours": list(behaviours)},
    )


_BABY = date(2024, 1, 10)
_PUPIL = date(2018, 10, 1)

EXAMPLES = [
    Example(
        "A baby's weight falls from the 62nd to the 8th centile in four months",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BABY,
            items=(
                _measured("w1", date(2025, 2, 3), 62),
                _measured("w2", date(2025, 4, 1), 30),
                _measured("w3", date(2025, 6, 10), 8),
            ),
        ),
        fires=(("w1", "w2", "w3"),),
    ),
    Example(
        "A child found taking food from other children's lunch boxes twice in five weeks",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=_PUPIL,
            items=(
                _observed("s1", date(2025, 2, 3), "food_seeking"),
                _observed("s2", date(2025, 3, 10), "hunger", "food_seeking"),
            ),
        ),
        fires=(("s1", "s2"),),
    ),
    Example(
        "A child who weighs less than three months before",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_PUPIL,
            items=(
                _measured("w1", date(2025, 2, 3), None, 21.0),
                _measured("w2", date(2025, 5, 6), None, 19.8),
            ),
        ),
        fires=(("w1", "w2"),),
    ),
    Example(
        "A baby on the 95th centile drifting to the 60th crosses only two lines",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BABY,
            items=(
                _measured("w1", date(2025, 1, 5), 95),
                _measured("w2", date(2025, 6, 10), 60),
            ),
        ),
    ),
    Example(
        "A steady child measured on the 40th and then the 30th centile",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BABY,
            items=(
                _measured("w1", date(2025, 1, 5), 40, 9.1),
                _measured("w2", date(2025, 6, 10), 30, 9.5),
            ),
        ),
    ),
    Example(
        "A newborn's expected weight loss in the first days",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=date(2025, 3, 1),
            items=(
                _measured("w1", date(2025, 3, 2), 50, 3.5),
                _measured("w2", date(2025, 3, 8), 20, 3.2),
            ),
        ),
    ),
    Example(
        "Hungry once, after a late night, and tired once: not a pattern",
        Case(
            as_of=date(2025, 9, 30),
            date_of_birth=_PUPIL,
            items=(
                _observed("s1", date(2025, 2, 3), "hunger"),
                _observed("s2", date(2025, 3, 10), "tiredness"),
                _observed("s3", date(2025, 9, 1), "food_seeking"),
            ),
        ),
    ),
]
