"""Background work with families that is not about harm: paediatric follow-up, school attendance,
early help, police and probation contact with adults, and housing's record of who lives where."""

from datetime import date, timedelta

from sightline.synthetic.events import social_care, wording
from sightline.synthetic.events.routine import (
    child_window,
    poisson,
    routine_child,
    with_carer,
    years_between,
)
from sightline.synthetic.events.story import Story, school_start
from sightline.synthetic.model import TruePerson


def background_household(story: Story) -> None:
    for child in story.household.children:
        routine_child(story, child)
        if story.rng.random() < story.profile.rate("events.community_paediatrics_rate"):
            _paediatrics(story, child)
        if story.rng.random() < story.profile.rate("events.education_welfare_rate"):
            _attendance(story, child)
    children = story.household.children
    if children and story.rng.random() < story.profile.rate("events.early_help_rate"):
        day = story.day_between(story.world.window_start, story.world.reference_date)
        present = [c for c in children if c.date_of_birth <= day]
        if present:
            social_care.early_help(story, present, day)
    for adult in (p for p in story.household.persons if not p.is_child):
        _police_notes(story, adult)
        _probation(story, adult)
    if story.household.social_housing:
        _housing(story)


def _paediatrics(story: Story, child: TruePerson) -> None:
    first, last = child_window(story, child)
    paediatrics = story.agency("community_paediatrics")
    for _ in range(story.rng.randint(2, 4)):
        day = story.day_between(first, last)
        story.add(
            paediatrics,
            "health_contact",
            day,
            "Developmental review in the community paediatric clinic.",
            with_carer(story, child, day),
            {"contact_type": "paediatric", "outcome": "Follow-up in six months."},
            story.contact(child, day, words=wording.BENIGN_WORDS),
        )


def _attendance(story: Story, child: TruePerson) -> None:
    """Persistent absence for reasons that are not about harm (anxiety, illness), followed up
    by education welfare."""
    first = max(school_start(child), story.world.window_start)
    day = story.day_between(first, story.world.reference_date - timedelta(days=30))
    if day < first:
        return
    school = story.school_on(child, day)
    story.add(
        school,
        "school_absence",
        day,
        "Persistent absence this term; the child is anxious about school.",
        [(child, "child_subject")],
        {
            "start_date": (day - timedelta(days=60)).isoformat(),
            "end_date": day.isoformat(),
            "sessions_missed": story.rng.randint(20, 40),
            "authorised": True,
            "reason": "medical",
        },
    )
    welfare = story.agency("education_welfare")
    visit = day + timedelta(days=story.rng.randint(7, 21))
    story.add(
        welfare,
        "home_visit",
        visit,
        "Home visit about attendance; support plan agreed with the family.",
        with_carer(story, child, visit),
        {"visit_type": "announced", "home_conditions": "good"},
        story.contact(child, visit, words=wording.BENIGN_WORDS),
    )


def _police_notes(story: Story, adult: TruePerson) -> None:
    membership = story.household.membership(adult)
    first = max(membership.start, story.world.window_start)
    last = membership.end or story.world.reference_date
    rate = story.profile.number("events.police_adult_note_per_year")
    for _ in range(poisson(story, rate * years_between(first, last))):
        day = story.day_between(first, last)
        story.add(
            story.agency("police"),
            "note",
            day,
            "Adult spoken to after a report of a neighbour dispute; words of advice given.",
            [(adult, "household_member")],
            {},
        )


def _probation(story: Story, adult: TruePerson) -> None:
    """An adult with a history of violence under supervision; probation learns when they move
    in with a family with children."""
    if not adult.history_of_violence:
        return
    if story.rng.random() >= story.profile.rate("events.probation_supervised_rate"):
        return
    probation = story.agency("probation")
    membership = story.household.membership(adult)
    if membership.role == "partner":
        _new_partner_known(story, adult, membership.start)
    for _ in range(story.rng.randint(1, 3)):
        day = story.day_between(story.world.window_start, story.world.reference_date)
        story.add(
            probation,
            "note",
            day,
            "Supervision appointment attended.",
            [(adult, "household_member")],
            {},
        )


def _new_partner_known(story: Story, partner: TruePerson, joined: date) -> None:
    children = [c for c in story.household.children if c.date_of_birth <= joined]
    day = joined + timedelta(days=story.rng.randint(7, 90))
    story.add(
        story.agency("probation"),
        "household_change",
        day,
        "Person on probation reports moving in with a new partner who has children. "
        + story.rng.choice(wording.VIOLENCE_HISTORY),
        [(partner, "household_member")] + [(c, "child_subject") for c in children],
        {
            "change": "new_partner",
            "relationship_to_child": "mother's partner",
            "known_history_of_violence": "yes",
        },
    )


def _housing(story: Story) -> None:
    """The housing service records each tenancy start and who joins the household."""
    housing = story.agency("housing")
    for address in story.household.addresses:
        present = story.household.present_on(address.start)
        adults = [(p, "household_member") for p in present if not p.is_child]
        children = [(p, "child_subject") for p in present if p.is_child]
        if adults:
            story.add(
                housing,
                "household_change",
                address.start,
                f"New tenancy at {address.line1}.",
                adults + children,
                {"change": "moved_in", "relationship_to_child": "parent"},
            )
    partner = story.household.person("partner")
    if partner is not None and story.chance("events.housing_told_of_partner_rate"):
        joined = story.household.membership(partner).start
        story.add(
            housing,
            "household_change",
            joined + timedelta(days=30),
            "Tenant reports a new partner has moved in.",
            [(partner, "household_member")],
            {
                "change": "new_partner",
                "relationship_to_child": "mother's partner",
                "known_history_of_violence": "unknown",
            },
        )
