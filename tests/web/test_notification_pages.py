"""The inbox, acknowledging from it, and the manager's overdue board, through HTTP."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse

from sightline.core import clock
from sightline.notifications.models import Acknowledgement, Notification
from sightline.notifications.services import (
    notifications_escalate_overdue,
    notifications_for_event,
)
from tests.notifications.factories import incident
from tests.notifications.fixtures import town
from tests.web.fixtures import signed_in

__all__ = ["town"]

INBOX = reverse("web:inbox")
OVERDUE = reverse("web:notifications-overdue")


@pytest.fixture
def notified(town):
    event = incident(town.officer, town.police, "POL-1")
    notifications_for_event(event_id=event)
    return Notification.objects.get(event_id=event, recipient=town.dsl)


def acknowledge_url(notification_id) -> str:
    return reverse("web:notification-acknowledge", args=[notification_id])


def test_the_inbox_shows_what_happened_and_when_it_is_due(town, notified):
    html = signed_in(town.dsl).get(INBOX).content.decode()

    assert "<title>Notifications" in html
    assert "Domestic abuse incident with a child present" in html
    assert "attended a domestic abuse incident" in html
    assert "Acknowledge by" in html and "8:30am" in html
    assert reverse("web:person-detail", args=[town.school_child]) in html
    assert "Daniel" not in html  # the child is named only on their own record's page
    assert 'href="/inbox/"' in html  # in the service navigation


def test_the_inbox_marks_an_overdue_notification(town, notified, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: notified.due_at + timedelta(minutes=5))
    html = signed_in(town.dsl).get(INBOX).content.decode()
    assert "govuk-tag--red" in html and "Overdue" in html


def test_acknowledging_from_the_inbox_needs_the_form_s_csrf_token(town, notified):
    client = signed_in(town.dsl, csrf=True)
    assert client.post(acknowledge_url(notified.id)).status_code == 403
    assert not Acknowledgement.objects.exists()

    page = client.get(INBOX).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = client.post(acknowledge_url(notified.id), {"csrfmiddlewaretoken": token})

    assert response.status_code == 302 and response["Location"] == INBOX
    assert Acknowledgement.objects.filter(notification=notified).exists()
    html = client.get(INBOX).content.decode()
    assert "There is nothing waiting for you" in html and "<caption" in html
    assert "govuk-notification-banner--success" in html


def test_acknowledging_twice_acts_once(town, notified):
    client = signed_in(town.dsl)
    client.post(acknowledge_url(notified.id))
    response = client.post(acknowledge_url(notified.id), follow=True)
    assert "already acknowledged" in response.content.decode()
    assert Acknowledgement.objects.count() == 1


def test_acknowledging_is_a_post(town, notified):
    assert signed_in(town.dsl).get(acknowledge_url(notified.id)).status_code == 405


@pytest.mark.parametrize("who", ["teacher", "school_manager", "nurse"])
def test_someone_else_s_notification_answers_as_a_missing_one(town, notified, who):
    client = signed_in(getattr(town, who))
    assert client.post(acknowledge_url(notified.id)).status_code == 404
    assert client.post(acknowledge_url(uuid.uuid4())).status_code == 404
    assert not Acknowledgement.objects.exists()


def test_the_inbox_needs_a_signed_in_practitioner(client):
    response = client.get(INBOX)
    assert response.status_code == 302 and reverse("web:sign-in") in response["Location"]


def test_a_manager_sees_their_team_s_overdue_notifications_and_escalations(
    town, notified, monkeypatch
):
    monkeypatch.setattr(clock, "now", lambda: notified.due_at + timedelta(minutes=5))
    notifications_escalate_overdue()

    html = signed_in(town.school_manager).get(OVERDUE).content.decode()

    assert "<title>Overdue notifications" in html
    assert "Your team's overdue notifications (1)" in html
    assert "Test dsl" in html  # who it was sent to
    assert "Escalated to you" in html and "Not acknowledged" in html


def test_the_overdue_board_is_for_managers_only(town, notified):
    assert signed_in(town.dsl).get(OVERDUE).status_code == 403


def test_the_inbox_and_the_board_take_a_fixed_number_of_queries(
    town, django_assert_max_num_queries
):
    for number in range(1, 6):
        notifications_for_event(event_id=incident(town.officer, town.police, "POL-1", number))
    client = signed_in(town.dsl)
    with django_assert_max_num_queries(10):
        assert client.get(INBOX).status_code == 200
    manager = signed_in(town.school_manager)
    with django_assert_max_num_queries(12):
        assert manager.get(OVERDUE).status_code == 200
