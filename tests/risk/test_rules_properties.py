"""Properties every rule keeps on any case: the same answer every time, whatever order the
entries come in; evidence that is the case's own entries, oldest first; nothing dated after the
case's day; and nothing learnt from entries after it."""

from dataclasses import replace
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sightline.records.schema.body_map import MARK_TYPES
from sightline.risk.cases import HOUSEHOLD_KINDS
from sightline.risk.rules import RULESETS
from sightline.risk.rules.base import ADULT, CHILD, Case, Finding, Item, Span

RULES: list[ModuleType] = sorted(
    {rule for rules in RULESETS.values() for rule in rules}, key=lambda r: r.RULE_ID
)
START = date(2023, 1, 1)
DAYS = 900  # the days entries are drawn from, from START
AGENCIES = (
    ("police-1", "police"),
    ("school-1", "school"),
    ("school-2", "school"),
    ("gp-1", "gp"),
    ("hv-1", "health_visiting"),
    ("hospital-1", "hospital"),
    ("csc-1", "childrens_social_care"),
    ("housing-1", "housing"),
)
ADULTS = ("adult-1", "adult-2")
FACTORS = ("1A", "1B", "2C", "3A", "3B", "4A", "4B", "4C", "16A", "21")
SEEN = ("", "yes", "not_applicable", "no:not_at_home", "no:access_refused")
SEEN_ALONE = ("", "yes", "not_applicable", "no:parent_refused", "no:too_young")
SPAN_KINDS = (
    "allocation",
    "episode:assessment",
    "episode:child_in_need",
    "episode:child_protection",
    "episode:contact",
    "plan:child_protection",
    "plan:child_in_need",
    "plan:looked_after",
    "plan:early_help",
)
REGIONS = ("F-CHEEK-L", "F-SHIN-R", "B-UPPERARM-L", "B-BUTTOCK-R")

days = st.integers(min_value=0, max_value=DAYS).map(lambda n: START + timedelta(days=n))
yes_no_unclear = st.sampled_from(("yes", "no", "unclear", "not_applicable"))


def _categories() -> st.SearchStrategy[list[str]]:
    return st.lists(
        st.sampled_from(("physical", "neglect", "domestic_abuse", "emotional")), min_size=1
    )


# Details shaped as each kind's schema shapes them, with the values the rules read.
DETAILS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "concern": st.fixed_dictionaries({"categories": _categories()}),
    "disclosure": st.fixed_dictionaries({"categories": _categories()}),
    "domestic_abuse_incident": st.fixed_dictionaries(
        {
            "risk_level": st.sampled_from(("standard", "medium", "high")),
            "children_present": st.booleans(),
            "children_in_household": st.integers(0, 4),
            "alcohol_involved": st.booleans(),
            "drugs_involved": st.booleans(),
        }
    ),
    "injury": st.fixed_dictionaries(
        {
            "marks": st.lists(
                st.fixed_dictionaries(
                    {
                        "region": st.sampled_from(REGIONS),
                        "mark_type": st.sampled_from(sorted(MARK_TYPES)),
                    }
                ),
                min_size=1,
                max_size=2,
            ),
            "explanation_given": st.booleans(),
            "explanation_by": st.sampled_from(("child", "parent_or_carer", "other", "none")),
            "explanation_fits": yes_no_unclear,
            "child_mobile": st.sampled_from(("yes", "no", "unknown")),
        }
    ),
    "growth_measurement": st.fixed_dictionaries(
        {},
        optional={
            "weight_kg": st.floats(2, 40, allow_nan=False),
            "weight_centile": st.sampled_from((0.4, 2, 5, 9, 20, 25, 40, 50, 62, 75, 91, 95)),
        },
    ),
    "missed_appointment": st.fixed_dictionaries(
        {
            "service": st.sampled_from(("gp", "immunisation", "paediatrics", "dental")),
            "was_not_brought": st.booleans(),
            "reason_given": st.sampled_from(("", "Child unwell.")),
            "rebooked": st.booleans(),
        }
    ),
    "behaviour_observation": st.fixed_dictionaries(
        {
            "behaviours": st.lists(
                st.sampled_from(("food_seeking", "hunger", "tiredness", "withdrawn")),
                min_size=1,
            )
        }
    ),
    "referral": st.just({"referral_source": "2A", "reason": "Worried."}),
    "front_door_decision": st.fixed_dictionaries(
        {"decision": st.sampled_from(("no_further_action", "early_help", "single_assessment"))}
    ),
    "strategy_discussion": st.fixed_dictionaries(
        {"decision": st.sampled_from(("section_47", "no_further_action"))}
    ),
    "section_47_enquiry": st.fixed_dictionaries(
        {
            "stage": st.sampled_from(("started", "completed")),
            "outcome": st.sampled_from(("concerns_not_substantiated", "other")),
            "icpc_required": st.booleans(),
        }
    ),
    "assessment": st.fixed_dictionaries(
        {
            "stage": st.sampled_from(("started", "completed")),
            "outcome": st.sampled_from(("no_further_action", "child_in_need_plan")),
        }
    ),
    "household_change": st.fixed_dictionaries(
        {
            "change": st.sampled_from(("moved_in", "moved_out", "new_partner", "birth")),
            "known_history_of_violence": st.sampled_from(("yes", "no", "unknown")),
        }
    ),
    "home_visit": st.just({"visit_type": "statutory"}),
    "note": st.just({}),
}


