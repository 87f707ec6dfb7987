"""`sightline notifications_escalate` and `sightline terms load`."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sightline.cli.main import translate
from sightline.core import clock
from sightline.notifications.models import Escalation, Notification, SchoolTerm
from sightline.notifications.services import notifications_for_event
from tests.notifications.factories import incident
from tests.notifications.fixtures import town

__all__ = ["town"]
pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_verbs_name_the_commands():
    assert translate(["notifications", "escalate"]) == ["notifications_escalate"]
    assert translate(["terms", "load", "t.csv"]) == ["notifications_terms_load", "t.csv"]


def test_escalating_reports_what_it_did_and_what_it_could_not(town, monkeypatch):
    notifications_for_event(event_id=incident(town.officer, town.police, "POL-1"))
    due = Notification.objects.get(recipient=town.dsl).due_at
    assert "Escalated 0 " in run("notifications_escalate")

    monkeypatch.setattr(clock, "now", lambda: due + timedelta(minutes=1))
    out = run("notifications_escalate")

    assert "Escalated 1 overdue notifications" in out
    assert "1 overdue notifications have no manager" in out  # the school nurses have none
    assert Escalation.objects.count() == 1
    assert "Escalated 0 " in run("notifications_escalate")


def test_term_dates_load_per_calendar_and_replace_what_was_there(town, tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text(
        "agency,name,starts_on,ends_on\n"
        f"{town.school.code},Autumn 1,2026-09-02,2026-10-23\n"
        f"{town.school.code},Autumn 2,2026-11-02,2026-12-18\n"
        ",Autumn,2026-09-03,2026-12-18\n"
    )
    assert "Loaded 3 terms into 2 calendars" in run("notifications_terms_load", str(path))
    path.write_text(
        f"agency,name,starts_on,ends_on\n{town.school.code},Autumn,2026-09-02,2026-12-18\n"
    )
    run("notifications_terms_load", str(path))

    assert list(
        SchoolTerm.objects.filter(agency=town.school).values_list("starts_on", "ends_on")
    ) == [(date(2026, 9, 2), date(2026, 12, 18))]
    assert SchoolTerm.objects.filter(agency__isnull=True).count() == 1


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("nowhere,Autumn,2026-09-02,2026-12-18\n", "no agency 'nowhere'"),
        (",Autumn,2026-09-02,2026-08-01\n", "before it starts"),
        (",A,2026-09-02,2026-10-23\n,B,2026-10-20,2026-12-18\n", "overlaps"),
    ],
)
def test_bad_term_dates_are_refused_with_the_reason(town, tmp_path, rows, message):
    path = tmp_path / "terms.csv"
    path.write_text("agency,name,starts_on,ends_on\n" + rows)
    with pytest.raises(CommandError, match=message):
        run("notifications_terms_load", str(path))
    assert not SchoolTerm.objects.exists()
