"""Dated relationships: who is responsible for a child, and how people are related."""

import pytest

from sightline.agencies.selectors import scope_for_user
from sightline.core.exceptions import InvalidInput
from sightline.records.models import RelationshipVersion
from sightline.records.services import recorded_person_create, relationship_record
from tests.records.factories import person_raw

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(dsl, dsl_scope, school):
    child = recorded_person_create(
        actor=dsl, scope=dsl_scope, agency_id=school.id, raw=person_raw()
    )
    mother = recorded_person_create(
        actor=dsl,
        scope=dsl_scope,
        agency_id=school.id,
        raw=person_raw(
            source_reference="P-0002",
            given_name="Magdalena",
            date_of_birth="1985-02-01",
            sex="F",
            identifiers={},
        ),
    )
    return child, mother


def test_a_school_enrolment_defaults_to_the_recording_school(dsl, dsl_scope, school, family):
    result = relationship_record(
        actor=dsl,
        scope=dsl_scope,
        agency_id=school.id,
        raw={"kind": "school_enrolment", "person": "P-0001", "start": "2012-09-03"},
    )
    version = RelationshipVersion.objects.get(relationship_id=result.record_id)
    assert version.counterpart_agency_id == school.id and version.end is None


def test_a_stated_relationship_links_two_of_the_agencys_records(dsl, dsl_scope, school, family):
    child, mother = family
    result = relationship_record(
        actor=dsl,
        scope=dsl_scope,
        agency_id=school.id,
        raw={
            "kind": "person_relationship",
            "person": "P-0001",
            "counterpart_person": "P-0002",
            "start": "2008-07-15",
            "details": {"relationship": "mother", "lives_with": True},
        },
    )
    version = RelationshipVersion.objects.get(relationship_id=result.record_id)
    assert (version.person_id, version.counterpart_person_id) == (child.record_id, mother.record_id)
    assert version.details == {
        "relationship": "mother",
        "lives_with": True,
        "parental_responsibility": None,
    }


def test_a_worker_allocation_names_a_practitioner(dsl, dsl_scope, school, family):
    result = relationship_record(
        actor=dsl,
        scope=dsl_scope,
        agency_id=school.id,
        raw={
            "kind": "worker_allocation",
            "person": "P-0001",
            "worker": dsl.username,
            "start": "2024-01-01",
        },
    )
    assert RelationshipVersion.objects.get(relationship_id=result.record_id).worker_id == dsl.pk


def test_unresolved_references_are_each_named(dsl, dsl_scope, school, family):
    with pytest.raises(InvalidInput) as caught:
        relationship_record(
            actor=dsl,
            scope=dsl_scope,
            agency_id=school.id,
            raw={
                "kind": "worker_allocation",
                "person": "P-9",
                "worker": "nobody",
                "counterpart_agency": "no-such-agency",
                "start": "2024-01-01",
            },
        )
    assert {p.field for p in caught.value.problems} == {"person", "worker", "counterpart_agency"}


def test_another_agencys_person_cannot_be_referenced(
    dsl, dsl_scope, school, police, make_practitioner
):
    officer = make_practitioner(police)
    recorded_person_create(
        actor=officer,
        scope=scope_for_user(user_id=officer.pk),
        agency_id=police.id,
        raw=person_raw(source_reference="POL-1"),
    )
    with pytest.raises(InvalidInput):
        relationship_record(
            actor=dsl,
            scope=dsl_scope,
            agency_id=school.id,
            raw={"kind": "school_enrolment", "person": "POL-1", "start": "2024-01-01"},
        )
