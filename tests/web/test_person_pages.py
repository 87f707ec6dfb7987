"""Finding, recording and viewing a person in your own agency's records."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sightline.agencies.services import membership_create
from sightline.audit.data import AuditAction
from sightline.audit.selectors import audit_list_for_recorded_person
from sightline.records.selectors import recorded_person_list
from sightline.records.services import event_record, recorded_person_create
from tests.records.factories import injury_raw, person_raw
from tests.web.posts import person_post

FIND = reverse("web:person-find")
# Session, user, memberships, then the audited read in its savepoint: the same for 1 or 50 rows.
FIND_BUDGET = 12
# The record, its events and, for a practitioner who decides links, the records joined with
# it; and whether the viewer may open the child's joined chronology.
PERSON_BUDGET = 31


def find_id(scope, reference):
    return next(p.id for p in recorded_person_list(scope=scope, query=reference))


def test_find_matches_names_without_accents_and_audits_the_search(dsl_client, dsl, child):
    html = dsl_client.get(FIND, {"q": "daniel LUCZAK"}).content.decode()
    assert "1 person found" in html
    assert reverse("web:person-detail", args=[child]) in html
    assert "15 July 2008" in html
    entries = audit_list_for_recorded_person(recorded_person_id=str(child))
    assert AuditAction.RECORDED_PERSON_SEARCHED in [e.action for e in entries]


def test_find_by_nhs_number_with_spaces(dsl_client, child):
    html = dsl_client.get(FIND, {"q": "943 476 5919"}).content.decode()
    assert reverse("web:person-detail", args=[child]) in html


def test_find_submitted_empty_shows_the_error_summary(dsl_client):
    html = dsl_client.get(FIND, {"q": ""}).content.decode()
    assert "<title>Error: Find a person" in html
    assert '<a href="#id_q">Enter a name, NHS number, UPN or reference</a>' in html


def test_find_never_shows_another_agency_s_people(client, police_officer, child):
    client.force_login(police_officer)
    html = client.get(FIND, {"q": "Luczak"}).content.decode()
    assert "0 people found" in html
    assert str(child) not in html


def test_the_person_page_shows_what_the_agency_recorded(dsl, dsl_scope, school, dsl_client):
    raw = person_raw(
        date_of_birth="2019-05",
        addresses=[
            {"line1": "12 Elm Road", "postcode": "CV1 1AA", "start": "2020-01-01"},
            {"line1": "Refuge", "postcode": "CV2 2BB", "confidentiality": "confidential"},
        ],
        other_names=[{"given_name": "Danny", "family_name": "Luczak", "kind": "alias"}],
    )
    person = recorded_person_create(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=raw)
    event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=injury_raw())
    html = dsl_client.get(reverse("web:person-detail", args=[person.record_id])).content.decode()
    assert "May 2019 (month only)" in html
    assert "943 476 5919" in html and "B801200005001" in html
    assert "Danny Luczak (alias)" in html
    assert "Confidential address</strong><br>" in html and "Refuge, CV2 2BB" in html
    assert "From 1 January 2020" in html
    assert "Injury</a>" in html and "4 March 2024 at 9:10am" in html
    assert reverse("web:event-choose", args=[person.record_id]) in html
    actions = [
        e.action for e in audit_list_for_recorded_person(recorded_person_id=str(person.record_id))
    ]
    assert AuditAction.RECORDED_PERSON_VIEWED in actions and AuditAction.EVENT_LISTED in actions


def test_another_agency_s_person_is_not_found_like_a_missing_one(client, police_officer, child):
    client.force_login(police_officer)
    assert client.get(reverse("web:person-detail", args=[child])).status_code == 404
    assert client.get(reverse("web:person-detail", args=[uuid.uuid4()])).status_code == 404


def test_recording_a_person(dsl_client, school):
    response = dsl_client.post(
        reverse("web:person-create"), person_post(agency=str(school.id)), follow=True
    )
    html = response.content.decode()
    assert "Zofia Krężołek" in html
    assert "May 2019 (month only)" in html
    assert "Confidential address" in html and "CV1 2AB" in html
    assert "943 476 5919" in html


def test_recording_a_person_submitted_empty(dsl_client, school):
    html = dsl_client.post(
        reverse("web:person-create"), {"agency": str(school.id)}
    ).content.decode()
    assert "<title>Error: Record a person" in html
    assert '<a href="#id_family_name">Enter the family name</a>' in html


def test_a_wrong_nhs_number_is_shown_against_its_field(dsl_client, school):
    post = person_post(agency=str(school.id), nhs_number="943 476 5918", postcode="nonsense")
    html = dsl_client.post(reverse("web:person-create"), post).content.decode()
    assert '<a href="#id_nhs_number">' in html and "check digit" in html
    assert '<a href="#id_postcode">' in html


def test_a_practitioner_in_two_agencies_chooses_which_records(make_agency, dsl_client, dsl, school):
    nursery = make_agency("school", code="nursery", name="Little Acorns Nursery")
    membership_create(actor=None, user=dsl, agency=nursery, role="dsl")
    html = dsl_client.get(reverse("web:person-create")).content.decode()
    assert "Which of your agencies is recording this person?" in html
    assert "Little Acorns Nursery" in html and "Oak Primary School" in html


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured.captured_queries)


def test_find_and_person_pages_keep_to_a_query_budget(dsl, dsl_scope, school, dsl_client):
    def people(start, stop):
        for number in range(start, stop):
            raw = person_raw(
                source_reference=f"B-{number}", identifiers={}, given_name=f"Ola{number}"
            )
            recorded_person_create(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=raw)

    def events(start, stop):
        for number in range(start, stop):
            raw = injury_raw(child_reference="B-0", source_reference=f"INJ-{number}")
            event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=raw)

    people(0, 2)
    few = _queries(dsl_client, FIND, {"q": "Luczak"})
    people(2, 30)
    assert _queries(dsl_client, FIND, {"q": "Luczak"}) == few <= FIND_BUDGET

    person = reverse("web:person-detail", args=[find_id(dsl_scope, "B-0")])
    events(0, 1)
    one = _queries(dsl_client, person)
    events(1, 25)
    assert _queries(dsl_client, person) == one <= PERSON_BUDGET
