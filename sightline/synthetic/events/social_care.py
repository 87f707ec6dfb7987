"""Children's social care pathways as the CIN census sees them: referral, front-door decision,
assessment, strategy discussion, section 47 enquiry, conference and plan, with their episodes,
plans and allocated workers as dated relationships."""

from datetime import date, timedelta
from typing import Any

from sightline.synthetic.events.story import Story, worker_name
from sightline.synthetic.model import TruePerson, TrueRelationship

# CIN census referral source by the referring agency's kind.
REFERRAL_SOURCES = {
    "school": "2A",
    "education_welfare": "2B",
    "gp": "3A",
    "health_visiting": "3B",
    "school_nursing": "3C",
    "hospital": "3E",
    "community_paediatrics": "3F",
    "housing": "4",
    "childrens_social_care": "5A",
    "police": "6",
    "probation": "7",
}
_ABUSE_CATEGORIES = {
    "neglect": "NEG",
    "physical": "PHY",
    "emotional": "EMO",
    "domestic_abuse": "EMO",
}


def _subjects(children: list[TruePerson]) -> list[tuple[TruePerson, str]]:
    return [(child, "child_subject") for child in children]


def referral(
    story: Story,
    children: list[TruePerson],
    day: date,
    referrer_kind: str,
    reason: str,
    *,
    decision: str = "single_assessment",
) -> date:
    """A referral to children's social care and the front door's decision on it; returns the
    decision's day."""
    referrer = story.agency_for(referrer_kind, children[0], day)
    story.add(
        referrer,
        "referral",
        day,
        f"Referral to children's social care: {reason}",
        _subjects(children),
        {
            "referred_to": story.agency("childrens_social_care").name,
            "referral_source": REFERRAL_SOURCES[referrer_kind],
            "urgency": "urgent" if decision == "strategy_discussion" else "routine",
            "reason": reason,
        },
    )
    decided = day + timedelta(days=story.rng.randint(0, 3))
    story.add(
        story.agency("childrens_social_care"),
        "front_door_decision",
        decided,
        f"Front door decision: {decision.replace('_', ' ')}.",
        _subjects(children),
        {
            "decision": decision,
            "rag": {"strategy_discussion": "red", "single_assessment": "amber"}.get(
                decision, "green"
            ),
            "primary_need_code": "N1" if decision != "no_further_action" else "N9",
            "rationale": _RATIONALES[decision],
        },
    )
    story.relate_episode(children, "contact", decided, decided, REFERRAL_SOURCES[referrer_kind])
    return decided


_RATIONALES = {
    "no_further_action": "Parent engaged and gave a reasonable account; no role for social care.",
    "advice_and_information": "Advice given to the referrer and the family; threshold not met.",
    "early_help": "Needs can be met by early help with the family's consent.",
    "single_assessment": "Needs and risks unclear; an assessment is needed.",
    "strategy_discussion": "Reasonable cause to suspect significant harm.",
    "refer_other_agency": "Better met by another service.",
}


def assessment(
    story: Story,
    children: list[TruePerson],
    day: date,
    outcome: str,
    factors: list[str],
    *,
    seen: bool = True,
) -> date:
    """A single assessment from start to authorised outcome; returns the day it closed."""
    csc = story.agency("childrens_social_care")
    duration = story.rng.randint(10, 45)
    done = day + timedelta(days=duration)
    worker = worker_name(csc, story.rng.randrange(12))
    nfa = outcome == "no_further_action"
    for child in children:
        story.relate(
            TrueRelationship(csc, "worker_allocation", child, day, done, worker_name=worker)
        )
    kind = "single_assessment"
    _csc(
        story,
        "assessment",
        day,
        "Single assessment started.",
        children,
        assessment_type=kind,
        stage="started",
        start_date=day.isoformat(),
    )
    visit = day + timedelta(days=story.rng.randint(2, max(3, duration - 2)))
    home_visit(story, children, visit, seen=seen)
    _csc(
        story,
        "assessment",
        done,
        f"Single assessment completed: {outcome.replace('_', ' ')}.",
        children,
        factors or ["21"],
        assessment_type=kind,
        stage="completed",
        start_date=day.isoformat(),
        authorisation_date=done.isoformat(),
        outcome=outcome,
        reason_for_closure="RC8" if nfa else None,
        primary_need_code="N9" if nfa else "N1",
    )
    story.relate_episode(children, "assessment", day, done, None, "RC8" if nfa else None)
    return done


def home_visit(story: Story, children: list[TruePerson], day: date, *, seen: bool) -> None:
    csc = story.agency("childrens_social_care")
    adults = [p for p in story.household.present_on(day) if not p.is_child]
    subjects = _subjects(children) + [(adult, "parent_or_carer") for adult in adults[:1]]
    eldest = min(children, key=lambda c: c.date_of_birth)
    conditions = "poor" if story.faltering else "adequate"
    story.add(
        csc,
        "home_visit",
        day,
        "Home visit." if seen else "Home visit: no answer at the door; card left.",
        subjects,
        {"visit_type": "announced", "home_conditions": conditions if seen else "not_seen"},
        story.contact(eldest, day, seen=seen),
    )


def _csc(
    story: Story,
    kind: str,
    day: date,
    summary: str,
    children: list[TruePerson],
    factors: list[str] | None = None,
    **details: Any,
) -> None:
    """An event recorded by children's social care about the children."""
    csc = story.agency("childrens_social_care")
    story.add(csc, kind, day, summary, _subjects(children), details, cin_factors=factors)


