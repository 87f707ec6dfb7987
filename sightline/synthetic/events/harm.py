"""Harm trajectories modelled on the themes of published case reviews: cumulative neglect with
food-seeking and faltering growth; repeated domestic abuse with children present; injuries whose
explanations do not fit; bruising in a baby who cannot move; assessments closed again and again
with no further action; and children not brought to health appointments.

Each trajectory spreads its signs thinly across agencies, as the reviews found: no single agency
sees enough on its own.
"""

from datetime import date, timedelta

from sightline.synthetic.events import social_care, wording
from sightline.synthetic.events.growth import measurement
from sightline.synthetic.events.routine import carer_of, with_carer
from sightline.synthetic.events.story import Story, age_in_days, school_start
from sightline.synthetic.model import TruePerson


def spaced_days(story: Story, start: date, count: int, low: int, high: int) -> list[date]:
    """count days from start, each low to high days after the last, within the window."""
    days, day = [], start
    for _ in range(count):
        if not story.in_window(day):
            break
        days.append(day)
        day += timedelta(days=story.rng.randint(low, high))
    return days


def in_school(child: TruePerson, day: date) -> bool:
    return day >= school_start(child) and age_in_days(child, day) < 16 * 365


def escalate(
    story: Story, children: list[TruePerson], day: date, referrer: str, reason: str, category: str
) -> None:
    """Referral and assessment; then a protection plan for some, a child in need plan for
    others. The first assessment of a trajectory often finds nothing (the rule of optimism)."""
    factors = {"neglect": ["16A"], "physical": ["18C"], "domestic_abuse": ["3B"]}.get(category, [])
    decided = social_care.referral(story, children, day, referrer, reason)
    first_time = not any(e.kind == "assessment" for e in story.events)
    if first_time and story.chance("harm.first_assessment_nfa_rate"):
        social_care.assessment(story, children, decided, "no_further_action", [], seen=False)
        return
    closed = social_care.assessment(story, children, decided, "child_in_need_plan", factors)
    if story.rng.random() < story.profile.rate("harm.protection_plan_rate"):
        social_care.protection(story, children, closed + timedelta(days=5), category)
    else:
        social_care.child_in_need(story, children, closed)


def neglect(story: Story, children: list[TruePerson], start: date) -> None:
    """Hunger and food-seeking at school, poor home conditions, growth falling away."""
    for child in children:
        story.faltering[child.person_id] = start
    days = spaced_days(story, start, story.rng.randint(4, 9), 20, 60)
    for number, day in enumerate(days):
        child = story.rng.choice(children)
        if in_school(child, day):
            _food_seeking(story, child, day)
        else:
            _poor_growth(story, child, day)
        if number == len(days) // 2:
            school_age = in_school(child, day)
            referrer = "school" if school_age else "health_visiting"
            reason = "Repeated hunger and food-seeking; weight falling."
            escalate(story, children, day + timedelta(days=3), referrer, reason, "neglect")


def _food_seeking(story: Story, child: TruePerson, day: date) -> None:
    behaviour = story.rng.choice((["food_seeking"], ["hunger", "food_seeking"], ["poor_hygiene"]))
    story.add(
        story.school_on(child, day),
        "behaviour_observation",
        day,
        "Child took food from other children's lunch boxes; said they had no breakfast."
        if "food_seeking" in behaviour
        else "Child arrived in dirty clothes, unwashed.",
        [(child, "child_subject")],
        {"behaviours": behaviour},
        story.contact(child, day, words=wording.NEGLECT_WORDS),
    )
    if story.rng.random() < 0.5:
        story.add(
            story.school_on(child, day),
            "school_absence",
            day + timedelta(days=7),
            "Unexplained absence; no contact from the parent.",
            [(child, "child_subject")],
            {
                "start_date": (day + timedelta(days=7)).isoformat(),
                "sessions_missed": 6,
                "authorised": False,
                "reason": "unexplained",
            },
        )


def _poor_growth(story: Story, child: TruePerson, day: date) -> None:
    hv = story.agency("health_visiting")
    subjects = with_carer(story, child, day)
    voice = story.contact(child, day)
    story.add(
        hv,
        "home_visit",
        day,
        "Home visit: little food in the house; home cluttered.",
        subjects,
        {"visit_type": "announced", "home_conditions": "poor"},
        voice,
    )
    story.add(
        hv,
        "growth_measurement",
        day,
        "Weight has dropped across centile lines.",
        subjects,
        measurement(age_in_days(child, day), child.sex, story.centile(child, day)),
        voice,
    )


