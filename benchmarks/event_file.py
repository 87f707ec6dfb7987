"""A deterministic synthetic import file for the import benchmark.

Several agencies of different kinds each record their own children and adults, the ties
between them (school enrolment, GP registration, parents) and a realistic mix of events for
their kind of agency. The same seed always gives the same file, byte for byte. All names are
invented; nothing here describes a real person.
"""

import json
import random
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

AGENCIES: dict[str, str] = {  # code → kind
    "bench-police": "police",
    "bench-school": "school",
    "bench-gp": "gp",
    "bench-health-visiting": "health_visiting",
    "bench-hospital": "hospital",
    "bench-social-care": "childrens_social_care",
}

GIVEN = [
    "Amelia",
    "Oliver",
    "Zofia",
    "Jakub",
    "Aisha",
    "Mohammed",
    "Lily",
    "Noah",
    "Ava",
    "Leo",
    "Maja",
    "Filip",
    "Grace",
    "Harry",
    "Isla",
    "Jack",
    "Freya",
    "Oscar",
    "Ruby",
    "Ethan",
]
FAMILY = [
    "Walker",
    "Nowak",
    "Khan",
    "Evans",
    "Kowalczyk",
    "Patel",
    "Hughes",
    "Wiśniewska",
    "Begum",
    "Morris",
    "Lewandowski",
    "Price",
    "Ahmed",
    "Turner",
    "Zielińska",
    "Green",
]
POSTCODES = ["CV1 1AA", "CV2 4DX", "B12 9QT", "B5 7RN", "CV6 3FL", "B23 6LE", "CV3 5BZ"]
EVENTS_PER_CHILD = 10
SERVICES = ["gp", "health_visiting", "paediatrics", "dental", "immunisation", "therapy"]


def _when(rng: random.Random) -> str:
    moment = datetime(2019, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(5 * 365 * 24 * 60))
    return moment.strftime("%Y-%m-%dT%H:%M")


def _day(rng: random.Random) -> str:
    return (date(2019, 1, 1) + timedelta(days=rng.randrange(5 * 365))).isoformat()


def _seen(rng: random.Random) -> dict[str, Any]:
    if rng.random() < 0.75:
        alone = "yes" if rng.random() < 0.5 else "no:parent_refused"
        voice = "yes" if rng.random() < 0.6 else "no:pre_verbal"
        return {
            "child_seen": "yes",
            "child_seen_alone": alone,
            "child_voice": voice,
            **({"child_words": "I am fine at home."} if voice == "yes" else {}),
        }
    return {
        "child_seen": "no:not_at_home",
        "child_seen_alone": "no:not_seen",
        "child_voice": "no:not_seen",
    }


def _not_applicable() -> dict[str, Any]:
    return {
        "child_seen": "not_applicable",
        "child_seen_alone": "not_applicable",
        "child_voice": "not_applicable",
    }


