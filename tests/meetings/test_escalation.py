"""Escalating overdue actions to the owner's managers: only once overdue, once per manager."""

from datetime import timedelta

import pytest
from django.core import mail

from sightline.agencies.services import membership_create
from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.meetings.models import Action, ActionEscalation
from sightline.meetings.services import action_cancel, action_complete, actions_escalate_overdue
from tests.meetings.factories import record_meeting, set_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(case):
    return record_meeting(case).meeting_id


@pytest.fixture
def due(case, meeting):
    """The DSL's action, and the day it is due."""
    action = set_action(case, meeting)
    return action, Action.objects.get(id=action).due_on


def escalated_to(action) -> set[str]:
    rows = ActionEscalation.objects.filter(action_id=action).select_related("to_user")
    return {row.to_user.username for row in rows}


def test_an_action_is_not_escalated_until_it_is_past_its_due_date(case, due):
    action, due_on = due
    assert actions_escalate_overdue(today=due_on - timedelta(days=3)).escalated == 0
    assert actions_escalate_overdue(today=due_on).escalated == 0  # due today: not yet overdue
    assert not ActionEscalation.objects.exists()


def test_an_overdue_action_escalates_to_the_owner_s_managers_once(
    case, due, django_capture_on_commit_callbacks
):
    action, due_on = due
    case.town.school_manager.email = "head@oak.example"
    case.town.school_manager.save()

    with django_capture_on_commit_callbacks(execute=True):
        first = actions_escalate_overdue(today=due_on + timedelta(days=1))
    again = actions_escalate_overdue(today=due_on + timedelta(days=2))

    assert (first.escalated, again.escalated) == (1, 0)
    assert escalated_to(action) == {"school_manager"}  # the school's, not social care's
    entry = AuditEntry.objects.get(action=AuditAction.ACTION_ESCALATED)
    escalation = ActionEscalation.objects.get(action_id=action)
    assert entry.payload == {"action_id": str(action), "escalation_id": str(escalation.id),
                             "to_user_id": case.town.school_manager.pk}  # fmt: skip
    assert entry.recorded_person_id == case.care_child
    [email] = mail.outbox
    assert email.to == ["head@oak.example"] and "/actions/overdue/" in email.body
    assert "Daniel" not in f"{email.subject} {email.body}"


def test_a_manager_who_joins_later_is_escalated_to_once_too(case, due, make_practitioner):
    action, due_on = due
    late = due_on + timedelta(days=1)
    actions_escalate_overdue(today=late)
    make_practitioner(case.town.school, role="manager", username="deputy")

    assert actions_escalate_overdue(today=late).escalated == 1
    assert actions_escalate_overdue(today=late).escalated == 0
    assert escalated_to(action) == {"school_manager", "deputy"}


@pytest.mark.parametrize("close", ["complete", "cancel"])
def test_a_completed_or_cancelled_action_is_never_escalated(case, due, close):
    action, due_on = due
    if close == "complete":
        action_complete(actor=case.town.dsl, action_id=action, evidence="Lunch checked.")
    else:
        action_cancel(actor=case.town.dsl, action_id=action, reason="Moved school.")
    assert actions_escalate_overdue(today=due_on + timedelta(days=30)).escalated == 0


def test_a_manager_s_own_action_goes_to_a_senior_manager(case, meeting):
    town = case.town
    action = set_action(case, meeting, owner_id=town.school_manager.pk)
    actions_escalate_overdue(today=_day_after(action))
    assert escalated_to(action) == {"school_senior_manager"}


def test_without_a_manager_the_action_is_counted_and_waits(case, meeting):
    town = case.town  # the school nurses have no manager
    action = set_action(case, meeting, owner_id=town.nurse.pk, owner_agency_id=town.nursing.id)
    late = _day_after(action)
    summary = actions_escalate_overdue(today=late)
    assert (summary.escalated, summary.without_manager) == (0, 1)

    membership_create(actor=None, user=town.care_manager, agency=town.nursing, role="manager")
    assert actions_escalate_overdue(today=late).escalated == 1
    assert escalated_to(action) == {"care_manager"}


def _day_after(action):
    return Action.objects.get(id=action).due_on + timedelta(days=1)