def domestic_abuse(
    story: Story, children: list[TruePerson], start: date, abuser: TruePerson, victim: TruePerson
) -> None:
    """Repeated police call-outs with the children present, rising in risk; notifications that
    reach school late or not at all; the child's voice not heard."""
    days = spaced_days(story, start, story.rng.randint(3, 10), 14, 90)
    for number, day in enumerate(days):
        risk = "standard" if number < 2 else "medium" if number < 5 else "high"
        present = [c for c in children if c.date_of_birth <= day]
        if present:
            incident(story, present, day, abuser, victim, risk)
        if number in (2, 6) and present:
            decision = "no_further_action" if number == 2 else "single_assessment"
            social_care.referral(
                story,
                present,
                day + timedelta(days=2),
                "police",
                "Repeat domestic abuse with children present.",
                decision=decision,
            )


def incident(
    story: Story,
    children: list[TruePerson],
    day: date,
    abuser: TruePerson,
    victim: TruePerson,
    risk: str,
    *,
    children_present: bool = True,
) -> None:
    """A police domestic-abuse incident, with the Operation Encompass notice that sometimes
    reaches the child's school."""
    subjects = [(c, "child_subject") for c in children]
    subjects += [(victim, "parent_or_carer"), (abuser, "alleged_perpetrator")]
    eldest = min(children, key=lambda c: c.date_of_birth)
    seen = children_present and story.chance("harm.police_saw_child_rate")
    reason = "child_asleep" if children_present else "not_at_home"
    voice = story.contact(eldest, day, seen=seen, not_seen_reason=reason, words=wording.ABUSE_WORDS)
    where = "children in the house" if children_present else "children said to be away"
    story.add(
        story.agency("police"),
        "domestic_abuse_incident",
        day,
        f"Police attended a report of shouting and a struggle at the home; {where}.",
        subjects,
        {
            "risk_level": risk,
            "children_present": children_present,
            "children_in_household": len(children),
            "incident_types": ["verbal", "physical"] if risk != "standard" else ["verbal"],
            "injuries_to_adults": risk == "high",
            "arrest_made": risk == "high" and story.rng.random() < 0.5,
            "alcohol_involved": story.rng.random() < 0.5,
            "police_reference": f"DA/{day:%y%m%d}/{story.rng.randrange(10_000):04d}",
        },
        voice,
        minute=story.rng.choice((21, 22, 23, 0, 1)) * 60 + story.rng.randrange(60),
    )
    _encompass(story, children, day + timedelta(days=1))


def _encompass(story: Story, children: list[TruePerson], day: date) -> None:
    """Operation Encompass: the police tell the school before the next school day; often the
    notice never arrived or was never recorded."""
    for child in children:
        if in_school(child, day) and story.chance("harm.encompass_notice_recorded_rate"):
            summary = "Operation Encompass notification from the police received."
            school = story.school_on(child, day)
            story.add(school, "note", day, summary, [(child, "child_subject")], {})


def unexplained_injuries(story: Story, child: TruePerson, start: date) -> None:
    """Injuries seen by school, GP or hospital, each with an explanation that does not fit."""
    days = spaced_days(story, start, story.rng.randint(3, 6), 21, 120)
    for number, day in enumerate(days):
        site, mark, explanation = story.rng.choice(wording.NON_FITTING_EXPLANATIONS)
        if in_school(child, day):
            agency = story.school_on(child, day)
        else:
            kind = story.rng.choice(("gp", "health_visiting", "hospital"))
            agency = story.agency_for(kind, child, day)
        late = agency.kind == "hospital" and story.chance("harm.hospital_delay_rate")
        injury(
            story,
            child,
            day,
            agency.kind,
            site,
            mark,
            explanation,
            fits="no" if number else "unclear",
            mobile="yes",
            delayed=late,
        )
        if number == 2:
            reason = "Third injury with an explanation that does not fit."
            escalate(story, [child], day + timedelta(days=1), agency.kind, reason, "physical")


