"""Repeated referrals about the child within a year."""

from dataclasses import dataclass
from datetime import date, timedelta

from sightline.risk.rules.base import CHILD, Case, Example, Finding, Item, finding, say_count
from sightline.risk.rules.reading import known, oldest_first
from sightline.risk.rules.wording import by_agency_text, duration_text, join_words, within_text

RULE_ID = "repeated_referrals"
VERSION = 1
TITLE = "Repeated referrals within a year"
RATIONALE = (
    "Each referral tends to be judged on its own, against a threshold it does not meet, and "
    "closed; the next one starts again. Brandon and colleagues' analyses of serious case "
    "reviews called this 'start again syndrome', and the Daniel Pelka review found referral "
    "after referral each screened out. The Department for Education counts re-referrals within "
    "12 months for the same reason. Three referrals about a child within a year is a history "
    "that needs to be read as a whole."
)


@dataclass(frozen=True)
class Parameters:
    min_referrals: int = 3
    window_days: int = 365
    # A front door decision this soon after a referral is the decision on it, not a new one.
    same_referral_days: int = 7


PARAMETERS = Parameters()
# The only kinds of entry it reads (see READS in base.py).
READS: frozenset[str] | None = frozenset({"referral", "front_door_decision"})


def _referrals(case: Case, parameters: Parameters) -> list[list[Item]]:
    """Each referral about the child with the front door's decision on it; a decision with no
    referral before it (a contact taken by phone, say) is a referral of its own."""
    grouped: list[list[Item]] = []
    # On one day, the referral comes before the decision on it.
    items = sorted(
        known(case, "referral", "front_door_decision"),
        key=lambda item: (item.on, item.kind != "referral", item.id),
    )
    for item in items:
        if item.about != CHILD:
            continue
        if item.kind == "front_door_decision":
            earliest = item.on - timedelta(days=parameters.same_referral_days)
            undecided = [
                group
                for group in grouped
                if group[0].kind == "referral" and len(group) == 1 and group[0].on >= earliest
            ]
            if undecided:
                undecided[0].append(item)
                continue
        grouped.append([item])
    return grouped


def evaluate(case: Case, parameters: Parameters = PARAMETERS) -> list[Finding]:
    referrals = _referrals(case, parameters)
    findings = []
    first = 0
    for last, referral in enumerate(referrals):
        while referrals[first][0].on < referral[0].on - timedelta(days=parameters.window_days):
            first += 1
        # Referrals made the same day are counted together, at the last of them.
        if last + 1 < len(referrals) and referrals[last + 1][0].on == referral[0].on:
            continue
        window = referrals[first : last + 1]
        if len(window) >= parameters.min_referrals:
            findings.append(
                finding(
                    RULE_ID,
                    VERSION,
                    [item for group in window for item in group],
                    _explain(window, parameters),
                )
            )
    return oldest_first(findings)


def _explain(window: list[list[Item]], parameters: Parameters) -> str:
    made = [group[0] for group in window]
    decisions = [
        str(item.details.get("decision", "")).replace("_", " ")
        for group in window
        for item in group
        if item.kind == "front_door_decision"
    ]
    decided = f", decided as: {join_words(decisions)}" if decisions else ""
    return (
        f"{say_count(len(window), 'referral')} {within_text(made[0].on, made[-1].on)} "
        f"({by_agency_text(made)}){decided}; the threshold is {parameters.min_referrals} "
        f"within {duration_text(parameters.window_days)}."
    )


def _referral(id: str, on: date, agency_kind: str) -> Item:
    return Item(
        id=id,
        kind="referral",
        on=on,
        agency=f"{agency_kind}-1",
        agency_kind=agency_kind,
        details={"referred_to": "Children's social care", "referral_source": "2A", "reason": "."},
    )


def _decision(id: str, on: date, decision: str = "no_further_action") -> Item:
    return Item(
        id=id,
        kind="front_door_decision",
        on=on,
        agency="csc-1",
        agency_kind="childrens_social_care",
        details={"decision": decision, "rationale": "."},
    )


_BORN = date(2017, 11, 5)

EXAMPLES = [
    Example(
        "School, police and GP refer within eight months; none goes on to an assessment",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _referral("s1", date(2025, 2, 3), "school"),
                _decision("d1", date(2025, 2, 4)),
                _referral("p1", date(2025, 5, 1), "police"),
                _decision("d2", date(2025, 5, 1), "advice_and_information"),
                _referral("g1", date(2025, 9, 2), "gp"),
                _decision("d3", date(2025, 9, 5), "early_help"),
            ),
        ),
        fires=(("s1", "d1", "d2", "p1", "g1", "d3"),),
    ),
    Example(
        "Two referrals and a contact decided without a written referral",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _referral("s1", date(2025, 2, 3), "school"),
                _decision("d1", date(2025, 2, 4)),
                _decision("d2", date(2025, 5, 1), "advice_and_information"),
                _referral("g1", date(2025, 9, 2), "gp"),
            ),
        ),
        fires=(("s1", "d1", "d2", "g1"),),
    ),
    Example(
        "One referral and the front door's decision on it count once",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _referral("s1", date(2025, 2, 3), "school"),
                _decision("d1", date(2025, 2, 4)),
                _referral("g1", date(2025, 9, 2), "gp"),
                _decision("d2", date(2025, 9, 3)),
            ),
        ),
    ),
    Example(
        "Three referrals spread over two years",
        Case(
            as_of=date(2025, 12, 31),
            date_of_birth=_BORN,
            items=(
                _referral("s1", date(2024, 1, 3), "school"),
                _referral("p1", date(2024, 11, 1), "police"),
                _referral("g1", date(2025, 9, 2), "gp"),
            ),
        ),
    ),
]
