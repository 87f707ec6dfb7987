"""The records joined with a recorded person as one person, shown on the record's page, and the
pages that unlink a record from its person or split the person in two."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sightline.agencies.selectors import scope_for_user
from sightline.audit.models import AuditEntry
from sightline.identity.models import LinkDecision
from sightline.identity.selectors import person_id_for_recorded_person
from sightline.identity.services import link_decide
from tests.identity.factories import apply_run, record_model, record_person, scored
from tests.identity.test_runs import evidence

NOTHING_JOINED = "No other record you may see is joined with this one."
# The record and its events (tests/web/test_person_pages.py), then the joined records: their
# memberships, facts and how each joined, and the audited read, then whether the viewer may open
# the joined chronology (the child's records, the viewer's posts, the child's ties and any
# break-glass grant): the same for 1 or 11 records.
JOINED_PAGE_BUDGET = 36


def page(name, record):
    return reverse(f"web:{name}", args=[record])


def person_of(practitioner, record):
    scope = scope_for_user(user_id=practitioner.pk)
    return person_id_for_recorded_person(scope=scope, recorded_person_id=record)


@pytest.fixture
def mash(make_practitioner, police):
    return make_practitioner(police, role="mash", username="mash")


@pytest.fixture
def records(dsl, school, mash, police):
    """The school's Daniel and Daniela, the police's Danny, and a police record of Danuta
    marked confidential (a refuge)."""
    record_model()
    daniel = record_person(dsl, school, given_name="Daniel", family_name="Łuczak")
    daniela = record_person(
        dsl, school, given_name="Daniela", family_name="Łuczak", date_of_birth="2010-02-01"
    )
    danny = record_person(mash, police, given_name="Danny", family_name="Luczak")
    refuge = record_person(
        mash, police, given_name="Danuta", family_name="Hidden", confidentiality="confidential"
    )
    return daniel, daniela, danny, refuge


def test_the_record_page_lists_the_records_joined_with_it_and_how(dsl_client, dsl, records):
    daniel, daniela, danny, _ = records
    apply_run(scored(daniel, danny, 15.0), scored(daniel, daniela, 5.0))
    link_decide(
        actor=dsl,
        scope=scope_for_user(user_id=dsl.pk),
        evidence_id=evidence(daniel, daniela).id,
        verdict="confirmed",
        reason="Same NHS number",
    )
    html = dsl_client.get(page("person-detail", daniel)).content.decode()
    assert "Records joined as one person" in html
    assert (
        f'<a class="govuk-link" href="{page("person-detail", daniela)}">Daniela Łuczak</a>' in html
    )
    assert "Born 1 February 2010, Oak Primary School" in html
    assert "A record held by West Midlands Police" in html
    assert "Linked automatically by linkage run 1" in html
    assert f"Confirmed as the same person by {dsl}" in html
    assert "Danny" not in html and str(danny) not in html
    assert page("person-unlink", daniel) in html and page("person-split", daniel) in html
    viewed = AuditEntry.objects.filter(action="person.viewed", actor=dsl)
    assert {e.recorded_person_id for e in viewed} == {daniel, daniela}


def test_a_record_joined_with_no_other_says_so(dsl_client, records):
    daniel, *_ = records
    html = dsl_client.get(page("person-detail", daniel)).content.decode()
    assert NOTHING_JOINED in html
    assert page("person-unlink", daniel) not in html
    assert dsl_client.get(page("person-unlink", daniel)).status_code == 404
    assert dsl_client.get(page("person-split", daniel)).status_code == 404


def test_a_restricted_record_of_another_agency_is_never_shown_or_acted_on(
    client, dsl_client, mash, records
):
    """Joined only with a confidential police record, the school's record reads exactly as a
    record joined with none: no list, no pages, no decision."""
    daniel, _, _, refuge = records
    apply_run(scored(daniel, refuge, 15.0))
    assert person_of(mash, refuge) is not None
    html = dsl_client.get(page("person-detail", daniel)).content.decode()
    assert NOTHING_JOINED in html
    for secret in ("Danuta", "Hidden", "West Midlands Police", str(refuge)):
        assert secret not in html
    for name in ("person-unlink", "person-split"):
        assert dsl_client.get(page(name, daniel)).status_code == 404
        posted = dsl_client.post(page(name, daniel), {"reason": "Not him", "records": [daniel]})
        assert posted.status_code == 404
    assert not LinkDecision.objects.exists()
    client.force_login(mash)  # the police, who hold it, see what it is joined with
    html = client.get(page("person-detail", refuge)).content.decode()
    assert "A record held by Oak Primary School" in html and "Daniel" not in html


def test_a_restricted_record_is_left_out_of_a_person_s_list(dsl_client, records):
    daniel, daniela, _, refuge = records
    apply_run(scored(daniel, refuge, 15.0), scored(daniel, daniela, 15.0))
    html = dsl_client.get(page("person-detail", daniel)).content.decode()
    assert "Daniela Łuczak" in html
    assert "West Midlands Police" not in html and "Danuta" not in html
    split = dsl_client.get(page("person-split", daniel)).content.decode()
    assert str(daniela) in split and str(refuge) not in split
    unlink = dsl_client.get(page("person-unlink", daniel)).content.decode()
    assert "West Midlands Police" not in unlink


def test_unlinking_asks_for_a_reason_in_plain_words_then_unlinks(dsl_client, dsl, mash, records):
    daniel, daniela, danny, _ = records
    apply_run(scored(daniel, danny, 15.0), scored(daniel, daniela, 15.0))
    person = person_of(dsl, daniel)
    url = page("person-unlink", daniela)
    html = dsl_client.get(url).content.decode()
    assert "Daniela Łuczak's record will no longer be treated as the same person as:" in html
    assert "Daniel Łuczak's record at Oak Primary School" in html
    assert "a record held by West Midlands Police" in html and "Danny" not in html
    response = dsl_client.post(url, {"reason": "A cousin, not Daniel"})
    assert response.status_code == 302
    assert response["Location"] == page("person-detail", daniela)
    html = dsl_client.get(response["Location"]).content.decode()
    assert "Record unlinked" in html and NOTHING_JOINED in html
    assert person_of(dsl, daniela) is None
    assert person_of(dsl, daniel) == person_of(mash, danny) == person
    rejected = LinkDecision.objects.filter(verdict="rejected", occasion="unlink")
    assert {(d.reason, d.decided_by) for d in rejected} == {("A cousin, not Daniel", dsl)}
    assert rejected.count() == 2  # Daniela and each record she was joined with
    unlinked = AuditEntry.objects.get(action="person.unlinked")
    assert (unlinked.actor, unlinked.recorded_person_id) == (dsl, daniela)
    moved = AuditEntry.objects.filter(action="person.membership_changed", actor=dsl)
    assert daniela in {e.recorded_person_id for e in moved}


def test_unlinking_without_a_reason_shows_the_error_summary(dsl_client, dsl, records):
    daniel, daniela, *_ = records
    apply_run(scored(daniel, daniela, 15.0))
    html = dsl_client.post(page("person-unlink", daniel), {"reason": "  "}).content.decode()
    assert "<title>Error: Unlink this record" in html
    assert '<a href="#id_reason">Enter the reason for your decision</a>' in html
    assert not LinkDecision.objects.exists()
    assert person_of(dsl, daniel) == person_of(dsl, daniela) is not None


def test_splitting_moves_the_chosen_records_to_a_new_person(dsl_client, dsl, mash, school, records):
    daniel, daniela, danny, _ = records
    cousin = record_person(dsl, school, given_name="Dana", family_name="Łuczak")
    apply_run(
        scored(daniel, daniela, 15.0), scored(daniela, cousin, 14.0), scored(cousin, danny, 13.0)
    )
    person = person_of(dsl, daniel)
    url = page("person-split", daniel)
    html = dsl_client.get(url).content.decode()
    assert "Daniel Łuczak, born 15 July 2008, Oak Primary School (this record)" in html
    assert "A record held by West Midlands Police" in html
    response = dsl_client.post(url, {"records": [cousin, danny], "reason": "Another family"})
    assert response.status_code == 302
    assert response["Location"] == page("person-detail", daniel)
    html = dsl_client.get(response["Location"]).content.decode()
    assert "Person split: 2 records moved to a new person" in html
    assert "Daniela Łuczak" in html and "Dana" not in html
    assert person_of(dsl, daniel) == person_of(dsl, daniela) == person
    assert person_of(dsl, cousin) == person_of(mash, danny) not in (None, person)
    split = AuditEntry.objects.get(action="person.split")
    assert split.actor == dsl and split.payload["moved_ids"] == sorted([str(cousin), str(danny)])
    assert LinkDecision.objects.filter(occasion="split", reason="Another family").count() == 4


def test_a_split_needs_records_and_a_reason(dsl_client, dsl, records):
    daniel, daniela, *_ = records
    apply_run(scored(daniel, daniela, 15.0))
    html = dsl_client.post(page("person-split", daniel), {"reason": ""}).content.decode()
    assert "<title>Error: Split this person in two" in html
    assert '<a href="#id_records_0">Select the records that should become a new person</a>' in html
    assert '<a href="#id_reason">Enter the reason for your decision</a>' in html
    assert not LinkDecision.objects.exists()


def test_a_split_may_not_take_every_record_shown_even_if_a_hidden_one_would_stay(
    dsl_client, dsl, records
):
    daniel, daniela, _, refuge = records
    apply_run(scored(daniel, daniela, 15.0), scored(daniela, refuge, 15.0))
    posted = {"records": [daniel, daniela], "reason": "Two children"}
    html = dsl_client.post(page("person-split", daniel), posted).content.decode()
    assert (
        '<a href="#id_records_0">Choose some, but not all, of this person&#x27;s records'
        " to move to a new person</a>" in html
    )
    assert not LinkDecision.objects.exists()


def test_practitioners_without_a_deciding_role_cannot_unlink_or_split(
    client, make_practitioner, school, dsl, records
):
    daniel, daniela, *_ = records
    apply_run(scored(daniel, daniela, 15.0))
    client.force_login(make_practitioner(school, role="practitioner"))
    html = client.get(page("person-detail", daniel)).content.decode()
    assert "Records joined as one person" not in html and "Daniela" not in html
    for name in ("person-unlink", "person-split"):
        assert client.get(page(name, daniel)).status_code == 403
        posted = client.post(page(name, daniel), {"reason": "x", "records": [daniela]})
        assert posted.status_code == 403
    assert not LinkDecision.objects.exists()
    assert person_of(dsl, daniel) == person_of(dsl, daniela) is not None


def test_a_deciding_practitioner_of_another_agency_gets_not_found(dsl, mash, records):
    daniel, _, danny, _ = records
    apply_run(scored(daniel, danny, 15.0))
    police = Client()
    police.force_login(mash)
    for name in ("person-unlink", "person-split"):
        assert police.get(page(name, daniel)).status_code == 404
        assert police.post(page(name, daniel), {"reason": "x"}).status_code == 404
    assert not LinkDecision.objects.exists()


def joined_page_queries(client, record) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page("person-detail", record)).status_code == 200
    return len(queries)


def test_the_record_page_keeps_to_its_query_budget_however_many_are_joined(
    dsl_client, dsl, school, records
):
    daniel, daniela, danny, _ = records
    apply_run(scored(daniel, daniela, 15.0))
    one = joined_page_queries(dsl_client, daniel)
    more = [record_person(dsl, school, given_name=f"Child {n}") for n in range(10)]
    apply_run(scored(daniel, danny, 15.0), *(scored(daniel, other, 15.0) for other in more))
    assert "Child 9" in dsl_client.get(page("person-detail", daniel)).content.decode()
    assert joined_page_queries(dsl_client, daniel) == one <= JOINED_PAGE_BUDGET
