"""`sightline actions escalate`: the command over actions_escalate_overdue."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from sightline.cli.main import translate
from sightline.core import clock
from sightline.meetings.models import Action, ActionEscalation
from tests.meetings.factories import record_meeting, set_action

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("actions_escalate", stdout=out)
    return out.getvalue()


def test_the_verb_names_the_command():
    assert translate(["actions", "escalate"]) == ["actions_escalate"]


def test_escalating_reports_what_it_did_and_what_it_could_not(case, monkeypatch):
    town = case.town
    meeting = record_meeting(case).meeting_id
    set_action(case, meeting)
    set_action(case, meeting, owner_id=town.nurse.pk, owner_agency_id=town.nursing.id)
    assert "No action is overdue." in run()

    due = Action.objects.order_by("due_on")[0].due_on
    later = clock.now() + (due - clock.now().date()) + timedelta(days=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    out = run()

    assert "2 overdue actions; 1 newly escalated to managers (1 escalation: " in out
    assert "1 overdue action has no manager" in out  # the school nurses have none
    assert ActionEscalation.objects.count() == 1
    assert "2 overdue actions; no new escalations." in run()


def test_escalating_counts_actions_and_escalations_apart(case, make_practitioner, monkeypatch):
    # Two managers at the school: one overdue action is two escalations, one to each.
    make_practitioner(case.town.school, role="manager", username="deputy")
    set_action(case, record_meeting(case).meeting_id)
    due = Action.objects.get().due_on
    later = clock.now() + (due - clock.now().date()) + timedelta(days=2)
    monkeypatch.setattr(clock, "now", lambda: later)

    assert "1 overdue action; 1 newly escalated to managers (2 escalations: " in run()
    assert ActionEscalation.objects.count() == 2
    assert "1 overdue action; no new escalations." in run()
