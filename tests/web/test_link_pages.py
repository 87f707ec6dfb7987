"""The link review queue and a pair's page: side by side, explained, decided with a reason."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sightline.audit.models import AuditEntry
from sightline.identity.models import LinkDecision, PairEvidence
from tests.identity.factories import apply_run, record_model, record_person, scored

QUEUE = reverse("web:link-queue")
# Session, user, memberships, the queue, the facts of its records and the audited read in its
# savepoint: the same for 1 or 20 pairs.
QUEUE_BUDGET = 11


def pair_url(left, right):
    row = PairEvidence.objects.get(left_id=min(left, right), right_id=max(left, right))
    return reverse("web:link-pair", args=[row.id])


@pytest.fixture
def mash(make_practitioner, police):
    return make_practitioner(police, role="mash", username="mash")


@pytest.fixture
def records(dsl, school, mash, police):
    """The school's Daniel and Daniela, and the police's Danny."""
    record_model()
    daniel = record_person(dsl, school, given_name="Daniel", family_name="Łuczak")
    daniela = record_person(
        dsl, school, given_name="Daniela", family_name="Łuczak", date_of_birth="2010-02-01"
    )
    danny = record_person(
        mash,
        police,
        given_name="Danny",
        family_name="Luczak",
        addresses=[{"line1": "3 Hidden Row", "postcode": "CV3 3AB"}],
    )
    return daniel, daniela, danny


def test_the_queue_lists_waiting_pairs_strongest_first(dsl_client, records):
    daniel, daniela, danny = records
    apply_run(scored(daniel, daniela, 4.0), scored(daniel, danny, 8.0))
    html = dsl_client.get(QUEUE).content.decode()
    assert "2 pairs waiting" in html
    assert html.index(pair_url(daniel, danny)) < html.index(pair_url(daniel, daniela))
    assert "A record held by West Midlands Police" in html
    # Each row starts with the viewer's own record, whichever way round the pair is stored.
    assert html.index("Daniel Łuczak") < html.index("A record held by West Midlands Police")
    assert "Daniela Łuczak" in html and "Born 1 February 2010" in html
    assert "Danny" not in html


def test_the_queue_is_audited_for_each_record_shown(dsl_client, records):
    daniel, daniela, danny = records
    apply_run(scored(daniel, danny, 8.0))
    dsl_client.get(QUEUE)
    viewed = AuditEntry.objects.filter(action="link.queue_viewed")
    assert [e.recorded_person_id for e in viewed] == [daniel]


def queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(QUEUE).status_code == 200
    return len(queries)


def test_the_queue_page_keeps_to_its_query_budget(dsl_client, dsl, school, records):
    daniel, *_ = records
    many = [record_person(dsl, school, given_name=f"Child {n}") for n in range(20)]
    apply_run(scored(daniel, many[0], 5.0))
    one = queue_queries(dsl_client)
    apply_run(*(scored(daniel, other, 5.0 + n / 10) for n, other in enumerate(many[1:])))
    twenty = queue_queries(dsl_client)
    assert "20 pairs waiting" in dsl_client.get(QUEUE).content.decode()
    assert one == twenty <= QUEUE_BUDGET


def test_the_pair_page_explains_the_match_field_by_field(dsl_client, records):
    daniel, daniela, _ = records
    apply_run(scored(daniel, daniela, 6.0))
    html = dsl_client.get(pair_url(daniel, daniela)).content.decode()
    assert "<title>Are these records about the same person?" in html
    assert html.count("govuk-summary-list__row") >= 8  # two records side by side
    assert "Daniela Łuczak" in html and "Daniel Łuczak" in html
    assert "<svg" in html and 'role="img"' in html  # the waterfall, and its table
    for text in (
        "Starting point",
        "−8.0",
        "Given name",
        "nickname of",
        "+2.0",
        "+7.5",
        "Postcode",
        "−1.5",
        "Match weight",
        "6.0",
        "Review (2.0)",
        "Link automatically (10.0)",
    ):
        assert text in html, text
    viewed = AuditEntry.objects.filter(action="link.pair_viewed")
    assert {e.recorded_person_id for e in viewed} == {daniel, daniela}


def test_another_agency_s_record_is_named_but_never_shown(dsl_client, records):
    daniel, _, danny = records
    apply_run(scored(daniel, danny, 6.0))
    html = dsl_client.get(pair_url(daniel, danny)).content.decode()
    assert "This record is held by West Midlands Police" in html
    assert "contact the safeguarding lead at West Midlands Police" in html
    for secret in ("Danny", "Hidden Row", "CV3 3AB", str(danny)):
        assert secret not in html
    assert "Not shown" in html


def test_a_confidential_record_of_another_agency_is_not_even_mentioned(
    client, mash, dsl, dsl_client, school, police, records
):
    daniel, *_ = records
    refuge = record_person(mash, police, given_name="Danuta", confidentiality="confidential")
    apply_run(scored(daniel, refuge, 8.0))
    assert "There are no pairs waiting" in dsl_client.get(QUEUE).content.decode()
    response = dsl_client.get(pair_url(daniel, refuge))
    assert response.status_code == 404
    assert "Danuta" not in response.content.decode()
    client.force_login(mash)  # the police, who hold it, review it
    html = client.get(pair_url(daniel, refuge)).content.decode()
    assert "Danuta" in html and "Daniel" not in html


def test_confirming_with_a_reason_links_and_returns_to_the_queue(dsl_client, dsl, records):
    daniel, daniela, _ = records
    apply_run(scored(daniel, daniela, 6.0))
    url = pair_url(daniel, daniela)
    response = dsl_client.post(url, {"verdict": "confirmed", "reason": "Same NHS number"})
    assert response.status_code == 302 and response["Location"] == QUEUE
    decision = LinkDecision.objects.get()
    assert (decision.verdict, decision.reason, decision.decided_by) == (
        "confirmed",
        "Same NHS number",
        dsl,
    )
    html = dsl_client.get(QUEUE).content.decode()
    assert "Link confirmed: the records are now one person" in html
    assert "There are no pairs waiting" in html
    page = dsl_client.get(url).content.decode()
    assert "These records are part of the same person now." in page
    assert "Same NHS number" in page and "Change the decision" in page


def test_a_decision_without_an_answer_or_reason_shows_the_error_summary(dsl_client, records):
    daniel, daniela, _ = records
    apply_run(scored(daniel, daniela, 6.0))
    html = dsl_client.post(pair_url(daniel, daniela), {"reason": "  "}).content.decode()
    assert "<title>Error: Are these records about the same person?" in html
    assert (
        '<a href="#id_verdict_0">Select whether these records are about the same person</a>' in html
    )
    assert '<a href="#id_reason">Enter the reason for your decision</a>' in html
    assert not LinkDecision.objects.exists()


def test_a_refused_decision_is_shown_in_the_error_summary(
    mash, dsl_client, dsl, school, police, records
):
    daniel, _, danny = records
    other = record_person(mash, police, given_name="Dan")
    apply_run(scored(danny, other, 5.0), scored(daniel, danny, 15.0), scored(daniel, other, 5.0))
    police_client = Client()
    police_client.force_login(mash)
    police_client.post(pair_url(danny, other), {"verdict": "rejected", "reason": "Brothers"})
    html = dsl_client.post(
        pair_url(daniel, other), {"verdict": "confirmed", "reason": "Looks the same"}
    ).content.decode()
    assert "There is a problem" in html and "Another agency has decided" in html
    assert LinkDecision.objects.count() == 1


def test_a_reviewer_from_an_unrelated_agency_gets_not_found(
    client, make_agency, make_practitioner, records
):
    daniel, _, danny = records
    apply_run(scored(daniel, danny, 6.0))
    gp = make_agency("gp")
    client.force_login(make_practitioner(gp, role="dsl"))
    url = pair_url(daniel, danny)
    assert client.get(url).status_code == 404
    assert client.post(url, {"verdict": "confirmed", "reason": "x"}).status_code == 404
    assert not LinkDecision.objects.exists()


def test_practitioners_without_a_deciding_role_cannot_use_the_queue(
    client, make_practitioner, school
):
    client.force_login(make_practitioner(school, role="practitioner"))
    assert client.get(QUEUE).status_code == 403