def protection(story: Story, children: list[TruePerson], day: date, category: str) -> None:
    """Strategy discussion, section 47 enquiry, initial conference and a protection plan."""
    under_five = children[0].date_of_birth > day - timedelta(days=5 * 365)
    present = ["childrens_social_care", "police", "health_visiting" if under_five else "school"]
    rationale = _RATIONALES["strategy_discussion"]
    _csc(
        story,
        "strategy_discussion",
        day,
        "Strategy discussion held.",
        children,
        agencies_present=present,
        decision="section_47",
        rationale=rationale,
    )
    _csc(
        story,
        "section_47_enquiry",
        day,
        "Section 47 enquiry started.",
        children,
        stage="started",
        start_date=day.isoformat(),
    )
    done = day + timedelta(days=story.rng.randint(7, 15))
    _csc(
        story,
        "section_47_enquiry",
        done,
        "Section 47 enquiry completed.",
        children,
        stage="completed",
        start_date=day.isoformat(),
        icpc_required=True,
        icpc_target_date=(done + timedelta(days=15)).isoformat(),
        outcome="concerns_substantiated_icpc",
    )
    icpc = done + timedelta(days=story.rng.randint(7, 15))
    end = _plan(story, children, icpc, _ABUSE_CATEGORIES.get(category, "MUL"), present)
    story.relate_episode(children, "child_protection", day, end, None)


def _plan(
    story: Story, children: list[TruePerson], icpc: date, code: str, present: list[str]
) -> date | None:
    """The initial conference, the plan as a dated relationship, and the work while it is open."""
    _csc(
        story,
        "child_protection_conference",
        icpc,
        "Initial conference: plan started.",
        children,
        conference_type="initial",
        outcome="plan_started",
        category_of_abuse=code,
        agencies_present=present,
    )
    _csc(
        story,
        "plan_start",
        icpc,
        "Child protection plan started.",
        children,
        plan_type="child_protection",
        category_of_abuse=code,
    )
    end: date | None = icpc + timedelta(days=story.rng.randint(180, 540))
    if end and end > story.world.reference_date:
        end = None
    details = {"plan_type": "child_protection", "category_of_abuse": code}
    csc = story.agency("childrens_social_care")
    for child in children:
        story.relate(TrueRelationship(csc, "plan", child, icpc, end, details=dict(details)))
    _plan_work(story, children, icpc, end or story.world.reference_date)
    if end:
        _csc(
            story,
            "plan_end",
            end,
            "Child protection plan ended.",
            children,
            plan_type="child_protection",
            reason="Risks reduced.",
        )
    return end


def _plan_work(story: Story, children: list[TruePerson], start: date, end: date) -> None:
    """Core groups, visits and actions while a plan is open."""
    csc = story.agency("childrens_social_care")
    day = start + timedelta(days=10)
    while day < end and story.in_window(day):
        story.add(
            csc,
            "meeting",
            day,
            "Core group meeting.",
            _subjects(children),
            {"meeting_type": "core_group", "agencies_present": ["childrens_social_care", "school"]},
        )
        home_visit(story, children, day + timedelta(days=3), seen=story.rng.random() < 0.8)
        day += timedelta(days=story.rng.randint(28, 45))
    story.add(
        csc,
        "action",
        start,
        "Action agreed at conference.",
        _subjects(children),
        {
            "description": "Parent to attend every health appointment with the child.",
            "owner": "Parent, supported by the health visitor",
            "due_date": (start + timedelta(days=42)).isoformat(),
            "what_will_be_different_for_the_child": "The child's health needs are met.",
        },
    )


def early_help(story: Story, children: list[TruePerson], day: date) -> None:
    csc = story.agency("childrens_social_care")
    end = day + timedelta(days=story.rng.randint(60, 240))
    story.relate_episode(
        children, "early_help", day, end if end <= story.world.reference_date else None, "5D"
    )
    story.add(
        csc,
        "meeting",
        day + timedelta(days=14),
        "Team around the family meeting.",
        _subjects(children),
        {
            "meeting_type": "team_around_the_family",
            "agencies_present": ["school", "childrens_social_care"],
        },
    )


def child_in_need(story: Story, children: list[TruePerson], day: date) -> None:
    """A child in need plan with its reviews, ending after some months."""
    end: date | None = day + timedelta(days=story.rng.randint(120, 360))
    if end and end > story.world.reference_date:
        end = None
    _csc(
        story, "plan_start", day, "Child in need plan started.", children, plan_type="child_in_need"
    )
    csc = story.agency("childrens_social_care")
    for child in children:
        story.relate(
            TrueRelationship(csc, "plan", child, day, end, details={"plan_type": "child_in_need"})
        )
    story.relate_episode(children, "child_in_need", day, end, None)
    review = day + timedelta(days=90)
    if end is None or review < end:
        _csc(
            story,
            "meeting",
            review,
            "Child in need review.",
            children,
            meeting_type="child_in_need_review",
            agencies_present=["childrens_social_care"],
        )
    if end:
        _csc(
            story,
            "plan_end",
            end,
            "Child in need plan ended.",
            children,
            plan_type="child_in_need",
            reason="Needs met.",
        )
