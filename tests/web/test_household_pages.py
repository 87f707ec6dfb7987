"""The household page: who lives with a person and what has happened, as the viewer may see it."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.households.services import households_derive
from tests.households.factories import ELM_ROAD, home, person

PARTNER = {"given_name": "Mark", "family_name": "Kowalski", "date_of_birth": "1984-11-05"}


def page(client, record):
    return client.get(reverse("web:person-household", args=[record]))


def test_the_person_page_links_to_their_household(dsl_client, dsl, school):
    child, _ = person(dsl, school, ELM_ROAD, date_of_birth="2016-04-02")
    html = dsl_client.get(reverse("web:person-detail", args=[child])).content.decode()
    assert reverse("web:person-household", args=[child]) in html


def test_the_household_page_shows_who_lives_there_and_who_joined_when(
    dsl_client, dsl, school, police_officer, police
):
    child, _ = person(dsl, school, ELM_ROAD, date_of_birth="2016-04-02")
    person(police_officer, police, home(start="2026-04-01"), **PARTNER)
    households_derive(actor=None)
    html = page(dsl_client, child).content.decode()
    assert "<title>Household" in html
    assert "Living there now" in html
    assert "Daniel Łuczak" in html and reverse("web:person-detail", args=[child]) in html
    assert "A person known to West Midlands Police" in html
    assert "Mark" not in html and "Kowalski" not in html
    assert "1 April 2026" in html and "Joined" in html
    assert "Lives at the same address as another member" in html
    viewed = AuditEntry.objects.filter(action=AuditAction.HOUSEHOLD_VIEWED)
    assert {e.recorded_person_id for e in viewed} == {child}


def test_a_person_in_no_household_is_told_so(dsl_client, dsl, school):
    alone, _ = person(dsl, school, ELM_ROAD)
    households_derive(actor=None)
    html = page(dsl_client, alone).content.decode()
    assert "not part of a household that Sightline knows of" in html


def test_another_agency_s_person_s_household_is_not_found_like_a_missing_one(
    client, police_officer, dsl, school
):
    child, _ = person(dsl, school, ELM_ROAD)
    households_derive(actor=None)
    client.force_login(police_officer)
    assert page(client, child).status_code == 404
    assert page(client, uuid.uuid4()).status_code == 404


def test_the_household_page_keeps_to_a_query_budget(dsl_client, dsl, school):
    child, _ = person(dsl, school, ELM_ROAD, date_of_birth="2016-04-02")
    person(dsl, school, ELM_ROAD, given_name="Magdalena", date_of_birth="1988-02-01")
    households_derive(actor=None)
    with CaptureQueriesContext(connection) as few:
        assert page(dsl_client, child).status_code == 200
    for number in range(6):
        person(dsl, school, ELM_ROAD, given_name=f"Ola{number}", date_of_birth="2012-01-01")
    households_derive(actor=None)
    with CaptureQueriesContext(connection) as many:
        assert page(dsl_client, child).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
