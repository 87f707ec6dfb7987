"""Your notifications through the API: listed and acknowledged, only ever your own."""

import uuid

import pytest
from django.test import Client

from sightline.notifications.models import Acknowledgement, Notification
from sightline.notifications.services import notifications_for_event
from tests.api.conftest import PREFIX, ApiClient, bearer_for
from tests.notifications.factories import incident
from tests.notifications.fixtures import town

__all__ = ["town"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def notified(town):
    event = incident(town.officer, town.police, "POL-1")
    notifications_for_event(event_id=event)
    return Notification.objects.get(event_id=event, recipient=town.dsl)


def test_a_practitioner_lists_their_own_notifications(town, notified):
    response = ApiClient(headers=bearer_for(town.dsl)).get("/notifications")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == str(notified.id)
    assert item["rule_id"] == "domestic-abuse-child-present" and item["rule_version"] == 1
    assert item["child_recorded_person_id"] == str(town.school_child)
    assert item["acknowledged_at"] is None and item["overdue"] is False
    assert ApiClient(headers=bearer_for(town.teacher)).get("/notifications").json()["count"] == 0


def test_acknowledging_answers_201_then_200(town, notified):
    api = ApiClient(headers=bearer_for(town.dsl))
    path = f"/notifications/{notified.id}/acknowledgement"

    first = api.post(path, {})
    second = api.post(path, {})

    assert first.status_code == 201 and first.json()["acknowledged_at"]
    assert second.status_code == 200
    assert second.json()["acknowledged_at"] == first.json()["acknowledged_at"]
    assert Acknowledgement.objects.count() == 1


@pytest.mark.parametrize("who", ["teacher", "school_manager", "nurse"])
def test_another_practitioner_s_notification_answers_404(town, notified, who):
    api = ApiClient(headers=bearer_for(getattr(town, who)))
    for notification_id in (notified.id, uuid.uuid4()):
        response = api.post(f"/notifications/{notification_id}/acknowledgement", {})
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    assert not Acknowledgement.objects.exists()


def test_a_session_must_send_its_csrf_token_to_acknowledge(town, notified):
    client = Client(enforce_csrf_checks=True)
    client.force_login(town.dsl)
    response = client.post(
        f"{PREFIX}/notifications/{notified.id}/acknowledgement", content_type="application/json"
    )
    assert response.status_code == 403
    assert not Acknowledgement.objects.exists()


def test_listing_needs_credentials():
    assert Client().get(f"{PREFIX}/notifications").status_code == 401
