"""Who may call the API: a practitioner's token, or their browser session with CSRF."""

import re

import pytest
from django.test import Client

from sightline.accounts.models import ApiToken
from sightline.core import clock
from tests.api.conftest import PREFIX, ApiClient, bearer_for
from tests.records.factories import person_raw

pytestmark = pytest.mark.django_db


def test_token_authenticates_the_practitioner_when_valid(school_api, child):
    response = school_api.get(f"/persons/{child['id']}")

    assert response.status_code == 200
    assert response.json()["family_name"] == "Łuczak"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer stl_not-a-real-token"},
        {"Authorization": "Basic ZHNsOmEtbG9uZy10ZXN0LXBhc3N3b3JkLTE="},
    ],
    ids=["no token", "wrong token", "password instead of token"],
)
def test_request_is_refused_with_401_when_credentials_are_missing_or_wrong(school, headers):
    api = ApiClient(headers=headers)

    for response in (
        api.get(f"/agencies/{school.code}/persons", q="Łuczak"),
        api.post(f"/agencies/{school.code}/persons", person_raw()),
    ):
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert response.json()["type"] == "urn:sightline:problem:unauthenticated"


def test_request_is_refused_with_401_when_token_was_revoked(dsl, school):
    headers = bearer_for(dsl)
    ApiToken.objects.filter(user=dsl).update(revoked_at=clock.now())

    response = ApiClient(headers=headers).get(f"/agencies/{school.code}/persons", q="x")

    assert response.status_code == 401


def test_request_is_refused_with_401_when_practitioner_is_deactivated(dsl, school):
    headers = bearer_for(dsl)
    dsl.is_active = False
    dsl.save(update_fields=["is_active"])

    response = ApiClient(headers=headers).get(f"/agencies/{school.code}/persons", q="x")

    assert response.status_code == 401


def _signed_in_browser(user) -> Client:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    return browser


def test_session_reads_without_a_csrf_token(dsl, school):
    response = _signed_in_browser(dsl).get(f"{PREFIX}/agencies/{school.code}/persons?q=x")

    assert response.status_code == 200


def test_session_write_is_refused_when_csrf_token_is_missing(dsl, school):
    response = _signed_in_browser(dsl).post(
        f"{PREFIX}/agencies/{school.code}/persons", person_raw(), content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["type"] == "urn:sightline:problem:forbidden"


def test_session_write_succeeds_with_the_csrf_token_from_the_docs_page(dsl, school):
    browser = _signed_in_browser(dsl)
    page = browser.get(f"{PREFIX}/docs").content.decode()
    found = re.search(r'data-csrf-token="([^"]+)"', page)
    assert found, "the docs page carries the CSRF token for its requests"
    csrf_token = found.group(1)

    response = browser.post(
        f"{PREFIX}/agencies/{school.code}/persons",
        person_raw(),
        content_type="application/json",
        headers={"X-CSRFToken": csrf_token},
    )

    assert response.status_code == 201


def test_requests_are_throttled_per_practitioner_when_over_the_rate(school_api, police_api):
    missing = "/persons/00000000-0000-4000-8000-000000000000"
    statuses = [school_api.get(missing).status_code for _ in range(300)]

    assert statuses == [404] * 300
    refused = school_api.get(missing)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert refused.json()["type"] == "urn:sightline:problem:throttled"
    # Another practitioner has their own allowance.
    assert police_api.get(missing).status_code == 404
