"""Calling the API as a client would: over HTTP, with a practitioner's bearer token."""

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from sightline.agencies.services import token_create
from tests.records.factories import injury_raw, person_raw

PREFIX = "/api/v1"


@dataclass
class ApiClient:
    """A test client that sends JSON to /api/v1 with the given headers."""

    headers: dict[str, str] = field(default_factory=dict)
    client: Client = field(default_factory=Client)

    def get(self, path: str, **params: Any):
        return self.client.get(PREFIX + path, params, headers=self.headers)

    def post(self, path: str, body: Any):
        data = body if isinstance(body, str) else json.dumps(body)
        return self.client.post(
            PREFIX + path, data, content_type="application/json", headers=self.headers
        )


def bearer_for(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_create(actor=None, username=user.username).secret}"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Throttle counts live in the cache, which outlives each test's database rollback."""
    cache.clear()


@pytest.fixture
def school_api(dsl) -> ApiClient:
    return ApiClient(headers=bearer_for(dsl))


@pytest.fixture
def police_officer(make_practitioner, police):
    return make_practitioner(police, role="practitioner", username="pc-malik")


@pytest.fixture
def police_api(police_officer) -> ApiClient:
    return ApiClient(headers=bearer_for(police_officer))


@pytest.fixture
def child(school_api, school) -> dict[str, Any]:
    """A child recorded by the school, through the API."""
    response = school_api.post(f"/agencies/{school.code}/persons", person_raw())
    assert response.status_code == 201, response.content
    person: dict[str, Any] = response.json()
    return person


def injury_for(person_id: str, **overrides: Any) -> dict[str, Any]:
    """An injury event body whose subject is a recorded person, by id (as API clients send it)."""
    return injury_raw(
        subjects=[{"recorded_person_id": person_id, "role": "child_subject"}], **overrides
    )


@pytest.fixture
def injury(school_api, school, child) -> dict[str, Any]:
    response = school_api.post(f"/agencies/{school.code}/events", injury_for(child["id"]))
    assert response.status_code == 201, response.content
    event: dict[str, Any] = response.json()
    return event
