"""Recording, listing, opening and amending events through the API."""

import uuid

import pytest

from sightline.audit.selectors import audit_list_for_recorded_person
from sightline.core.exceptions import InvalidInput
from sightline.records.services.validation import event_parse
from tests.api.conftest import injury_for
from tests.records.factories import domestic_abuse_raw, person_raw

pytestmark = pytest.mark.django_db

MARKS = [
    {"region": "F-CHEEK-L", "mark_type": "bruise", "size_mm": 25, "description": "blue"},
    {"region": "B-BUTTOCK-R", "mark_type": "bruise", "size_mm": None, "description": ""},
]


def _with_marks(body, marks):
    return {**body, "details": {**body["details"], "marks": marks}}


def test_record_returns_201_with_the_event_as_stored(injury, child):
    assert injury["kind"] == "injury"
    assert injury["current"]["number"] == 1
    assert injury["current"]["subjects"] == [
        {"recorded_person_id": child["id"], "role": "child_subject", "name": "Daniel Łuczak"}
    ]
    assert injury["current"]["child_seen"] == {"answer": "yes", "code": ""}
    assert injury["versions"] == [injury["current"]]


def test_body_map_marks_round_trip_in_details(school_api, school, child):
    body = _with_marks(injury_for(child["id"], source_reference="INJ-2"), MARKS)

    created = school_api.post(f"/agencies/{school.code}/events", body).json()
    opened = school_api.get(f"/events/{created['id']}").json()

    assert opened["current"]["details"]["marks"] == MARKS


def test_record_is_422_with_field_paths_when_input_is_invalid(school_api, school, child):
    body = _with_marks(injury_for(child["id"]), [{"region": "F-TAIL", "mark_type": "bruise"}])
    body["child_seen"] = "maybe"
    del body["summary"]

    response = school_api.post(f"/agencies/{school.code}/events", body)

    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert fields == ["summary", "child_seen.answer", "details.marks.0.region"]


def test_problems_are_the_ones_forms_and_imports_report_for_the_same_input(
    school_api, school, child
):
    body = injury_for(child["id"], child_voice="yes", child_words="", interpreter="yes")
    with pytest.raises(InvalidInput) as shared:
        event_parse(body)

    response = school_api.post(f"/agencies/{school.code}/events", body)

    expected = [{"field": p.field, "message": p.message} for p in shared.value.problems]
    assert expected
    assert response.json()["errors"] == expected


def test_record_is_422_when_a_subject_is_not_your_agency_s_person(
    school_api, police_api, school, police
):
    theirs = police_api.post(f"/agencies/{police.code}/persons", person_raw()).json()

    response = school_api.post(f"/agencies/{school.code}/events", injury_for(theirs["id"]))

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["subjects.0"]


def test_list_pages_through_the_person_s_events_newest_first(school_api, school, child, injury):
    da = domestic_abuse_raw(subjects=[{"recorded_person_id": child["id"], "role": "child_subject"}])
    school_api.post(f"/agencies/{school.code}/events", da)

    first = school_api.get(f"/agencies/{school.code}/events", person=child["id"], limit=1)
    second = school_api.get(
        f"/agencies/{school.code}/events", person=child["id"], limit=1, offset=1
    )

    assert first.status_code == 200
    assert first.json()["count"] == 2
    assert [e["kind"] for e in first.json()["items"] + second.json()["items"]] == [
        "injury",
        "domestic_abuse_incident",
    ]


def test_list_filters_by_kind(school_api, school, child, injury):
    da = domestic_abuse_raw(subjects=[{"recorded_person_id": child["id"], "role": "child_subject"}])
    school_api.post(f"/agencies/{school.code}/events", da)

    page = school_api.get(
        f"/agencies/{school.code}/events", person=child["id"], kind="domestic_abuse_incident"
    ).json()

    assert [e["kind"] for e in page["items"]] == ["domestic_abuse_incident"]


def test_list_is_audited_as_a_read_of_the_person(school_api, school, child, injury):
    school_api.get(f"/agencies/{school.code}/events", person=child["id"])

    actions = [e.action for e in audit_list_for_recorded_person(recorded_person_id=child["id"])]
    assert actions[0] == "event.listed"


def test_list_is_422_when_no_person_is_given(school_api, school, injury):
    response = school_api.get(f"/agencies/{school.code}/events")

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["person"]


def test_amend_adds_a_version_and_the_history_shows_both(school_api, injury, child):
    amended = {
        **injury_for(child["id"], summary="Bruising to the left cheek, about 3 cm across."),
        "reason": "Size measured by the school nurse.",
    }

    response = school_api.post(f"/events/{injury['id']}/amendments", amended)
    history = school_api.get(f"/events/{injury['id']}").json()

    assert response.status_code == 201
    assert [v["number"] for v in history["versions"]] == [2, 1]
    newest, original = history["versions"]
    assert newest["reason"] == "Size measured by the school nurse."
    assert newest["summary"] == "Bruising to the left cheek, about 3 cm across."
    assert original["summary"] == injury["current"]["summary"]
    assert history["current"] == newest


def test_amend_with_unchanged_content_is_200_and_adds_no_version(school_api, injury, child):
    same = {**injury_for(child["id"]), "reason": "Checked; nothing to change."}

    response = school_api.post(f"/events/{injury['id']}/amendments", same)

    assert response.status_code == 200
    assert len(response.json()["versions"]) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [({"reason": "   "}, "reason"), ({"reason": "Wrong kind.", "kind": "concern"}, "kind")],
    ids=["blank reason", "kind changed"],
)
def test_amend_is_422_when_reason_is_blank_or_kind_changes(
    school_api, injury, child, change, field
):
    body = {**injury_for(child["id"], summary="Changed."), **change}
    if change.get("kind") == "concern":
        body["details"] = {"categories": ["physical"]}

    response = school_api.post(f"/events/{injury['id']}/amendments", body)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_another_agency_s_event_is_404_exactly_like_a_missing_one(police_api, injury, child):
    forbidden = police_api.get(f"/events/{injury['id']}")
    missing = police_api.get(f"/events/{uuid.uuid4()}")

    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content


def test_another_agency_cannot_amend_your_event(police_api, school_api, injury, child):
    body = {**injury_for(child["id"], summary="Overwritten."), "reason": "Not mine to change."}

    response = police_api.post(f"/events/{injury['id']}/amendments", body)

    assert response.status_code == 404
    assert len(school_api.get(f"/events/{injury['id']}").json()["versions"]) == 1


def test_another_agency_s_person_lists_as_404(police_api, police, child, injury):
    response = police_api.get(f"/agencies/{police.code}/events", person=child["id"])

    assert response.status_code == 404


def test_open_is_audited_for_the_child(school_api, injury, child):
    school_api.get(f"/events/{injury['id']}")

    actions = [e.action for e in audit_list_for_recorded_person(recorded_person_id=child["id"])]
    assert actions[0] == "event.viewed"


def test_unreadable_json_is_a_400_problem(school_api, school):
    response = school_api.post(f"/agencies/{school.code}/events", "{not json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
