"""Turning a household's story into lines of the import format, and its ground truth.

Every agency writes its own records with its own references: a person known to four agencies
becomes four person lines that share nothing but what each agency happened to write down.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from random import Random
from typing import Any

from sightline.synthetic.agencies import Agency
from sightline.synthetic.checkdigits import scramble
from sightline.synthetic.events.story import Story
from sightline.synthetic.model import Household, TrueEvent, TruePerson, TrueRelationship
from sightline.synthetic.recording import Recorder
from sightline.synthetic.truth import truth_lines

# Reference prefixes by agency kind, so a reference reads like the source system's own.
_PREFIXES = {
    "police": "POL",
    "school": "SCH",
    "gp": "GP",
    "health_visiting": "HV",
    "school_nursing": "SN",
    "hospital": "HOS",
    "community_paediatrics": "CP",
    "childrens_social_care": "CSC",
    "housing": "HSG",
    "probation": "PRB",
    "education_welfare": "EWS",
}


@cache
def _salt(code: str) -> int:
    """A number particular to the agency, so its references are unrelated to another's."""
    return int.from_bytes(hashlib.sha256(code.encode()).digest()[:6], "big")


def reference(agency: Agency, letter: str, number: int, digits: int) -> str:
    scrambled = scramble(number, digits, _salt(agency.code))
    return f"{_PREFIXES[agency.kind]}{letter}{scrambled:0{digits}d}"


@dataclass
class HouseholdLines:
    records: list[dict[str, Any]] = field(default_factory=list)
    truth: list[dict[str, Any]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


class _Book:
    """Each agency's references for the household's people (a second one for a duplicate)."""

    def __init__(self, rng: Random, story: Story, recorder: Recorder) -> None:
        self.rng, self.story, self.recorder = rng, story, recorder
        self.refs: dict[tuple[str, str], list[str]] = {}
        self.by_person: dict[str, list[tuple[str, str]]] = {}

    def open(
        self, agency: Agency, person: TruePerson, known_from: date, out: HouseholdLines
    ) -> None:
        duplicate = self.rng.random() < self.story.profile.rate("recording.duplicate_record_rate")
        refs = []
        for copy in range(2 if duplicate else 1):
            ref = reference(agency, "P", person.number * 2 + copy, 10)
            line = {"record_type": "person", "agency": agency.code, "source_reference": ref}
            line.update(self.recorder.person(agency, person, known_from))
            out.records.append(line)
            refs.append(ref)
            self.by_person.setdefault(person.person_id, []).append((agency.code, ref))
        self.refs[(agency.code, person.person_id)] = refs
        out.counts["recorded_persons"] += len(refs)
        out.counts["duplicate_records"] += len(refs) - 1

    def ref(self, agency: Agency, person: TruePerson) -> str:
        refs = self.refs[(agency.code, person.person_id)]
        return refs[0] if len(refs) == 1 else self.rng.choice(refs)


def _first_known(story: Story) -> dict[tuple[Agency, str], date]:
    """When each agency first knew each person: the earliest of its events and relationships."""
    first: dict[tuple[Agency, str], date] = {}
    persons: list[tuple[Agency, TruePerson, date]] = []
    for event in story.events:
        persons += [(event.agency, p, event.day) for p, _ in event.subjects]
    for rel in story.relationships:
        persons.append((rel.agency, rel.person, rel.start))
        if rel.counterpart is not None:
            persons.append((rel.agency, rel.counterpart, rel.start))
    for agency, person, day in persons:
        key = (agency, person.person_id)
        first[key] = min(first.get(key, day), day)
    return first


def household_lines(story: Story, rng: Random) -> HouseholdLines:
    out = HouseholdLines()
    book = _Book(rng, story, Recorder(rng, story.profile, story.household))
    people = {p.person_id: p for p in story.household.persons}
    for (agency, person_id), day in _first_known(story).items():
        book.open(agency, people[person_id], max(day, story.world.window_start), out)
    for number, rel in enumerate(story.relationships):
        out.records.append(_relationship_line(story.household, book, rel, number))
        out.counts["relationships"] += 1
    for number, event in enumerate(story.events):
        out.records.append(_event_line(story, book, event, number))
        out.counts["events"] += 1
        out.counts[f"events:{event.agency.kind}"] += 1
    out.truth = truth_lines(story, book.by_person)
    out.counts["persons"] += len(story.household.persons)
    out.counts["children"] += len(story.household.children)
    out.counts["households"] += 1
    for trajectory in story.trajectories:
        out.counts[f"{'harm' if trajectory.harm else 'lookalike'}:{trajectory.label}"] += 1
    return out


def _relationship_line(
    household: Household, book: _Book, rel: TrueRelationship, number: int
) -> dict[str, Any]:
    line: dict[str, Any] = {
        "record_type": "relationship",
        "agency": rel.agency.code,
        "source_reference": reference(rel.agency, "R", household.index * 10_000 + number, 11),
        "kind": rel.kind,
        "person": book.ref(rel.agency, rel.person),
    }
    if rel.counterpart is not None:
        line["counterpart_person"] = book.ref(rel.agency, rel.counterpart)
    if rel.worker_name:
        line["worker_name"] = rel.worker_name
    line["start"] = rel.start.isoformat()
    if rel.end is not None:
        line["end"] = rel.end.isoformat()
    line["details"] = rel.details
    return line


def _event_line(story: Story, book: _Book, event: TrueEvent, number: int) -> dict[str, Any]:
    agency = event.agency
    line: dict[str, Any] = {
        "record_type": "event",
        "agency": agency.code,
        "source_reference": reference(agency, "E", story.household.index * 10_000 + number, 11),
        "kind": event.kind,
        "occurred_at": _moment(event.day, event.minute),
        "source_recorded_at": _recorded_at(story.rng, event),
        "recorded_by": event.recorded_by,
        "local_authority_code": agency.local_authority_code,
        "summary": event.summary,
        "subjects": [{"person": book.ref(agency, p), "role": role} for p, role in event.subjects],
        "child_seen": event.child_seen,
        "child_seen_alone": event.child_seen_alone,
        "child_voice": event.child_voice,
        "interpreter": event.interpreter,
    }
    if event.child_words:
        line["child_words"] = event.child_words
    if event.cin_factors:
        line["cin_factors"] = event.cin_factors
    line["details"] = {k: v for k, v in event.details.items() if v is not None}
    return line


def _moment(day: date, minute: int | None) -> str:
    if minute is None:
        return day.isoformat()
    return f"{day.isoformat()}T{minute // 60:02d}:{minute % 60:02d}"


def _recorded_at(rng: Random, event: TrueEvent) -> str:
    """When the source agency wrote it down: later the same day, or days later."""
    if event.recorded_lag_days == 0:
        minutes = (event.minute if event.minute is not None else 9 * 60) + rng.randint(20, 240)
    else:
        minutes = event.recorded_lag_days * 1440 + rng.randint(9 * 60, 17 * 60)
    day = event.day + timedelta(days=minutes // 1440)
    return _moment(day, minutes % 1440)
