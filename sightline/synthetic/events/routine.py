"""Routine, benign events: the everyday contact that surrounds every child, against which harm
has to be seen (GP and hospital visits, health reviews, school absence, measurements)."""

import math
from datetime import date, timedelta

from sightline.synthetic.events import wording
from sightline.synthetic.events.growth import measurement
from sightline.synthetic.events.story import Story, age_in_days, school_start
from sightline.synthetic.model import TruePerson

_YEAR = 365.25
# Healthy Child Programme reviews: (age in days, contact type, what it is called).
_HV_REVIEWS = (
    (12, "new_birth_visit", "New birth visit"),
    (49, "health_review", "6-8 week review"),
    (365, "health_review", "One-year review"),
    (820, "health_review", "Two-to-two-and-a-half-year review"),
)


def poisson(story: Story, mean: float) -> int:
    """Knuth's method: fine for the small means used here."""
    limit, count, product = math.exp(-mean), 0, story.rng.random()
    while product > limit:
        count += 1
        product *= story.rng.random()
    return count


def years_between(first: date, last: date) -> float:
    return max(0.0, (last - first).days / _YEAR)


def child_window(story: Story, child: TruePerson) -> tuple[date, date]:
    """The part of the window in which the child was alive and a child."""
    first = max(story.world.window_start, child.date_of_birth)
    eighteen = child.date_of_birth + timedelta(days=int(18 * _YEAR))
    return first, min(story.world.reference_date, eighteen)


def carer_of(story: Story, child: TruePerson, day: date) -> TruePerson | None:
    present = story.household.present_on(day)
    for role in ("mother", "father", "partner"):
        person = story.household.person(role)
        if person is not None and person in present and person is not child:
            return person
    return None


def with_carer(story: Story, child: TruePerson, day: date) -> list[tuple[TruePerson, str]]:
    carer = carer_of(story, child, day)
    subjects = [(child, "child_subject")]
    return subjects + [(carer, "parent_or_carer")] if carer else subjects


def routine_child(story: Story, child: TruePerson) -> None:
    first, last = child_window(story, child)
    years = years_between(first, last)
    events = story.profile.number
    for _ in range(poisson(story, events("events.gp_contact_per_year") * years)):
        _gp_contact(story, child, story.day_between(first, last))
    for _ in range(poisson(story, events("events.hospital_attendance_per_year") * years)):
        _hospital_illness(story, child, story.day_between(first, last))
    _health_visiting(story, child)
    _school_years(story, child, first, last)


def _gp_contact(story: Story, child: TruePerson, day: date) -> None:
    complaint = story.rng.choice(wording.ILLNESSES)
    story.add(
        story.agency_for("gp", child, day),
        "health_contact",
        day,
        f"Seen at the surgery with {complaint}.",
        with_carer(story, child, day),
        {"contact_type": "gp_appointment", "outcome": "Advice given; no concerns."},
        story.contact(child, day, words=wording.BENIGN_WORDS),
        minute=story.rng.randrange(8 * 60, 18 * 60),
    )


def _hospital_illness(story: Story, child: TruePerson, day: date) -> None:
    complaint = story.rng.choice(wording.ED_ILLNESSES)
    carer = carer_of(story, child, day)
    story.add(
        story.agency("hospital"),
        "hospital_attendance",
        day,
        f"Attended the emergency department with {complaint}.",
        [(child, "child_subject")],
        {
            "setting": story.rng.choice(("emergency_department", "urgent_care")),
            "presenting_complaint": complaint,
            "accompanied_by": "parent" if carer else "",
            "discharge_outcome": "home",
        },
        story.contact(child, day, words=wording.BENIGN_WORDS),
        minute=story.rng.randrange(24 * 60),
    )


def _health_visiting(story: Story, child: TruePerson) -> None:
    attended = story.profile.rate("events.health_visiting_review_attended_rate")
    hv = story.agency("health_visiting")
    for age, contact_type, name in _HV_REVIEWS:
        day = child.date_of_birth + timedelta(days=age + story.rng.randrange(10))
        if not story.in_window(day):
            continue
        if story.rng.random() >= attended:
            story.add(
                hv,
                "missed_appointment",
                day,
                f"{name} cancelled by the parent and rebooked.",
                with_carer(story, child, day),
                {
                    "service": "health_visiting",
                    "was_not_brought": False,
                    "reason_given": "Parent phoned to rearrange.",
                    "rebooked": True,
                },
            )
            day += timedelta(days=14)
        subjects = with_carer(story, child, day)
        voice = story.contact(child, day)
        story.add(
            hv,
            "health_contact",
            day,
            f"{name} completed.",
            subjects,
            {"contact_type": contact_type, "outcome": "Development on track."},
            voice,
        )
        story.add(
            hv,
            "growth_measurement",
            day,
            f"Weighed and measured at the {name.lower()}.",
            subjects,
            measurement(age_in_days(child, day), child.sex, story.centile(child, day)),
            voice,
        )


def _school_years(story: Story, child: TruePerson, first: date, last: date) -> None:
    start = school_start(child)
    if start > last:
        return
    school_first = max(first, start)
    years = years_between(school_first, last)
    for _ in range(poisson(story, story.profile.number("events.school_absence_per_year") * years)):
        day = story.day_between(school_first, last)
        if day.weekday() < 5:
            _absence(
                story, child, day, authorised=True, reason=story.rng.choice(wording.ABSENCE_REASONS)
            )
    for _ in range(
        poisson(story, story.profile.number("events.school_tiredness_per_year") * years)
    ):
        day = story.day_between(school_first, last)
        story.add(
            story.school_on(child, day),
            "behaviour_observation",
            day,
            "Child seemed tired in class; parent said there was a late night for a family party.",
            [(child, "child_subject")],
            {"behaviours": ["tiredness"]},
        )
    _ncmp(story, child, start)


def _absence(story: Story, child: TruePerson, day: date, *, authorised: bool, reason: str) -> None:
    sessions = story.rng.randint(2, 10)
    story.add(
        story.school_on(child, day),
        "school_absence",
        day,
        f"Absent for {sessions} sessions ({'authorised' if authorised else 'unauthorised'}).",
        [(child, "child_subject")],
        {
            "start_date": day.isoformat(),
            "end_date": (day + timedelta(days=(sessions - 1) // 2)).isoformat(),
            "sessions_missed": sessions,
            "authorised": authorised,
            "reason": reason,
        },
    )


def _ncmp(story: Story, child: TruePerson, start: date) -> None:
    """National Child Measurement Programme: reception and year 6, in the spring term."""
    sn = story.agency("school_nursing")
    for year_group, offset in (("reception", 0), ("year 6", 6)):
        day = date(start.year + offset + 1, 3, 1) + timedelta(days=story.rng.randrange(60))
        if story.rng.random() >= story.profile.rate("events.ncmp_measured_rate"):
            continue
        story.add(
            sn,
            "growth_measurement",
            day,
            f"National Child Measurement Programme ({year_group}).",
            [(child, "child_subject")],
            measurement(age_in_days(child, day), child.sex, story.centile(child, day)),
            story.contact(child, day),
        )
