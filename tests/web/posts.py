"""Form submissions as a browser would send them, for the page tests."""

import uuid
from typing import Any


def injury_post(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "submission_key": f"form:{uuid.uuid4()}",
        "occurred_day": "4",
        "occurred_month": "3",
        "occurred_year": "2024",
        "occurred_time": "09:10",
        "summary": "Bruise on the left cheek and a mark on the right buttock.",
        "person_role": "child_subject",
        "child_seen": "yes",
        "child_seen_alone": "yes",
        "child_voice": "yes",
        "child_words": "Dad pushed me into the door.",
        "interpreter": "not_applicable",
        "sensitivity": "standard",
        "details-explanation_given": "yes",
        "details-explanation": "Said he was pushed.",
        "details-explanation_by": "child",
        "details-explanation_fits": "yes",
        "details-child_mobile": "yes",
        "details-medical_attention_sought": "no",
        "marks-regions": ["F-CHEEK-L", "B-BUTTOCK-R"],
        "marks-F-CHEEK-L-type": "bruise",
        "marks-F-CHEEK-L-size": "25",
        "marks-F-CHEEK-L-description": "Blue, oval",
        "marks-B-BUTTOCK-R-type": "scratch",
        "marks-B-BUTTOCK-R-size": "",
        "marks-B-BUTTOCK-R-description": "",
    }
    data.update(overrides)
    return data


def common_post(**overrides: Any) -> dict[str, Any]:
    """Only the fields every kind shares, answered."""
    data = {
        key: value
        for key, value in injury_post().items()
        if not key.startswith(("details-", "marks-"))
    }
    data.update(overrides)
    return data


def person_post(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "given_name": "Zofia",
        "family_name": "Krężołek",
        "date_of_birth_day": "",
        "date_of_birth_month": "5",
        "date_of_birth_year": "2019",
        "sex": "F",
        "nhs_number": "943 476 5919",
        "upn": "",
        "address_line1": "Flat 2, 8 Mill Lane",
        "town": "Coventry",
        "postcode": "cv1 2ab",
        "address_confidential": "on",
        "first_language": "Polish",
        "interpreter_needed": "yes",
        "confidentiality": "standard",
    }
    data.update(overrides)
    return data
