"""A child on an open case not seen alone for longer than the case's standard."""

from dataclasses import dataclass
from datetime import date

from sightline.risk.rules.base import Case, Example, Finding, Item, Span, finding, say_count
from sightline.risk.rules.reading import birthday, oldest_first
from sightline.risk.rules.sightings import Overdue, opened_text, overdue_spells
from sightline.risk.rules.wording import agency_name, day_text, days_text, duration_text

RULE_ID = "child_not_seen_alone"
VERSION = 1
TITLE = "A child on an open case never seen alone, or not for too long"
RATIONALE = (
    "A child seen only with their parents cannot say what is happening at home. Working "
    "Together to Safeguard Children expects children to be seen alone, and the looked after "
    "children's regulations require it at visits unless the child refuses; yet reviews keep "
    "finding children who were seen but never spoken to alone (the Daniel Pelka review, where "
    "the child was seen at home, with his mother interpreting, and never heard). From the age "
    "at which most children can talk about their day, this signal fires when a child on an "
    "open case has not been seen alone for longer than its standard."
)


@dataclass(frozen=True)
class Parameters:
    # At least every other statutory visit on a protection plan.
    child_protection_days: int = 28
    # An assessment should have seen the child alone before it is half way through.
    assessment_days: int = 42
    looked_after_days: int = 42
    child_in_need_days: int = 84
    allocation_days: int = 84
    # Younger children are observed with their carers; a local standard may set another age.
    from_age_years: int = 3

    def days_for(self, span_kind: str) -> int | None:
        """How long a child open to this kind of case may go without being seen alone."""
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
    old_enough = (
        None
        if case.date_of_birth is None
        else birthday(case.date_of_birth, parameters.from_age_years)
    )
    spells = overdue_spells(
        case,
        seen=lambda item: item.child_seen_alone == "yes",
        not_seen=lambda item: item.child_seen_alone.startswith("no"),
        allowed=parameters.days_for,
        clock_from=old_enough,
    )
    return oldest_first(
        finding(RULE_ID, VERSION, spell.evidence, _explain(spell, old_enough), on=spell.on)
        for spell in spells
    )


def _explain(spell: Overdue, old_enough: date | None) -> str:
    allowed = duration_text(spell.allowed_days)
    standard = f"the standard for {opened_text(spell)} is at least every {allowed}"
    overdue = f"overdue from {day_text(spell.on)}"
    started = (
        " (when the child turned old enough to be seen alone)"
        if old_enough is not None and spell.since == old_enough
        else ""
    )
    seen = spell.last_seen
    if seen is not None:
        by = f"{day_text(seen.on)} ({agency_name(seen.agency_kind)})"
        again = (
            f"and not again within {allowed}"
            if seen.on == spell.since
            else f"and not within {allowed} of {day_text(spell.since)}{started}"
        )
        return f"The child was last seen alone on {by} {again}; {standard}; {overdue}."
    contacts = [item for item in spell.evidence if item.child_seen_alone.startswith("no")]
    with_others = sum(1 for item in contacts if item.child_seen == "yes")
    tried = (
        f" ({say_count(len(contacts), 'contact')} on {days_text(i.on for i in contacts)}, "
        f"{with_others or 'none'} of them seeing the child only with others)"
        if contacts
        else ""
    )
    return (
        f"The child has not been seen alone since {day_text(spell.since)}{started}{tried}; "
        f"{standard}; {overdue}."
    )


def _visit(id: str, on: date, alone: str = "yes", seen: str = "yes") -> Item:
    return Item(
        id=id,
        kind="home_visit",
        on=on,
        agency="csc-1",
        agency_kind="childrens_social_care",
        details={"visit_type": "statutory", "home_conditions": "adequate"},
        child_seen=seen,
        child_seen_alone=alone,
    )


_EIGHT = date(2017, 1, 9)
_CP_PLAN = Span("plan:child_protection", date(2025, 1, 1))

EXAMPLES = [
    Example(
        "An eight-year-old on a protection plan seen every week, always with a parent there",
        Case(
            as_of=date(2025, 2, 28),
            date_of_birth=_EIGHT,
            items=tuple(
                _visit(f"v{n}", date(2025, 1, 7 * n), "no:parent_refused") for n in range(1, 5)
            ),
            spans=(_CP_PLAN,),
        ),
        fires=(("v1", "v2", "v3", "v4"),),
    ),
    Example(
        "Seen alone once at the start of the plan, then only with a parent",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=_EIGHT,
            items=(
                _visit("v1", date(2025, 1, 3)),
                _visit("v2", date(2025, 1, 20), "no:not_planned"),
                _visit("v3", date(2025, 2, 10), "no:not_planned"),
            ),
            spans=(_CP_PLAN,),
        ),
        fires=(("v1",),),
    ),
    Example(
        "A two-year-old on a protection plan, seen with a parent at every visit",
        Case(
            as_of=date(2025, 3, 31),
            date_of_birth=date(2023, 2, 1),
            items=(
                _visit("v1", date(2025, 1, 3), "no:too_young"),
                _visit("v2", date(2025, 1, 17), "no:too_young"),
            ),
            spans=(_CP_PLAN,),
        ),
    ),
    Example(
        "A child in need seen alone every ten weeks",
        Case(
            as_of=date(2025, 6, 30),
            date_of_birth=_EIGHT,
            items=(
                _visit("v1", date(2025, 1, 6)),
                _visit("v2", date(2025, 3, 17)),
                _visit("v3", date(2025, 5, 26)),
            ),
            spans=(Span("plan:child_in_need", date(2025, 1, 1)),),
        ),
    ),
    Example(
        "A child who turned three during the plan has had four weeks from the birthday",
        Case(
            as_of=date(2025, 3, 1),
            date_of_birth=date(2022, 2, 1),
            items=(_visit("v1", date(2025, 1, 3), "no:too_young"),),
            spans=(_CP_PLAN,),
        ),
    ),
]
