"""A household's story: the events and relationships agencies record about it, and the ground
truth of any harm, collected in one place with the coding every event needs."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from random import Random
from typing import Any

from sightline.synthetic.agencies import Agency
from sightline.synthetic.model import (
    Household,
    Trajectory,
    TrueEvent,
    TruePerson,
    TrueRelationship,
)
from sightline.synthetic.names_data import WORKER_FAMILY, WORKER_GIVEN
from sightline.synthetic.population import World

# How the person recording is described, by agency kind.
_RECORDER_TITLES = {
    "police": "PC",
    "school": "DSL",
    "gp": "GP",
    "health_visiting": "health visitor",
    "school_nursing": "school nurse",
    "hospital": "ED nurse",
    "community_paediatrics": "paediatrician",
    "childrens_social_care": "social worker",
    "housing": "housing officer",
    "probation": "probation officer",
    "education_welfare": "education welfare officer",
}


@dataclass(frozen=True)
class Voice:
    """The coded child-centred answers of one event."""

    child_seen: str = "not_applicable"
    child_seen_alone: str = "not_applicable"
    child_voice: str = "not_applicable"
    child_words: str = ""


NOT_APPLICABLE = Voice()


def age_in_days(person: TruePerson, day: date) -> int:
    return (day - person.date_of_birth).days


@cache
def _code_number(code: str) -> int:
    return sum(ord(c) for c in code)


def worker_name(agency: Agency, number: int) -> str:
    """One of a small, fixed set of invented practitioners per agency."""
    seed = _code_number(agency.code) + number * 7
    given = WORKER_GIVEN[seed % len(WORKER_GIVEN)]
    return f"{given} {WORKER_FAMILY[(seed // 3) % len(WORKER_FAMILY)]}"


def school_start(child: TruePerson) -> date:
    """English children start reception in the September after they turn four."""
    year = child.date_of_birth.year + (4 if child.date_of_birth.month < 9 else 5)
    return date(year, 9, 1)


class Story:
    def __init__(self, rng: Random, world: World, household: Household) -> None:
        self.rng = rng
        self.world = world
        self.profile = world.profile
        self.household = household
        self.events: list[TrueEvent] = []
        self.relationships: list[TrueRelationship] = []
        self.trajectories: list[Trajectory] = []
        self._centiles: dict[str, float] = {}
        # Children whose growth falters from a date (neglect): their centile falls from then.
        self.faltering: dict[str, date] = {}

    def chance(self, rate: str) -> bool:
        """True with the probability the profile gives for this rate."""
        return self.rng.random() < self.profile.rate(rate)

    def agency(self, kind: str) -> Agency:
        return self.household.services[kind]

    def agency_for(self, kind: str, child: TruePerson, day: date) -> Agency:
        """The agency of a kind that serves this child on this day (their school, their GP)."""
        if kind == "school":
            return self.school_on(child, day)
        if kind == "gp" and child.gp is not None:
            return child.gp
        return self.agency(kind)

    def school_on(self, child: TruePerson, day: date) -> Agency:
        """Primary school for reception to year 6, then secondary."""
        secondary = day >= school_start(child).replace(year=school_start(child).year + 7)
        return self.agency("secondary_school" if secondary else "primary_school")

    def centile(self, child: TruePerson, day: date) -> float:
        """The child's weight centile on a day: steady, unless their growth is faltering."""
        if child.person_id not in self._centiles:
            self._centiles[child.person_id] = self.rng.uniform(10, 90)
        base = self._centiles[child.person_id]
        falter = self.faltering.get(child.person_id)
        if falter is None or day < falter:
            return base
        months = (day - falter).days / 30.4
        shrink: float = 0.75**months  # about a quarter lower each month
        return max(0.4, base * shrink)

    def in_window(self, day: date) -> bool:
        return self.world.window_start <= day <= self.world.reference_date

    def day_between(self, first: date, last: date) -> date:
        first = max(first, self.world.window_start)
        last = min(last, self.world.reference_date)
        span = (last - first).days
        return first + timedelta(days=self.rng.randrange(span + 1)) if span >= 0 else last

    def add(
        self,
        agency: Agency,
        kind: str,
        day: date,
        summary: str,
        subjects: list[tuple[TruePerson, str]],
        details: dict[str, Any],
        voice: Voice = NOT_APPLICABLE,
        *,
        minute: int | None = None,
        cin_factors: list[str] | None = None,
    ) -> TrueEvent | None:
        """Record an event if it falls in the window; None if it does not."""
        if not self.in_window(day):
            return None
        event = TrueEvent(
            agency=agency,
            kind=kind,
            day=day,
            summary=summary,
            subjects=subjects,
            details=details,
            minute=minute,
            recorded_lag_days=self._lag(agency, day),
            child_seen=voice.child_seen,
            child_seen_alone=voice.child_seen_alone,
            child_voice=voice.child_voice,
            child_words=voice.child_words,
            interpreter=self._interpreter([p for p, _ in subjects]),
            cin_factors=cin_factors or [],
            recorded_by=self.recorder(agency),
        )
        self.events.append(event)
        return event

    def relate(self, relationship: TrueRelationship) -> None:
        """Keep a relationship that overlaps the window; one that ends after the reference date
        is still open on it."""
        reference, end = self.world.reference_date, relationship.end
        if relationship.start > reference or (end and end < self.world.window_start):
            return
        if end and end > reference:
            relationship.end = None
        self.relationships.append(relationship)

    def relate_episode(
        self,
        children: list[TruePerson],
        episode_type: str,
        start: date,
        end: date | None,
        referral_source: str | None,
        reason_for_closure: str | None = None,
    ) -> None:
        """An episode of children's social care involvement, as the CIN census counts them."""
        details: dict[str, Any] = {"episode_type": episode_type}
        if referral_source:
            details["referral_source"] = referral_source
        if reason_for_closure:
            details["reason_for_closure"] = reason_for_closure
        csc = self.agency("childrens_social_care")
        for child in children:
            self.relate(TrueRelationship(csc, "episode", child, start, end, details=dict(details)))

    def recorder(self, agency: Agency) -> str:
        title = _RECORDER_TITLES.get(agency.kind, "practitioner")
        return f"{worker_name(agency, self.rng.randrange(6))} ({title})"

    def _lag(self, agency: Agency, day: date) -> int:
        rates = "events.recording_lag"
        late = self.profile.rate(
            f"{rates}.police_late_rate" if agency.kind == "police" else f"{rates}.late_rate"
        )
        if self.rng.random() < late:
            low, high = (int(self.profile.number(f"{rates}.late_days_{e}")) for e in ("min", "max"))
            lag = self.rng.randint(low, high)
        else:
            lag = self.rng.randint(0, int(self.profile.number(f"{rates}.usual_days_max")))
        return min(lag, (self.world.reference_date - day).days)

    def _interpreter(self, people: list[TruePerson]) -> str:
        """Who interpreted, when an adult in the event needs an interpreter."""
        if not any(p.interpreter_needed for p in people):
            return "not_applicable"
        roll = self.rng.random()
        if roll < self.profile.rate("events.child_voice.family_interpreter_rate"):
            return "yes:family_member"
        return self.rng.choice(
            ("yes:professional", "yes:telephone", "yes:telephone", "no:unavailable")
        )

    def contact(
        self,
        child: TruePerson,
        day: date,
        *,
        seen: bool = True,
        not_seen_reason: str = "not_at_home",
        words: tuple[str, ...] = (),
    ) -> Voice:
        """The coded answers for a contact with a child: seen, seen alone, the child's words."""
        if not seen:
            return Voice(f"no:{not_seen_reason}", "no:not_seen", "no:not_seen")
        age = age_in_days(child, day)
        if age < 4 * 365:
            voice = "no:pre_verbal" if age < 2 * 365 else "no:not_asked"
            return Voice("yes", "no:too_young", voice)
        alone_rate = self.profile.rate("events.child_voice.seen_alone_rate")
        alone = (
            "yes"
            if self.rng.random() < alone_rate
            else self.rng.choice(("no:parent_refused", "no:not_planned", "no:no_private_space"))
        )
        if words and self.rng.random() < self.profile.rate(
            "events.child_voice.voice_recorded_rate"
        ):
            return Voice("yes", alone, "yes", self.rng.choice(words))
        return Voice("yes", alone, self.rng.choice(("no:not_asked", "no:child_declined")))
