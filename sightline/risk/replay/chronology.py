"""A chronology file as replay holds it: plain facts, in memory, keyed by the file's own
references. Nothing here is stored, and nothing refers to Sightline's database.

Every record is keyed `<agency code>:<source reference>`: agencies' references never cross, and
an agency code (a slug) never holds a colon, so the key is unique and splits back unambiguously.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sightline.records.data import AddressFacts
from sightline.risk.cases import EventFact


def record_key(agency: str, reference: str) -> str:
    return f"{agency}:{reference}"


@dataclass(frozen=True, slots=True)
class AgencyFacts:
    code: str
    name: str
    kind: str  # AgencyKind value: "police", "school", "childrens_social_care", …


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One agency's record of a person, as the file gives it."""

    key: str
    agency: str
    reference: str
    given_name: str
    family_name: str
    other_names: tuple[tuple[str, str], ...]  # (given, family)
    date_of_birth: date | None
    date_of_birth_precision: str  # "day", "month", "year", "approximate", or ""
    expected_date_of_birth: date | None
    date_of_death: date | None
    sex: str
    addresses: tuple[AddressFacts, ...]
    nhs_number: str
    upn: str
    confidentiality: str

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def date_of_birth_text(self) -> str:
        """ISO, as precise as recorded: "2015", "2015-03" or "2015-03-07"; "" when unknown."""
        born = self.date_of_birth
        if born is None:
            return ""
        if self.date_of_birth_precision == "year":
            return f"{born.year:04d}"
        if self.date_of_birth_precision == "month":
            return f"{born.year:04d}-{born.month:02d}"
        return born.isoformat()


@dataclass(frozen=True, slots=True)
class TieRecord:
    """A dated relationship: an enrolment, a registration, an allocation, an episode, a plan, or
    a stated relationship between two persons (both of the recording agency)."""

    key: str
    agency: str
    kind: str
    person: str  # record key
    counterpart: str | None  # record key of the counterpart person, if any
    worker: str  # a Sightline username, as the file gives it
    worker_name: str
    start: date
    end: date | None
    details: Mapping[str, Any]

    def open_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class EventRecord:
    fact: EventFact  # its id is the record key
    reference: str
    sensitivity: str


@dataclass
class Chronology:
    agencies: dict[str, AgencyFacts]  # every agency the file names, by code
    persons: dict[str, PersonRecord] = field(default_factory=dict)  # by record key
    ties: list[TieRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)

    def last_day(self) -> date | None:
        """The day of the file's latest event: how far a replay goes unless told otherwise."""
        return max((event.fact.on for event in self.events), default=None)