@st.composite
def items(
    draw: st.DrawFn, on: st.SearchStrategy[date] = days, kinds: tuple[str, ...] = tuple(DETAILS)
) -> Item:
    """One entry, without its id (ids are given when the case is put together)."""
    kind = draw(st.sampled_from(kinds))
    agency, agency_kind = draw(st.sampled_from(AGENCIES))
    about = draw(st.sampled_from((CHILD, ADULT))) if kind in HOUSEHOLD_KINDS else CHILD
    return Item(
        id="",
        kind=kind,
        on=draw(on),
        agency=agency,
        agency_kind=agency_kind,
        about=about,
        person="child-1" if about == CHILD else draw(st.sampled_from(ADULTS)),
        roles=frozenset(
            draw(st.sets(st.sampled_from(("alleged_perpetrator", "parent_or_carer")), max_size=1))
        ),
        details=draw(DETAILS[kind]),
        child_seen=draw(st.sampled_from(SEEN)),
        child_seen_alone=draw(st.sampled_from(SEEN_ALONE)),
        factors=frozenset(draw(st.sets(st.sampled_from(FACTORS), max_size=3))),
    )


@st.composite
def spans(draw: st.DrawFn, start: st.SearchStrategy[date] = days) -> Span:
    first = draw(start)
    length = draw(st.none() | st.integers(0, 400))
    end = None if length is None else first + timedelta(days=length)
    return Span(draw(st.sampled_from(SPAN_KINDS)), first, end)


def numbered(prefix: str, drawn: list[Item]) -> tuple[Item, ...]:
    return tuple(replace(item, id=f"{prefix}{n}") for n, item in enumerate(drawn))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A case as it stands on its day: nothing after it. Its entries are of a few kinds, in a
    stretch of a few weeks to a few years, so that the patterns rules look for turn up often."""
    as_of = draw(days)
    stretch = draw(st.integers(0, (as_of - START).days))
    on_or_before = st.integers(0, stretch).map(lambda n: as_of - timedelta(days=n))
    kinds = tuple(sorted(draw(st.sets(st.sampled_from(sorted(DETAILS)), min_size=1, max_size=4))))
    return Case(
        as_of=as_of,
        date_of_birth=draw(
            st.none() | st.integers(-16 * 365, DAYS).map(lambda n: START + timedelta(days=n))
        ),
        items=numbered("e", draw(st.lists(items(on_or_before, kinds), max_size=30))),
        spans=tuple(draw(st.lists(spans(on_or_before), max_size=3))),
    )


WORKED = [example.case for rule in RULES for example in rule.EXAMPLES]


@st.composite
def worked_cases(draw: st.DrawFn) -> Case:
    """A rule's worked example with other entries mixed in, read up to a year later: cases in
    which every rule's pattern is present."""
    case: Case = draw(st.sampled_from(WORKED))
    first = min((item.on for item in case.items), default=case.as_of)
    as_of = case.as_of + timedelta(days=draw(st.integers(0, 365)))
    around = st.integers(0, (as_of - first).days).map(lambda n: first + timedelta(days=n))
    others = numbered("other", draw(st.lists(items(around), max_size=10)))
    return replace(case, as_of=as_of, items=case.items + others)


any_case = cases() | worked_cases()


def _evidence_days(case: Case, found: Finding) -> list[date]:
    by_id = {item.id: item for item in case.items}
    return [by_id[evidence].on for evidence in found.evidence]


PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(case=any_case)
def test_a_finding_cites_the_cases_own_entries_oldest_first_by_its_day(case: Case) -> None:
    ids = {item.id for item in case.items}
    for rule, found in ((r, f) for r in RULES for f in r.evaluate(case)):
        assert (found.rule_id, found.version) == (rule.RULE_ID, rule.VERSION)
        assert found.evidence, "a finding with no evidence could never be raised as a signal"
        assert set(found.evidence) <= ids
        assert len(set(found.evidence)) == len(found.evidence)
        evidence_days = _evidence_days(case, found)
        assert evidence_days == sorted(evidence_days)
        assert evidence_days[0] <= found.on <= case.as_of
        assert found.explanation


@PROPERTY
@given(case=any_case)
def test_the_same_case_gives_the_same_findings(case: Case) -> None:
    for rule in RULES:
        assert rule.evaluate(case) == rule.evaluate(case), rule.RULE_ID


@PROPERTY
@given(case=any_case, data=st.data())
def test_the_order_entries_arrive_in_changes_nothing(case: Case, data: st.DataObject) -> None:
    shuffled = replace(
        case,
        items=tuple(data.draw(st.permutations(case.items))),
        spans=tuple(data.draw(st.permutations(case.spans))),
    )
    for rule in RULES:
        assert rule.evaluate(shuffled) == rule.evaluate(case), rule.RULE_ID


@PROPERTY
@given(case=any_case, data=st.data())
def test_entries_after_the_cases_day_change_nothing(case: Case, data: st.DataObject) -> None:
    later = st.integers(1, 400).map(lambda n: case.as_of + timedelta(days=n))
    extra_items = numbered("late", data.draw(st.lists(items(later), min_size=1, max_size=10)))
    extra_spans = tuple(data.draw(st.lists(spans(later), max_size=2)))
    with_later = replace(case, items=case.items + extra_items, spans=case.spans + extra_spans)
    for rule in RULES:
        assert rule.evaluate(with_later) == rule.evaluate(case), rule.RULE_ID


@PROPERTY
@given(case=any_case, data=st.data())
def test_reading_a_case_on_an_earlier_day_is_reading_what_was_known_then(
    case: Case, data: st.DataObject
) -> None:
    """Evaluated on an earlier day, a rule sees only what was known then: the truncated case
    and the full case read on that day give the same findings."""
    earlier = data.draw(
        st.integers(0, (case.as_of - START).days).map(lambda n: START + timedelta(days=n))
    )
    truncated = replace(
        case,
        as_of=earlier,
        items=tuple(item for item in case.items if item.on <= earlier),
        # As cases.py builds it: a span that ends later is still open on the earlier day.
        spans=tuple(
            replace(span, end=span.end if span.end is not None and span.end <= earlier else None)
            for span in case.spans
            if span.start <= earlier
        ),
    )
    for rule in RULES:
        assert rule.evaluate(replace(case, as_of=earlier)) == rule.evaluate(truncated), rule.RULE_ID


def _reads_only_what_it_names(case: Case, later: int) -> None:
    for rule in RULES:
        if rule.READS is None and not getattr(rule, "TIMELESS", False):
            continue
        narrowed = replace(
            case,
            as_of=case.as_of + timedelta(days=later),
            items=tuple(
                item for item in case.items if rule.READS is None or item.kind in rule.READS
            ),
            spans=(),
        )
        assert rule.evaluate(narrowed) == rule.evaluate(case), rule.RULE_ID


@PROPERTY
@given(case=any_case, later=st.integers(0, 400))
def test_a_rule_reads_only_the_kinds_of_entry_it_names(case: Case, later: int) -> None:
    """A rule that names the kinds it reads (READS) finds the same with every other entry taken
    away, no spans, and the case read on a later day: so a day that brings none of those kinds
    cannot change its findings, and a replay may skip it then. A timeless rule (TIMELESS) finds
    the same with no spans, on a later day: a day that brings no entry cannot change it."""
    _reads_only_what_it_names(case, later)


def test_on_every_worked_example_a_rule_reads_only_the_kinds_it_names() -> None:
    for case in WORKED:
        _reads_only_what_it_names(case, later=0)
        _reads_only_what_it_names(case, later=200)


def test_every_rule_says_what_it_reads() -> None:
    for rule in RULES:
        # Every kind named is one the cases above are drawn with, so the property tries it.
        assert rule.READS is None or (rule.READS and set(DETAILS) >= rule.READS), rule.RULE_ID
