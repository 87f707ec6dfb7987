"""The demo's live feed: last night's police domestic-abuse call-outs, arriving after the
synthetic history has been imported and linked.

Notifications are for news. The generated history (years of events, up to the population's
reference date) was imported before its records were linked, and all of it is too old for any
rule to fire on. So the demo then sends what a police force sends every morning: a small file of
last night's incidents with children present, each with the police's record of the child, as
officers took it down at the home. The import links each new record to the child's other
records as it arrives (real-time matching) and then routes the incidents, as it would any
import: the school's designated safeguarding lead and the school nurse find them in their
inboxes.

Only the import format is used (the population's own files, and its ground truth, to choose
children the police do not know yet); nothing here reaches into the store.
"""

import json
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from sightline.core import clock
from sightline.records.schema.times import LONDON

# Incidents in the overnight file, each at a different school's pupil's home where possible.
INCIDENTS = 4
_PERSON_FIELDS = ("given_name", "family_name", "date_of_birth", "sex", "addresses")


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as file:
        for line in file:
            if line.strip():
                yield json.loads(line)


def _known_to_police(population: Path, police: str) -> set[tuple[str, str]]:
    """(agency, reference) of every record of a person the police already hold a record of."""
    known = set()
    for line in _lines(population / "truth.jsonl"):
        records = {(r["agency"], r["source_reference"]) for r in line.get("records", [])}
        if line.get("type") == "person" and any(agency == police for agency, _ in records):
            known |= records
    return known


def _pupils(population: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """Each child with an open school enrolment: (school, reference) → the school's record."""
    enrolled, persons = set(), {}
    for line in _lines(population / "records.jsonl"):
        key = (line.get("agency", ""), line.get("person") or line.get("source_reference", ""))
        if line.get("record_type") == "relationship" and line["kind"] == "school_enrolment":
            if not line.get("end"):
                enrolled.add(key)
        elif line.get("record_type") == "person":
            persons[key] = line
    return {key: persons[key] for key in sorted(enrolled) if key in persons}


def _chosen(
    pupils: dict[tuple[str, str], dict[str, Any]], known: set[tuple[str, str]]
) -> list[dict[str, Any]]:
    """Pupils the police do not know yet, one school after another."""
    by_school: dict[str, list[dict[str, Any]]] = {}
    for (school, _), record in pupils.items():
        if (school, record["source_reference"]) not in known:
            by_school.setdefault(school, []).append(record)
    chosen: list[dict[str, Any]] = []
    while len(chosen) < INCIDENTS and any(by_school.values()):
        for records in by_school.values():
            if records and len(chosen) < INCIDENTS:
                chosen.append(records.pop(0))
    return chosen


def _last_night(number: int) -> str:
    yesterday = clock.now().astimezone(LONDON).date() - timedelta(days=1)
    start = datetime.combine(yesterday, time(21, 40), tzinfo=LONDON)
    return (start + timedelta(minutes=37 * number)).isoformat()


def _lines_for(police: str, pupil: dict[str, Any], number: int) -> list[dict[str, Any]]:
    reference = f"POL-OVERNIGHT-{number + 1:03d}"
    person: dict[str, Any] = {
        "record_type": "person",
        "agency": police,
        "source_reference": reference,
    }
    person |= {field: pupil[field] for field in _PERSON_FIELDS if field in pupil}
    nhs_number = pupil.get("identifiers", {}).get("nhs_number")
    if nhs_number:
        person["identifiers"] = {"nhs_number": nhs_number}
    incident = {
        "record_type": "event",
        "agency": police,
        "source_reference": f"{reference}-DA",
        "kind": "domestic_abuse_incident",
        "occurred_at": _last_night(number),
        "recorded_by": "Demo officer (PC)",
        "summary": "Police attended a report of shouting and a struggle at the home last night; "
        "children in the house.",
        "subjects": [{"person": reference, "role": "child_subject"}],
        "child_seen": "no:child_asleep",
        "child_seen_alone": "no:not_seen",
        "child_voice": "no:not_seen",
        "interpreter": "not_applicable",
        "details": {
            "risk_level": ("standard", "medium", "high")[number % 3],
            "children_present": True,
            "children_in_household": 1,
            "incident_types": ["verbal", "physical"],
            "police_reference": f"DA/OVERNIGHT/{number + 1:04d}",
        },
    }
    return [person, incident]


def overnight_file_write(population: Path, out: Path) -> int:
    """Write last night's incidents, each with the police's new record of the child, to `out`;
    returns how many incidents."""
    agencies = json.loads((population / "agencies.json").read_text(encoding="utf-8"))
    police = next((a["code"] for a in agencies if a["kind"] == "police"), None)
    chosen = (
        [] if police is None else _chosen(_pupils(population), _known_to_police(population, police))
    )
    with open(out, "w", encoding="utf-8") as file:
        for number, pupil in enumerate(chosen):
            for line in _lines_for(str(police), pupil, number):
                file.write(json.dumps(line) + "\n")
    return len(chosen)
