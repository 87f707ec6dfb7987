"""Acknowledging, and escalating what is not acknowledged by its deadline."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from sightline.agencies.services import membership_create
from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.core import clock
from sightline.core.exceptions import NotFound
from sightline.notifications.models import Acknowledgement, Escalation, Notification
from sightline.notifications.selectors import notification_list, overdue_board
from sightline.notifications.services import (
    notification_acknowledge,
    notifications_escalate_overdue,
    notifications_for_event,
)
from tests.notifications.factories import incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def notified(town):
    """The school DSL's notification of last night's incident."""
    event = incident(town.officer, town.police, "POL-1")
    notifications_for_event(event_id=event)
    return Notification.objects.get(event_id=event, recipient=town.dsl)


def after_deadline(monkeypatch, notification, minutes: int = 1):
    late = notification.due_at + timedelta(minutes=minutes)
    monkeypatch.setattr(clock, "now", lambda: late)
    return late


def escalated_to(notification) -> set[str]:
    rows = Escalation.objects.filter(notification=notification).select_related("to_user")
    return {row.to_user.username for row in rows}


def test_the_recipient_acknowledges_once_and_it_is_audited(town, notified):
    first = notification_acknowledge(actor=town.dsl, notification_id=notified.id)
    second = notification_acknowledge(actor=town.dsl, notification_id=notified.id)

    assert not first.already and second.already
    assert second.acknowledged_at == first.acknowledged_at
    assert Acknowledgement.objects.filter(notification=notified).count() == 1
    entries = AuditEntry.objects.filter(action=AuditAction.NOTIFICATION_ACKNOWLEDGED)
    assert [(e.actor_id, e.payload) for e in entries] == [
        (town.dsl.pk, {"notification_id": str(notified.id)})
    ]


@pytest.mark.parametrize("who", ["school_manager", "teacher", "nurse", "officer"])
def test_only_the_recipient_can_acknowledge(town, notified, who):
    with pytest.raises(NotFound):
        notification_acknowledge(actor=getattr(town, who), notification_id=notified.id)
    assert not Acknowledgement.objects.exists()


def test_an_unacknowledged_notification_escalates_to_the_manager_after_its_deadline(
    town, notified, monkeypatch, django_capture_on_commit_callbacks
):
    town.school_manager.email = "head@oak.example"
    town.school_manager.save()
    assert notifications_escalate_overdue().escalated == 0  # not yet due

    after_deadline(monkeypatch, notified)
    with django_capture_on_commit_callbacks(execute=True):
        summary = notifications_escalate_overdue()

    assert summary.escalated == 1  # the school nurses' notification has no manager to go to
    assert escalated_to(notified) == {"school_manager"}
    entry = AuditEntry.objects.get(action=AuditAction.NOTIFICATION_ESCALATED)
    escalation = Escalation.objects.get(notification=notified)
    assert entry.payload == {
        "notification_id": str(notified.id),
        "escalation_id": str(escalation.id),
        "to_user_id": town.school_manager.pk,
    }
    assert [m.to for m in mail.outbox] == [["head@oak.example"]]
    assert "has not acknowledged" in mail.outbox[0].body and "Daniel" not in mail.outbox[0].body


def test_a_notification_escalates_once(town, notified, monkeypatch):
    late = after_deadline(monkeypatch, notified)
    notifications_escalate_overdue()

    again = notifications_escalate_overdue(now=late + timedelta(days=3))

    assert again.escalated == 0
    assert Escalation.objects.filter(notification=notified).count() == 1


def test_acknowledging_in_time_stops_the_escalation(town, notified, monkeypatch):
    notification_acknowledge(actor=town.dsl, notification_id=notified.id)
    after_deadline(monkeypatch, notified, minutes=60 * 24)

    assert notifications_escalate_overdue().escalated == 0
    assert not Escalation.objects.filter(notification=notified).exists()


def test_with_no_manager_at_all_it_stays_overdue_and_is_counted(town, notified, monkeypatch):
    nurse_notification = Notification.objects.get(event_id=notified.event_id, recipient=town.nurse)
    after_deadline(monkeypatch, nurse_notification)

    summary = notifications_escalate_overdue()

    # The school has a manager; the school nursing service has no manager at all.
    assert escalated_to(nurse_notification) == set()
    assert summary.without_manager == 1
    assert notification_list(viewer_id=town.nurse.pk)[0].overdue


def test_without_a_manager_it_goes_to_a_senior_manager_and_a_later_manager_is_not_told_again(
    town, notified, make_practitioner, monkeypatch
):
    nurse_notification = Notification.objects.get(event_id=notified.event_id, recipient=town.nurse)
    late = after_deadline(monkeypatch, nurse_notification)
    make_practitioner(town.nursing, role="senior_manager", username="nursing-director")

    notifications_escalate_overdue()
    make_practitioner(town.nursing, role="manager", username="nursing-manager")
    notifications_escalate_overdue(now=late + timedelta(hours=1))

    assert escalated_to(nurse_notification) == {"nursing-director"}


def test_a_manager_s_own_notification_goes_to_the_senior_manager(
    town, make_practitioner, monkeypatch
):
    notification = _notification_for(town, town.school_manager)
    after_deadline(monkeypatch, notification)

    notifications_escalate_overdue()

    assert escalated_to(notification) == {"school_senior_manager"}


def test_the_overdue_board_shows_the_team_s_overdue_notifications_and_escalations(
    town, notified, monkeypatch
):
    assert overdue_board(viewer_id=town.school_manager.pk).overdue == ()
    after_deadline(monkeypatch, notified)
    notifications_escalate_overdue()

    board = overdue_board(viewer_id=town.school_manager.pk)

    assert [item.id for item in board.overdue] == [notified.id]
    assert board.overdue[0].overdue and board.overdue[0].escalations[0].to_name
    assert [e.notification.id for e in board.escalated_to_me] == [notified.id]
    assert overdue_board(viewer_id=town.other_dsl.pk).overdue == ()  # another school's DSL


def test_the_inbox_lists_only_the_viewer_s_own_notifications(town, notified, monkeypatch):
    assert [item.id for item in notification_list(viewer_id=town.dsl.pk)] == [notified.id]
    assert notification_list(viewer_id=town.teacher.pk) == []
    after_deadline(monkeypatch, notified)
    assert notification_list(viewer_id=town.dsl.pk)[0].overdue


def test_the_database_keeps_one_notification_per_rule_event_and_recipient(notified):
    duplicate = Notification(
        recipient_id=notified.recipient_id,
        agency_id=notified.agency_id,
        rule_id=notified.rule_id,
        rule_version=notified.rule_version + 1,
        basis=notified.basis,
        event_id=notified.event_id,
        event_version_id=notified.event_version_id,
        child_id=notified.child_id,
        reason="again",
        due_at=notified.due_at,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_database_keeps_one_acknowledgement_per_notification(town, notified):
    notification_acknowledge(actor=town.dsl, notification_id=notified.id)
    second = Acknowledgement(
        notification=notified, acknowledged_by=town.dsl, acknowledged_at=clock.now()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_the_database_keeps_one_escalation_per_notification_and_manager(
    town, notified, monkeypatch
):
    after_deadline(monkeypatch, notified)
    notifications_escalate_overdue()
    again = Escalation(notification=notified, to_user=town.school_manager, escalated_at=clock.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()


def test_the_constraints_name_their_violations():
    codes = {
        constraint.name: constraint.violation_error_code
        for model in (Notification, Escalation)
        for constraint in model._meta.constraints
    }
    assert codes["notification_once_per_rule_event_recipient"] == "notification_already_sent"
    assert codes["escalation_once_per_manager"] == "already_escalated"


def _notification_for(town, recipient) -> Notification:
    """A notification sent to `recipient` at the school (as if they were its DSL)."""
    membership_create(actor=None, user=recipient, agency=town.school, role="dsl")
    event = incident(town.officer, town.police, "POL-1", number=2)
    notifications_for_event(event_id=event)
    return Notification.objects.get(event_id=event, recipient=recipient)