def injury(
    story: Story,
    child: TruePerson,
    day: date,
    kind: str,
    site: str,
    mark: str,
    explanation: str,
    *,
    fits: str,
    mobile: str,
    delayed: bool = False,
    words: tuple[str, ...] = wording.ABUSE_WORDS,
) -> None:
    """An injury with its body-map mark and the explanation given; at hospital, the attendance
    too."""
    agency = story.agency_for(kind, child, day)
    subjects = with_carer(story, child, day)
    size = story.rng.randint(10, 60)
    marks = [{"region": site, "mark_type": mark, "size_mm": size, "description": f"{size} mm"}]
    details = {"marks": marks, **_explained(explanation, fits), "child_mobile": mobile}
    details["medical_attention_sought"] = kind == "hospital"
    summary = f"{mark.capitalize()} seen; {explanation[0].lower()}{explanation[1:]}"
    voice = story.contact(child, day, words=words)
    story.add(agency, "injury", day, summary, subjects, details, voice)
    if kind == "hospital":
        attendance = {
            "setting": "emergency_department",
            "presenting_complaint": f"{mark} to {site}",
            "delay_in_presentation": delayed,
            "accompanied_by": "parent",
            "discharge_outcome": "home",
        }
        summary = f"Attended with a {mark}."
        story.add(agency, "hospital_attendance", day, summary, subjects, attendance, voice)


def _explained(explanation: str, fits: str) -> dict[str, object]:
    if explanation.startswith("No explanation"):
        return {"explanation_given": False, "explanation_fits": "not_applicable"}
    return {
        "explanation_given": True,
        "explanation": explanation,
        "explanation_by": "child" if explanation.startswith("Child") else "parent_or_carer",
        "explanation_fits": fits,
    }


def non_mobile_bruising(story: Story, baby: TruePerson, start: date) -> None:
    """A bruise on a baby who cannot yet crawl, seen by a health visitor or GP, then the
    hospital; any bruise in a non-mobile baby needs explaining (NICE CG89)."""
    site = story.rng.choice(wording.BABY_BRUISE_SITES)
    explanation = story.rng.choice(wording.BABY_EXPLANATIONS)
    seen_by = story.rng.choice(("health_visiting", "gp"))
    injury(story, baby, start, seen_by, site, "bruise", explanation, fits="no", mobile="no")
    if story.rng.random() < 0.5:
        later = start + timedelta(days=story.rng.randint(14, 40))
        injury(
            story,
            baby,
            later,
            "hospital",
            site,
            "bruise",
            explanation,
            fits="unclear",
            mobile="no",
            delayed=True,
        )
        start = later
    if story.chance("harm.non_mobile_referral_rate"):
        social_care.referral(
            story,
            [baby],
            start + timedelta(days=1),
            "hospital" if seen_by == "gp" else seen_by,
            "Bruising in a non-mobile baby.",
            decision="strategy_discussion",
        )
        if story.rng.random() < story.profile.rate("harm.protection_plan_rate"):
            social_care.protection(story, [baby], start + timedelta(days=3), "physical")


def repeated_nfa(story: Story, children: list[TruePerson], start: date) -> None:
    """Referral after referral from different agencies, each assessed afresh and closed with no
    further action ("start again syndrome")."""
    referrers = ["school", "police", "health_visiting", "gp", "school_nursing", "housing"]
    story.rng.shuffle(referrers)
    day = start
    for referrer in referrers[: story.rng.randint(3, 5)]:
        if not story.in_window(day):
            break
        decided = social_care.referral(
            story, children, day, referrer, "Concerns about the care of the children at home."
        )
        closed = social_care.assessment(
            story,
            children,
            decided,
            "no_further_action",
            [],
            seen=story.chance("harm.nfa_child_seen_rate"),
        )
        day = closed + timedelta(days=story.rng.randint(45, 200))


def missed_appointments(story: Story, children: list[TruePerson], start: date) -> None:
    """Children not brought to appointments across health services, with no reason given."""
    services = (
        ("gp", "immunisation"),
        ("community_paediatrics", "paediatrics"),
        ("health_visiting", "health_visiting"),
        ("hospital", "hospital_outpatient"),
        ("gp", "gp"),
    )
    for day in spaced_days(story, start, story.rng.randint(4, 10), 20, 75):
        child = story.rng.choice(children)
        kind, service = story.rng.choice(services)
        if service == "health_visiting" and age_in_days(child, day) > 5 * 365:
            kind, service = "gp", "gp"
        story.add(
            story.agency_for(kind, child, day),
            "missed_appointment",
            day,
            "Child was not brought to the appointment; no contact from the family.",
            with_carer(story, child, day),
            {"service": service, "was_not_brought": True, "rebooked": story.rng.random() < 0.5},
        )
    if carer_of(story, children[0], start) is not None and story.rng.random() < 0.5:
        escalate(
            story,
            children,
            start + timedelta(days=200),
            "gp",
            "Repeatedly not brought to health appointments.",
            "neglect",
        )
