"""Signing in and out, who may use which page, and the agency home page."""

import pytest
from django.urls import reverse

from sightline.agencies.selectors import scope_for_user
from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.records.services import event_record, recorded_person_create
from tests.conftest import PASSWORD
from tests.records.factories import injury_raw, person_raw

SIGN_IN = reverse("web:sign-in")


def test_signing_in_goes_home_and_is_audited(client, dsl):
    response = client.post(SIGN_IN, {"username": "dsl", "password": PASSWORD})
    assert response.headers["Location"] == reverse("web:home")
    signed_in = AuditEntry.objects.filter(action=AuditAction.SIGNED_IN, actor=dsl)
    assert signed_in.count() == 1


def test_a_wrong_password_is_shown_in_the_error_summary(client, dsl):
    html = client.post(SIGN_IN, {"username": "dsl", "password": "wrong"}).content.decode()
    assert "<title>Error: Sign in" in html
    assert '<a href="#id_username">Enter a correct username and password.' in html
    assert not AuditEntry.objects.filter(action=AuditAction.SIGNED_IN).exists()


def test_sign_in_submitted_empty_names_each_field(client, db):
    html = client.post(SIGN_IN, {}).content.decode()
    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html


def test_signing_out_needs_a_post(dsl_client):
    assert dsl_client.get(reverse("web:sign-out")).status_code == 405
    html = dsl_client.post(reverse("web:sign-out")).content.decode()
    assert "You have signed out" in html
    assert dsl_client.get(reverse("web:home")).status_code == 302


@pytest.mark.parametrize(
    "name, args",
    [
        ("home", []),
        ("person-find", []),
        ("person-create", []),
        ("person-detail", ["00000000-0000-0000-0000-000000000001"]),
        ("event-choose", ["00000000-0000-0000-0000-000000000001"]),
        ("event-create", ["00000000-0000-0000-0000-000000000001", "injury"]),
        ("event-detail", ["00000000-0000-0000-0000-000000000001"]),
        ("event-version", ["00000000-0000-0000-0000-000000000001", 1]),
        ("event-amend", ["00000000-0000-0000-0000-000000000001"]),
    ],
)
def test_every_practitioner_page_needs_sign_in(client, db, name, args):
    url = reverse(f"web:{name}", args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{SIGN_IN}?next={url}"


def test_someone_with_no_agency_is_refused(client, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", password=PASSWORD)
    client.force_login(outsider)
    response = client.get(reverse("web:home"))
    assert response.status_code == 403
    assert "You cannot use this page" in response.content.decode()


def test_an_analyst_sees_home_but_not_case_records(client, make_practitioner, school, child):
    client.force_login(make_practitioner(school, role="analyst"))
    assert client.get(reverse("web:home")).status_code == 200
    assert client.get(reverse("web:person-find")).status_code == 403
    assert client.get(reverse("web:person-detail", args=[child])).status_code == 403


def test_home_shows_agencies_roles_and_only_their_own_agency_s_events(
    dsl_client, injury, police, make_practitioner
):
    officer = make_practitioner(police, role="practitioner")
    scope = scope_for_user(user_id=officer.pk)
    recorded_person_create(actor=officer, scope=scope, agency_id=police.id, raw=person_raw())
    raw = injury_raw(summary="Police saw a graze on the knee.")
    event_record(actor=officer, scope=scope, agency_id=police.id, raw=raw)
    html = dsl_client.get(reverse("web:home")).content.decode()
    assert "Oak Primary School" in html and "Designated safeguarding lead" in html
    assert "Bruising to the left cheek" in html
    assert "graze on the knee" not in html
    assert reverse("web:event-detail", args=[injury]) in html


def test_home_offers_the_link_review_queue_only_to_those_who_may_decide(
    client, dsl_client, make_practitioner, school
):
    queue = reverse("web:link-queue")
    assert queue in dsl_client.get(reverse("web:home")).content.decode()
    client.force_login(make_practitioner(school, role="practitioner"))
    assert queue not in client.get(reverse("web:home")).content.decode()
