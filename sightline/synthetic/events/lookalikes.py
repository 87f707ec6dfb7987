"""Benign look-alikes: events that resemble the early signs of harm but are not, so that a signal
can be judged on how often it is wrong as well as on what it finds."""

from datetime import date, timedelta

from sightline.synthetic.events import social_care, wording
from sightline.synthetic.events.harm import in_school, incident, injury
from sightline.synthetic.events.routine import with_carer
from sightline.synthetic.events.story import Story
from sightline.synthetic.model import TruePerson

_FITTING_WORDS = ("I fell off my scooter.", "I tripped in the playground.", "I fell off my bike.")


def accidental_injury(story: Story, child: TruePerson, day: date) -> None:
    """An accident in a mobile child, explained at once, and the explanation fits."""
    site, mark, explanation = story.rng.choice(wording.ACCIDENT_EXPLANATIONS)
    kind = "school" if in_school(child, day) and mark != "fracture" else "hospital"
    injury(
        story,
        child,
        day,
        kind,
        site,
        mark,
        explanation,
        fits="yes",
        mobile="yes",
        words=_FITTING_WORDS,
    )


def single_callout(
    story: Story, children: list[TruePerson], day: date, abuser: TruePerson, victim: TruePerson
) -> None:
    """One verbal argument reported to the police, never repeated."""
    present = [c for c in children if c.date_of_birth <= day]
    if present:
        incident(
            story,
            present,
            day,
            abuser,
            victim,
            "standard",
            children_present=story.rng.random() < 0.5,
        )


def missed_appointment_good_reason(story: Story, child: TruePerson, day: date) -> None:
    """An appointment missed for a good reason, rebooked, and then attended."""
    gp = story.agency_for("gp", child, day)
    subjects = with_carer(story, child, day)
    story.add(
        gp,
        "missed_appointment",
        day,
        "Child did not attend the appointment; the reason was given and it was rebooked.",
        subjects,
        {
            "service": "immunisation",
            "was_not_brought": True,
            "reason_given": story.rng.choice(wording.MISSED_GOOD_REASONS),
            "rebooked": True,
        },
    )
    attended = day + timedelta(days=story.rng.randint(10, 35))
    story.add(
        gp,
        "health_contact",
        attended,
        "Rebooked immunisations given.",
        with_carer(story, child, attended),
        {"contact_type": "immunisation", "outcome": "Immunisations up to date."},
        story.contact(child, attended),
    )


def single_referral_nfa(story: Story, children: list[TruePerson], day: date) -> None:
    """One referral, rightly closed at the front door with advice."""
    social_care.referral(
        story,
        children,
        day,
        story.rng.choice(("school", "gp", "health_visiting")),
        "Parent asked for support with the children's sleep routines.",
        decision="advice_and_information",
    )
