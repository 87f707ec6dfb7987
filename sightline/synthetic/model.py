"""The true population: who people really are, where they live, and what really happened.

Agencies see this world only partly and imperfectly; recording.py turns it into their records.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sightline.synthetic.agencies import Agency


@dataclass
class TruePerson:
    person_id: str
    number: int  # the person's place in the population; identifiers are made from it
    given_name: str
    family_name: str  # as at the reference date
    sex: str
    date_of_birth: date
    origin: str
    is_child: bool
    nhs_number: str
    upn: str = ""
    birth_family_name: str = ""  # a previous surname, e.g. before marriage
    double_family_name: str = ""  # a child's hyphenated surname of both parents
    ethnicity: str = ""
    first_language: str = "eng"
    interpreter_needed: bool = False
    history_of_violence: bool = False
    pnc_id: str = ""
    gp: Agency | None = None


@dataclass(frozen=True)
class Membership:
    person_id: str
    role: str  # mother, father, partner, adult, child
    start: date
    end: date | None = None


@dataclass(frozen=True)
class Address:
    line1: str
    town: str
    postcode: str
    uprn: str
    start: date
    end: date | None = None
    confidential: bool = False


@dataclass
class Household:
    household_id: str
    index: int
    kind: str
    origin: str
    persons: list[TruePerson] = field(default_factory=list)
    members: list[Membership] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    services: dict[str, Agency] = field(default_factory=dict)  # kind -> the household's agency
    social_housing: bool = False

    @property
    def children(self) -> list[TruePerson]:
        return [p for p in self.persons if p.is_child]

    def person(self, role: str) -> TruePerson | None:
        ids = {m.person_id for m in self.members if m.role == role}
        return next((p for p in self.persons if p.person_id in ids), None)

    def membership(self, person: TruePerson) -> Membership:
        return next(m for m in self.members if m.person_id == person.person_id)

    def address_on(self, day: date) -> Address:
        current = [a for a in self.addresses if a.start <= day and (a.end is None or day < a.end)]
        return current[-1] if current else self.addresses[0]

    def present_on(self, day: date) -> list[TruePerson]:
        """Who lived in the household that day."""
        ids = {
            m.person_id for m in self.members if m.start <= day and (m.end is None or day < m.end)
        }
        return [p for p in self.persons if p.person_id in ids]


@dataclass
class TrueEvent:
    """Something that happened and one agency recorded, in the terms of the shared schema."""

    agency: Agency
    kind: str
    day: date
    summary: str
    subjects: list[tuple[TruePerson, str]]  # (person, subject role)
    details: dict[str, Any]
    minute: int | None = None  # minute of the day, when the time is known
    recorded_lag_days: int = 0
    child_seen: str = "not_applicable"
    child_seen_alone: str = "not_applicable"
    child_voice: str = "not_applicable"
    child_words: str = ""
    interpreter: str = "not_applicable"
    cin_factors: list[str] = field(default_factory=list)
    recorded_by: str = ""


@dataclass
class TrueRelationship:
    agency: Agency
    kind: str
    person: TruePerson
    start: date
    end: date | None = None
    counterpart: TruePerson | None = None
    counterpart_agency: Agency | None = None
    worker_name: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Trajectory:
    """Ground truth: a child on a harm trajectory, or with a benign look-alike, from a date."""

    person_id: str
    label: str  # e.g. "neglect" or "accidental_injury"
    start: date
    harm: bool
