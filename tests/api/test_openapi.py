"""The OpenAPI document: checked in, served by the app, and true to the house API shape."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from ninja.responses import NinjaJSONEncoder

from sightline.api.api import api

SNAPSHOT = Path(settings.BASE_DIR) / "docs" / "openapi.json"
REFRESH = (
    "python manage.py export_openapi_schema --api sightline.api.api.api --indent 2 --sorted "
    "--output docs/openapi.json"
)

OPERATIONS = {
    "recorded_person_create",
    "recorded_person_find",
    "recorded_person_open",
    "event_record",
    "event_list_open",
    "event_open",
    "event_amend",
    "notification_list",
    "notification_acknowledge",
    "chronology_purpose_state",
    "chronology_open",
}


def _current_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
    return schema


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [op for path in schema["paths"].values() for op in path.values()]


def test_schema_matches_the_checked_in_docs_openapi_json():
    assert _current_schema() == json.loads(SNAPSHOT.read_text()), (
        f"The API changed; review the change, then refresh the snapshot with: {REFRESH}"
    )


def test_every_operation_is_named_after_its_service_and_documents_its_problems():
    operations = _operations(_current_schema())

    assert {op["operationId"] for op in operations} == OPERATIONS
    for op in operations:
        assert op["summary"]
        assert {"401", "404", "409", "422", "429"} <= set(map(str, op["responses"]))
        assert "application/problem+json" in op["responses"]["404"]["content"]
        assert op["security"] == [{"PractitionerToken": []}, {"PractitionerSession": []}]


def test_event_details_are_documented_per_kind():
    details = _current_schema()["components"]["schemas"]["Details"]

    assert {"$ref": "#/components/schemas/InjuryDetails"} in details["anyOf"]
    assert "injury → InjuryDetails" in details["description"]


@pytest.mark.django_db
def test_the_app_serves_the_schema_without_authentication():
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json() == json.loads(SNAPSHOT.read_text())


@pytest.mark.django_db
def test_docs_page_runs_under_the_content_security_policy():
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert re.search(r"script-src 'self'", policy)
    page = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
    # Every executable script is a file from our own static files: none inline, no CDN.
    for attributes, body in scripts:
        if 'type="application/json"' in attributes:
            continue
        assert not body.strip()
        assert re.search(r'src="/static/ninja/[\w.-]+\.js"', attributes)
    assert "cdn" not in page.lower()
    assert re.search(r'href="/static/ninja/swagger-ui\.css"', page)
