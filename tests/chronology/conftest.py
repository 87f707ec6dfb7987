"""A pupil known to four agencies, and the people who may or may not see the joined picture.

Oak Primary's record of the child is linked with the police's, the GP practice's and the
hospital's; the school records the child's enrolment. The police also hold a record of the
mother, who lives with the child, and a domestic abuse incident about her.
"""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest

from sightline.agencies.selectors import scope_for_user
from sightline.households.services import households_derive
from sightline.records.services import event_record, relationship_record
from tests.identity.factories import apply_run, record_model, record_person, scored
from tests.records.factories import domestic_abuse_raw, injury_raw


@dataclass
class Pupil:
    school_record: UUID
    police_record: UUID
    gp_record: UUID
    hospital_record: UUID
    mother_record: UUID
    agencies: dict[str, Any]
    staff: dict[str, Any]


def note(reference: str, person: str, summary: str, **overrides: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "source_reference": reference,
        "kind": "note",
        "occurred_at": "2024-02-01T10:00",
        "summary": summary,
        "subjects": [{"person": person, "role": "child_subject"}],
        "child_seen": "not_applicable",
        "child_seen_alone": "not_applicable",
        "child_voice": "not_applicable",
        "interpreter": "not_applicable",
        "details": {},
    }
    raw.update(overrides)
    return raw


def record_event(practitioner, agency, raw):
    scope = scope_for_user(user_id=practitioner.pk)
    return event_record(actor=practitioner, scope=scope, agency_id=agency.id, raw=raw).record_id


@pytest.fixture
def pupil(school, police, dsl, make_agency, make_practitioner):
    gp, hospital = make_agency("gp"), make_agency("hospital")
    staff = {
        "dsl": dsl,
        "teacher": make_practitioner(school, "practitioner"),
        "officer": make_practitioner(police, "practitioner"),
        "gp": make_practitioner(gp, "practitioner"),
        "nurse": make_practitioner(hospital, "practitioner"),
        "ig_lead": make_practitioner(school, "ig_lead"),
        "police_ig": make_practitioner(police, "ig_lead"),
        "police_manager": make_practitioner(police, "manager"),
    }
    child = {"given_name": "Mia", "family_name": "Rowe", "date_of_birth": "2016-05-04"}
    records = {
        "school": record_person(dsl, school, source_reference="P-0001", **child),
        "police": record_person(staff["officer"], police, source_reference="P-0001", **child),
        "gp": record_person(staff["gp"], gp, source_reference="P-0001", **child),
        "hospital": record_person(staff["nurse"], hospital, source_reference="P-0001", **child),
    }
    mother = record_person(
        staff["officer"], police, source_reference="P-0002", given_name="Jo", family_name="Rowe",
        date_of_birth="1990-01-01",
    )  # fmt: skip
    record_model()
    apply_run(
        scored(records["school"], records["police"], 20.0),
        scored(records["school"], records["gp"], 20.0),
        scored(records["school"], records["hospital"], 20.0),
    )
    households_derive(actor=None)  # the mother and the child share a home
    relationship_record(
        actor=dsl,
        scope=scope_for_user(user_id=dsl.pk),
        agency_id=school.id,
        raw={"kind": "school_enrolment", "person": "P-0001", "start": "2021-09-01"},
    )
    record_event(dsl, school, note("S-1", "P-0001", "Arrived hungry again; ate two breakfasts."))
    record_event(staff["officer"], police, domestic_abuse_raw("P-0001"))
    record_event(staff["gp"], gp, note("G-1", "P-0001", "Weight below the 2nd centile."))
    record_event(staff["nurse"], hospital, injury_raw("P-0001"))
    record_event(
        staff["officer"],
        police,
        note(
            "DA-ADULT-1",
            "P-0002",
            "Mother reported a new partner with convictions for violence.",
            kind="concern",
            subjects=[{"person": "P-0002", "role": "parent_or_carer"}],
            details={"categories": ["domestic_abuse"]},
        ),
    )
    return Pupil(
        school_record=records["school"],
        police_record=records["police"],
        gp_record=records["gp"],
        hospital_record=records["hospital"],
        mother_record=mother,
        agencies={"school": school, "police": police, "gp": gp, "hospital": hospital},
        staff=staff,
    )
