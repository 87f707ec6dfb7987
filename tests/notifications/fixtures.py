"""A small town for the notification tests (and their web, API and browser tests): a police
force, two schools, the health visiting and school nursing services, children's social care and
a hospital, with their practitioners; and Daniel, whose records at the police, his school and
the school nurses are linked as one person, enrolled at the school and on the school nurses'
caseload."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.identity.factories import record_person
from tests.notifications.factories import link, relate


@dataclass
class Town:
    police: Any
    school: Any
    other_school: Any
    nursing: Any
    visiting: Any
    social_care: Any
    hospital: Any
    officer: Any
    dsl: Any
    other_dsl: Any
    teacher: Any
    school_manager: Any
    school_senior_manager: Any
    nurse: Any
    visitor: Any
    social_worker: Any
    care_manager: Any
    hospital_nurse: Any
    police_child: Any
    school_child: Any
    nursing_child: Any


@pytest.fixture
def town(make_agency, make_practitioner, police, school, dsl) -> Town:
    other_school = make_agency("school", code="elm-primary", name="Elm Primary School")
    nursing = make_agency("school_nursing", code="school-nurses", name="School Nursing")
    visiting = make_agency("health_visiting", code="health-visitors", name="Health Visiting")
    social_care = make_agency("childrens_social_care", code="csc", name="Children's Services")
    hospital = make_agency("hospital", code="hospital", name="City Hospital")
    people = {
        "officer": (police, "practitioner"),
        "other_dsl": (other_school, "dsl"),
        "teacher": (school, "practitioner"),
        "school_manager": (school, "manager"),
        "school_senior_manager": (school, "senior_manager"),
        "nurse": (nursing, "practitioner"),
        "visitor": (visiting, "practitioner"),
        "social_worker": (social_care, "practitioner"),
        "care_manager": (social_care, "manager"),
        "hospital_nurse": (hospital, "practitioner"),
    }
    made = {
        name: make_practitioner(agency, role=role, username=name)
        for name, (agency, role) in people.items()
    }
    police_child = record_person(made["officer"], police, source_reference="POL-1")
    school_child = record_person(dsl, school, source_reference="SCH-1")
    nursing_child = record_person(made["nurse"], nursing, source_reference="SN-1")
    link(police_child, school_child, nursing_child)
    relate(dsl, school, "school_enrolment", "SCH-1")
    relate(made["nurse"], nursing, "school_nursing_caseload", "SN-1")
    return Town(
        police=police,
        school=school,
        other_school=other_school,
        nursing=nursing,
        visiting=visiting,
        social_care=social_care,
        hospital=hospital,
        dsl=dsl,
        police_child=police_child,
        school_child=school_child,
        nursing_child=nursing_child,
        **made,
    )
