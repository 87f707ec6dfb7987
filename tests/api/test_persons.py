"""Recording, finding and opening an agency's records of people through the API."""

import uuid

import pytest

from sightline.audit.selectors import audit_list_for_recorded_person
from sightline.core.exceptions import InvalidInput
from sightline.records.services.validation import person_parse
from tests.records.factories import person_raw

pytestmark = pytest.mark.django_db


def test_create_returns_201_with_the_record_when_new(school_api, school):
    response = school_api.post(f"/agencies/{school.code}/persons", person_raw())

    assert response.status_code == 201
    person = response.json()
    assert (person["given_name"], person["family_name"]) == ("Daniel", "Łuczak")
    assert person["agency_name"] == "Oak Primary School"
    assert person["version"] == 1
    assert {"scheme": "nhs_number", "value": "9434765919"} in person["identifiers"]
    assert person["addresses"][0]["postcode"] == "CV1 1AA"


def test_create_returns_the_same_record_with_200_when_sent_again_unchanged(school_api, school):
    first = school_api.post(f"/agencies/{school.code}/persons", person_raw()).json()

    again = school_api.post(f"/agencies/{school.code}/persons", person_raw())

    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert again.json()["version"] == 1


def test_create_is_409_when_the_reference_is_reused_with_different_content(school_api, school):
    school_api.post(f"/agencies/{school.code}/persons", person_raw())

    response = school_api.post(f"/agencies/{school.code}/persons", person_raw(given_name="Dan"))

    assert response.status_code == 409
    assert response.json()["type"] == "urn:sightline:problem:conflict"


def test_create_is_422_listing_every_field_when_input_is_invalid(school_api, school):
    raw = person_raw(
        family_name="",
        date_of_birth="2008-13-01",
        addresses=[{"line1": "12 Elm Road", "postcode": "ZZ"}],
    )

    response = school_api.post(f"/agencies/{school.code}/persons", raw)

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    fields = [e["field"] for e in response.json()["errors"]]
    assert fields == ["family_name", "date_of_birth", "addresses.0.postcode"]


def test_problems_are_the_ones_forms_and_imports_report_for_the_same_input(school_api, school):
    raw = person_raw(family_name="", identifiers={"nhs_number": "1234567890"}, sex=7)
    with pytest.raises(InvalidInput) as shared:
        person_parse(raw)

    response = school_api.post(f"/agencies/{school.code}/persons", raw)

    expected = [{"field": p.field, "message": p.message} for p in shared.value.problems]
    assert len(expected) >= 2
    assert response.json()["errors"] == expected


def test_search_finds_your_agency_s_records_by_name(school_api, school, child):
    response = school_api.get(f"/agencies/{school.code}/persons", q="luczak daniel")

    assert response.status_code == 200
    page = response.json()
    assert page["count"] == 1
    assert [p["id"] for p in page["items"]] == [child["id"]]


def test_search_is_audited_for_each_person_found(school_api, school, child):
    school_api.get(f"/agencies/{school.code}/persons", q="Łuczak")

    actions = [e.action for e in audit_list_for_recorded_person(recorded_person_id=child["id"])]
    assert "recorded_person.searched" in actions


def test_search_is_422_when_the_query_is_empty(school_api, school):
    response = school_api.get(f"/agencies/{school.code}/persons", q="")

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["q"]


def test_open_returns_the_record_and_audits_the_read(school_api, child):
    response = school_api.get(f"/persons/{child['id']}")

    assert response.status_code == 200
    assert response.json() == child
    actions = [e.action for e in audit_list_for_recorded_person(recorded_person_id=child["id"])]
    assert actions[0] == "recorded_person.viewed"


def test_another_agency_s_person_is_404_exactly_like_a_missing_one(police_api, child):
    forbidden = police_api.get(f"/persons/{child['id']}")
    missing = police_api.get(f"/persons/{uuid.uuid4()}")

    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content


def test_another_agency_s_search_does_not_find_your_records(police_api, police, child):
    response = police_api.get(f"/agencies/{police.code}/persons", q="Łuczak")

    assert response.json() == {"items": [], "count": 0}


def test_another_agency_s_code_is_404_exactly_like_an_unknown_code(police_api, school):
    others = police_api.post(f"/agencies/{school.code}/persons", person_raw())
    unknown = police_api.post("/agencies/no-such-agency/persons", person_raw())

    assert others.status_code == unknown.status_code == 404
    assert others.content == unknown.content
