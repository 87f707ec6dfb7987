"""Choosing which households carry a harm trajectory or a benign look-alike, who in them is
affected and from when, and recording that choice as ground truth.

A household is chosen with probability share x children / affected children, so that across the
population the share of children affected matches the profile's share, whether a trajectory
touches one child (an injury) or all of them (neglect).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sightline.synthetic.checkdigits import pnc_id
from sightline.synthetic.events import harm, lookalikes
from sightline.synthetic.events.story import Story, age_in_days
from sightline.synthetic.model import Trajectory, TruePerson


@dataclass
class Case:
    label: str
    children: list[TruePerson]
    start: date
    run: Callable[[], None]


def _children_on(story: Story, day: date, *, max_years: int = 17) -> list[TruePerson]:
    return [
        c
        for c in story.household.children
        if c.date_of_birth <= day and age_in_days(c, day) < max_years * 365
    ]


def _abuser_and_victim(story: Story) -> tuple[TruePerson, TruePerson, date, date] | None:
    """Two adults who lived together in the window, and the days they did."""
    household = story.household
    victim = household.person("mother")
    for role in ("partner", "father"):
        abuser = household.person(role)
        if abuser is None or victim is None:
            continue
        together = household.membership(abuser)
        first = max(together.start, story.world.window_start)
        last = min(together.end or story.world.reference_date, story.world.reference_date)
        if (last - first).days > 150:
            return abuser, victim, first, last - timedelta(days=120)
    return None


def _household_wide(
    story: Story, label: str, run: Callable[..., None], last_gap: int
) -> Case | None:
    start = story.day_between(
        story.world.window_start + timedelta(days=60),
        story.world.reference_date - timedelta(days=last_gap),
    )
    children = _children_on(story, start, max_years=15)
    if not children:
        return None
    return Case(label, children, start, lambda: run(story, children, start))


def _domestic_abuse(story: Story) -> Case | None:
    pair = _abuser_and_victim(story)
    if pair is None:
        return None
    abuser, victim, first, last = pair
    start = story.day_between(first + timedelta(days=30), last)
    children = _children_on(story, start)
    if not children:
        return None

    def run() -> None:
        if abuser is story.household.person("partner"):
            _give_violent_history(story, abuser, start)
        harm.domestic_abuse(story, children, start, abuser, victim)

    return Case("domestic_abuse", children, start, run)


def _give_violent_history(story: Story, person: TruePerson, before: date) -> None:
    """A new partner who abuses usually has a history that police or probation know of."""
    if (
        story.chance("harm.abusive_partner_violence_history_rate")
        and not person.history_of_violence
    ):
        person.history_of_violence = True
        person.pnc_id = pnc_id(person.number, max(person.date_of_birth.year + 18, before.year - 5))


def _one_child(
    story: Story, label: str, min_days: int, max_days: int | None, run: Callable[..., None]
) -> Case | None:
    """A trajectory for one child, starting when they are min_days to max_days old."""
    world = story.world
    eligible = []
    for child in story.household.children:
        first = max(world.window_start, child.date_of_birth + timedelta(days=min_days))
        last = world.reference_date - timedelta(days=120)
        if max_days is not None:
            last = min(last, child.date_of_birth + timedelta(days=max_days))
        if first <= last and age_in_days(child, first) < 16 * 365:
            eligible.append((child, first, last))
    if not eligible:
        return None
    child, first, last = story.rng.choice(eligible)
    start = story.day_between(first, last)
    return Case(label, [child], start, lambda: run(story, child, start))


_HARM: dict[str, Callable[[Story], Case | None]] = {
    "neglect": lambda s: _household_wide(s, "neglect", harm.neglect, 240),
    "domestic_abuse": _domestic_abuse,
    "unexplained_injuries": lambda s: _one_child(
        s, "unexplained_injuries", 270, None, harm.unexplained_injuries
    ),
    "non_mobile_bruising": lambda s: _one_child(
        s, "non_mobile_bruising", 42, 170, harm.non_mobile_bruising
    ),
    "repeated_nfa": lambda s: _household_wide(s, "repeated_nfa", harm.repeated_nfa, 400),
    "missed_appointments": lambda s: _household_wide(
        s, "missed_appointments", harm.missed_appointments, 200
    ),
}


def _single_callout(story: Story) -> Case | None:
    pair = _abuser_and_victim(story)
    if pair is None:
        return None
    abuser, victim, first, last = pair
    day = story.day_between(first, last)
    children = _children_on(story, day)
    if not children:
        return None
    return Case(
        "single_callout",
        children,
        day,
        lambda: lookalikes.single_callout(story, children, day, abuser, victim),
    )


_LOOKALIKES: dict[str, Callable[[Story], Case | None]] = {
    "accidental_injury": lambda s: _one_child(
        s, "accidental_injury", 400, None, lookalikes.accidental_injury
    ),
    "single_callout": _single_callout,
    "missed_appointment_good_reason": lambda s: _one_child(
        s, "missed_appointment_good_reason", 60, 11 * 365, lookalikes.missed_appointment_good_reason
    ),
    "single_referral_nfa": lambda s: _household_wide(
        s, "single_referral_nfa", lookalikes.single_referral_nfa, 30
    ),
}


def _choose(
    story: Story, section: str, builders: dict[str, Callable[[Story], Case | None]]
) -> Case | None:
    """Draw a type by weight; if the household cannot carry it, try the others in turn."""
    names, weights = story.profile.weights(f"{section}.type_weights")
    first = story.rng.choices(names, weights)[0]
    for name in [first] + [n for n in names if n != first]:
        case = builders[name](story)
        if case is not None:
            return case
    return None


def trajectories_plan(story: Story) -> None:
    """Give the household a harm trajectory, or else perhaps a look-alike, and run it."""
    children = story.household.children
    if not children:
        return
    for section, builders, is_harm in (("harm", _HARM, True), ("lookalikes", _LOOKALIKES, False)):
        case = _choose(story, section, builders)
        if case is None:
            continue
        chance = story.profile.rate(f"{section}.share") * len(children) / len(case.children)
        if story.rng.random() < chance:
            case.run()
            story.trajectories += [
                Trajectory(c.person_id, case.label, case.start, is_harm) for c in case.children
            ]
            return