def _injury(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    marks = [
        {
            "region": rng.choice(["F-CHEEK-L", "F-CHEEK-R", "F-FOREHEAD", "B-UPPERBACK"]),
            "mark_type": rng.choice(["bruise", "graze", "burn"]),
            "size_mm": rng.randrange(5, 60),
            "description": "Noted at registration.",
        }
        for _ in range(rng.randrange(1, 3))
    ]
    details = {
        "marks": marks,
        "explanation_given": True,
        "explanation": "Fell in the park.",
        "explanation_by": "child",
        "explanation_fits": rng.choice(["yes", "no", "unclear"]),
    }
    return details, _seen(rng)


def _domestic_abuse(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    details = {
        "risk_level": rng.choice(["standard", "medium", "high"]),
        "children_present": rng.random() < 0.6,
        "children_in_household": rng.randrange(1, 4),
        "incident_types": rng.sample(["verbal", "physical", "damage", "threats"], 2),
        "police_reference": f"WM-{rng.randrange(10**6):06d}",
    }
    return details, _not_applicable()


def _missed(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    details = {
        "service": rng.choice(SERVICES),
        "was_not_brought": rng.random() < 0.8,
        "reason_given": "",
        "rebooked": rng.random() < 0.5,
    }
    return details, _not_applicable()


def _growth(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    details = {
        "weight_kg": round(rng.uniform(3, 40), 1),
        "height_cm": round(rng.uniform(50, 150), 1),
        "weight_centile": rng.randrange(1, 99),
    }
    return details, _seen(rng)


def _home_visit(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    details = {
        "visit_type": rng.choice(["statutory", "announced", "unannounced"]),
        "home_conditions": rng.choice(["good", "adequate", "poor"]),
    }
    return details, _seen(rng)


def _health_contact(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    details = {
        "contact_type": rng.choice(["health_review", "gp_appointment", "immunisation"]),
        "concerns_noted": rng.random() < 0.2,
        "outcome": "Reviewed; no further action.",
    }
    return details, _seen(rng)


def _absence(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    start = _day(rng)
    details = {
        "start_date": start,
        "sessions_missed": rng.randrange(1, 20),
        "authorised": rng.random() < 0.5,
        "reason": rng.choice(["illness", "unexplained", "holiday", "medical"]),
    }
    return details, _not_applicable()


def _behaviour(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    details = {"behaviours": rng.sample(["food_seeking", "hunger", "tiredness", "withdrawn"], 2)}
    return details, _not_applicable()


def _concern(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    details = {
        "categories": rng.sample(["neglect", "emotional", "physical", "domestic_abuse"], 2),
        "action_taken": "Discussed with the designated safeguarding lead.",
    }
    return details, _not_applicable()


def _hospital(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    details = {
        "setting": "emergency_department",
        "presenting_complaint": "Head injury after a fall",
        "delay_in_presentation": rng.random() < 0.2,
        "accompanied_by": "Mother",
    }
    return details, _seen(rng)


def _front_door(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    details = {
        "decision": rng.choice(["no_further_action", "early_help", "single_assessment"]),
        "rag": rng.choice(["red", "amber", "green"]),
        "rationale": "Threshold considered.",
    }
    return details, _not_applicable()


def _note(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    return {}, _not_applicable()


Maker = Callable[[random.Random], tuple[dict[str, Any], dict[str, Any]]]
# Per agency kind: (event kind, how to make its details and answers, relative frequency).
MIX: dict[str, list[tuple[str, Maker, int]]] = {
    "police": [
        ("domestic_abuse_incident", _domestic_abuse, 6),
        ("concern", _concern, 2),
        ("note", _note, 1),
    ],
    "school": [
        ("school_absence", _absence, 4),
        ("behaviour_observation", _behaviour, 3),
        ("injury", _injury, 2),
        ("concern", _concern, 2),
    ],
    "gp": [
        ("health_contact", _health_contact, 4),
        ("missed_appointment", _missed, 3),
        ("growth_measurement", _growth, 1),
    ],
    "health_visiting": [
        ("home_visit", _home_visit, 3),
        ("growth_measurement", _growth, 3),
        ("missed_appointment", _missed, 2),
    ],
    "hospital": [("hospital_attendance", _hospital, 4), ("injury", _injury, 1)],
    "childrens_social_care": [
        ("front_door_decision", _front_door, 3),
        ("home_visit", _home_visit, 3),
        ("note", _note, 2),
    ],
}


def _person(rng: random.Random, reference: str, child: bool) -> dict[str, Any]:
    born = date(2010 if child else 1975, 1, 1) + timedelta(days=rng.randrange(12 * 365))
    person: dict[str, Any] = {
        "record_type": "person",
        "source_reference": reference,
        "given_name": rng.choice(GIVEN),
        "family_name": rng.choice(FAMILY),
        "date_of_birth": born.isoformat(),
        "sex": rng.choice("MF"),
        "addresses": [
            {
                "line1": f"{rng.randrange(1, 200)} Elm Road",
                "town": "Coventry",
                "postcode": rng.choice(POSTCODES),
                "start": "2018-01-01",
            }
        ],
    }
    if rng.random() < 0.3:
        person["first_language"] = "pol"
        person["interpreter_needed"] = rng.random() < 0.5
    return person


def _agency_records(
    rng: random.Random, code: str, kind: str, events: int
) -> Iterator[dict[str, Any]]:
    """One agency's persons (a child for every ten events, as over five years of an agency's
    work with children known to it, each child with a parent), their ties, and its events, in
    the order an extract would list them."""
    children = max(1, events // EVENTS_PER_CHILD)
    for number in range(children):
        child, parent = f"{code}-C{number:06d}", f"{code}-A{number:06d}"
        yield {"agency": code, **_person(rng, child, child=True)}
        yield {"agency": code, **_person(rng, parent, child=False)}
        yield {
            "record_type": "relationship",
            "agency": code,
            "kind": "person_relationship",
            "source_reference": f"{code}-R{number:06d}",
            "person": child,
            "counterpart_person": parent,
            "start": "2019-01-01",
            "details": {"relationship": rng.choice(["mother", "father"]), "lives_with": True},
        }
    kinds, makers, weights = zip(*MIX[kind], strict=True)
    for number in range(events):
        index = rng.choices(range(len(kinds)), weights)[0]
        details, answers = makers[index](rng)
        about = rng.randrange(children)
        subjects = [{"person": f"{code}-C{about:06d}", "role": "child_subject"}]
        if rng.random() < 0.4:
            subjects.append({"person": f"{code}-A{about:06d}", "role": "parent_or_carer"})
        yield {
            "record_type": "event",
            "agency": code,
            "kind": kinds[index],
            "source_reference": f"{code}-E{number:07d}",
            "occurred_at": _when(rng),
            "recorded_by": "Synthetic Practitioner",
            "summary": f"Synthetic {kinds[index]} record.",
            "subjects": subjects,
            "interpreter": "not_applicable",
            **answers,
            "details": details,
        }


def records(*, seed: int, events: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    share, extra = divmod(events, len(AGENCIES))
    for position, (code, kind) in enumerate(AGENCIES.items()):
        yield from _agency_records(rng, code, kind, share + (1 if position < extra else 0))


def write_jsonl(path: Path, *, seed: int, events: int) -> int:
    """Write the file; returns the number of events in it."""
    with path.open("w", encoding="utf-8") as handle:
        for record in records(seed=seed, events=events):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return events
