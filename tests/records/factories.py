"""Valid raw input for persons and events, as a form, the API or a file would send it.

Tests change one field at a time from these, so each test says exactly what it is about.
"""

from typing import Any


def person_raw(**overrides: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "source_reference": "P-0001",
        "given_name": "Daniel",
        "family_name": "Łuczak",
        "date_of_birth": "2008-07-15",
        "sex": "M",
        "identifiers": {"nhs_number": "9434765919", "upn": "B801200005001"},
        "addresses": [{"line1": "12 Elm Road", "town": "Coventry", "postcode": "CV1 1AA"}],
        "first_language": "pol",
        "interpreter_needed": False,
    }
    raw.update(overrides)
    return raw


def injury_raw(child_reference: str = "P-0001", **overrides: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "source_reference": "INJ-0001",
        "kind": "injury",
        "occurred_at": "2024-03-04T09:10",
        "summary": "Bruising to the left cheek noticed at morning registration.",
        "subjects": [{"person": child_reference, "role": "child_subject"}],
        "child_seen": "yes",
        "child_seen_alone": "yes",
        "child_voice": "yes",
        "child_words": "I bumped it on the door.",
        "interpreter": "not_applicable",
        "details": {
            "marks": [
                {"region": "F-CHEEK-L", "mark_type": "bruise", "size_mm": 25, "description": "blue"}
            ],
            "explanation_given": True,
            "explanation": "Child said he bumped it on a door.",
            "explanation_by": "child",
            "explanation_fits": "unclear",
        },
    }
    raw.update(overrides)
    return raw


def domestic_abuse_raw(child_reference: str = "P-0001", **overrides: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "source_reference": "DA-0001",
        "kind": "domestic_abuse_incident",
        "occurred_at": "2024-03-03T23:40",
        "summary": "Police attended a verbal and physical argument between adults at the home.",
        "subjects": [{"person": child_reference, "role": "child_subject"}],
        "child_seen": "yes",
        "child_seen_alone": "no:not_planned",
        "child_voice": "no:child_declined",
        "interpreter": "yes:family_member",
        "details": {"risk_level": "medium", "children_present": True, "children_in_household": 2},
    }
    raw.update(overrides)
    return raw
