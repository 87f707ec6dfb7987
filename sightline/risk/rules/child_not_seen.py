"""A child on an open case not seen for longer than the case's visiting standard."""

from dataclasses import dataclass
from datetime import date

from sightline.risk.rules.base import Case, Example, Finding, Item, Span, finding, say_count
from sightline.risk.rules.reading import oldest_first
from sightline.risk.rules.sightings import Overdue, opened_text, overdue_spells
from sightline.risk.rules.wording import agency_name, day_text, days_text, duration_text

RULE_ID = "child_not_seen"
VERSION = 1
TITLE = "A child on an open case not seen for too long"
RATIONALE = (
    "Reviews keep finding children whom professionals were responsible for but did not see: "
    "visits where no one answered the door, or where the child was said to be asleep or out, "
    "and weeks went by (the Daniel Pelka review; the Panel's review of the deaths of Arthur "
    "Labinjo-Hughes and Star Hobson). The standards used here are the usual ones: a child on a "
    "child protection plan, or whose assessment has just begun, seen at least every 10 working "
    "days; a child in need, a looked after child (the Care Planning, Placement and Case Review "
    "Regulations 2010 allow at most six weeks in the first year) or any child allocated to a "
    "worker, at least every six weeks. This signal fires on the day the standard ran out."
)


@dataclass(frozen=True)
class Parameters:
    # Ten working days.
    child_protection_days: int = 14
    assessment_days: int = 14
    looked_after_days: int = 42
    child_in_need_days: int = 42
    allocation_days: int = 42

    def days_for(self, span_kind: str) -> int | None:
        """How long a child open to this kind of case may go unseen (None: no standard)."""
        return {
            "plan:child_protection": self.child_protection_days,
            "episode:child_protection": self.child_protection_days,
            "episode:assessment": self.assessment_days,
            "plan:looked_after": self.looked_after_days,
            "episode:looked_after": self.looked_after_days,
            "plan:child_in_need": self.child_in_need_days,
            "episode:child_in_need": self.child_in_need_days,
            "allocation": self.allocation_days,
        }.get(span_kind)


PARAMETERS = Parameters()
# None: it reads the days passing, and every entry that says whether the child was seen.
READS: frozenset[str] | None = None


def evaluate(case: Case, parameters: Parameters = PARAMETERS) -> list[Finding]:
    spells = overdue_spells(
        case,
        seen=lambda item: item.child_seen == "yes",
        not_seen=lambda item: item.child_seen.startswith("no"),
        allowed=parameters.days_for,
    )
    return oldest_first(
        finding(RULE_ID, VERSION, spell.evidence, _explain(spell), on=spell.on) for spell in spells
    )


def _explain(spell: Overdue) -> str:
    allowed = duration_text(spell.allowed_days)
    standard = f"the standard for {opened_text(spell)} is at least every {allowed}"
    overdue = f"overdue from {day_text(spell.on)}"
    seen = spell.last_seen
    if seen is None:
        unseen = [item for item in spell.evidence if item.child_seen.startswith("no")]
        tried = (
            f" ({say_count(len(unseen), 'contact')} recorded the child as not seen: "
            f"{days_text(item.on for item in unseen)})"
            if unseen
            else ""
        )
        since = day_text(spell.since)
        return f"The child has not been seen since {since}{tried}; {standard}; {overdue}."
    by = f"{day_text(seen.on)} ({agency_name(seen.agency_kind)})"
    if seen.on == spell.since:
        again = f"and not again within {allowed}"
        return f"The child was last seen on {by} {again}; {standard}; {overdue}."
    return (
        f"The child was last seen on {by}, and not within {allowed} of "
        f"{day_text(spell.since)}; {standard}; {overdue}."
    )


def _visit(id: str, on: date, seen: str = "yes") -> Item:
    return Item(
        id=id,
        kind="home_visit",
        on=on,
        agency="csc-1",
        agency_kind="childrens_social_care",
        details={"visit_type": "statutory", "home_conditions": "adequate"},
        child_seen=seen,
    )


_BORN = date(2020, 5, 4)
_CP_PLAN = Span("plan:child_protection", date(2025, 3, 1))

EXAMPLES = [
    Example(
        "On a protection plan, seen on 3 March and not again by the end of the month",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=_BORN,
            items=(_visit("v1", date(2025, 3, 3)),),
            spans=(_CP_PLAN,),
        ),
        fires=(("v1",),),
    ),
    Example(
        "An assessment where every visit found no one at home",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=_BORN,
            items=(
                _visit("v1", date(2025, 3, 5), "no:not_at_home"),
                _visit("v2", date(2025, 3, 12), "no:access_refused"),
                _visit("v3", date(2025, 3, 25), "no:not_at_home"),
            ),
            spans=(Span("episode:assessment", date(2025, 3, 1)),),
        ),
        fires=(("v1", "v2"),),
    ),
    Example(
        "A month's gap on a protection plan still shows after the child is seen again",
        Case(
            as_of=date(2025, 4, 20),
            date_of_birth=_BORN,
            items=(
                _visit("v1", date(2025, 3, 1)),
                _visit("v2", date(2025, 4, 1)),
                _visit("v3", date(2025, 4, 10)),
            ),
            spans=(_CP_PLAN,),
        ),
        fires=(("v1",),),
    ),
    Example(
        "On a protection plan, seen exactly every 14 days",
        Case(
            as_of=date(2025, 4, 26),
            date_of_birth=_BORN,
            items=(
                _visit("v1", date(2025, 3, 1)),
                _visit("v2", date(2025, 3, 15)),
                _visit("v3", date(2025, 3, 29)),
                _visit("v4", date(2025, 4, 12)),
            ),
            spans=(_CP_PLAN,),
        ),
    ),
    Example(
        "A child in need seen every five weeks",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BORN,
            items=(
                _visit("v1", date(2025, 3, 3)),
                _visit("v2", date(2025, 4, 7)),
                _visit("v3", date(2025, 5, 12)),
                _visit("v4", date(2025, 6, 16)),
            ),
            spans=(Span("plan:child_in_need", date(2025, 3, 1)),),
        ),
    ),
    Example(
        "An assessment closed after ten days, before its standard ran out",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BORN,
            items=(_visit("v1", date(2025, 3, 5), "no:not_at_home"),),
            spans=(Span("episode:assessment", date(2025, 3, 1), date(2025, 3, 11)),),
        ),
    ),
    Example(
        "A child not seen for months, but on no open case (early help only)",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_BORN,
            items=(_visit("v1", date(2025, 1, 5)),),
            spans=(Span("episode:early_help", date(2025, 1, 1)),),
        ),
    ),
]
