"""Routing runs after an event is recorded (a form or the API) or imported, as a background
task: immediately in the test settings' backend, queued for the worker in production."""

import json
from pathlib import Path
from typing import Any

import pytest
from django_tasks.backends.dummy import DummyBackend

from sightline.core.messages import subscribers
from sightline.notifications import tasks
from sightline.notifications.models import Notification
from sightline.records.messages import EventRecorded, EventsImported
from sightline.records.services.imports import import_file
from tests.notifications.factories import hours_ago, incident
from tests.records.factories import domestic_abuse_raw, injury_raw

pytestmark = pytest.mark.django_db


def test_the_notifications_app_subscribes_to_recorded_and_imported_events():
    table = subscribers()
    assert tasks.on_event_recorded in table[EventRecorded]
    assert tasks.on_events_imported in table[EventsImported]


def test_an_incident_recorded_through_a_form_or_the_api_is_routed_after_it_commits(
    town, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        event = incident(town.officer, town.police, "POL-1")
        assert not Notification.objects.exists()

    assert callbacks
    recipients = set(
        Notification.objects.filter(event_id=event).values_list("recipient__username", flat=True)
    )
    assert recipients == {"dsl", "nurse"}


def _file(tmp_path: Path, records: list[dict[str, Any]]) -> Path:
    path = tmp_path / "overnight.jsonl"
    path.write_text("".join(json.dumps({"record_type": "event", **r}) + "\n" for r in records))
    return path


def test_an_imported_incident_is_routed_by_the_task_the_import_s_message_queues(
    town, tmp_path, django_capture_on_commit_callbacks
):
    records = [
        domestic_abuse_raw("POL-1", source_reference="DA-IMPORT-1", occurred_at=hours_ago(5)),
        injury_raw("POL-1", source_reference="INJ-IMPORT-1", occurred_at=hours_ago(5)),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        report = import_file(
            actor=None, path=_file(tmp_path, records), default_agency_code=town.police.code
        )

    assert report.changed
    rows = Notification.objects.filter(event__source_reference="DA-IMPORT-1")
    assert set(rows.values_list("recipient__username", flat=True)) == {"dsl", "nurse"}
    assert Notification.objects.count() == 2  # the injury fires no rule


def test_an_import_queues_one_routing_task_per_chunk_of_events(
    town, tmp_path, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(tasks, "IMPORT_CHUNK", 2)
    records = [
        domestic_abuse_raw("POL-1", source_reference=f"DA-{n}", occurred_at=hours_ago(5))
        for n in range(5)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        import_file(actor=None, path=_file(tmp_path, records), default_agency_code=town.police.code)

    backend = tasks.events_route.get_backend()
    assert isinstance(backend, DummyBackend)
    # Risk evaluation queues tasks of its own for the same import.
    queued = [r for r in backend.results if r.task.name == tasks.events_route.name]
    assert [len(result.args[0]) for result in queued] == [2, 2, 1]
    assert not Notification.objects.exists()  # queued for the worker, not yet routed


def test_a_re_run_import_queues_nothing(town, tmp_path, django_capture_on_commit_callbacks):
    records = [domestic_abuse_raw("POL-1", source_reference="DA-1", occurred_at=hours_ago(5))]
    path = _file(tmp_path, records)
    with django_capture_on_commit_callbacks(execute=True):
        import_file(actor=None, path=path, default_agency_code=town.police.code)
    with django_capture_on_commit_callbacks(execute=True) as again:
        import_file(actor=None, path=path, default_agency_code=town.police.code)

    assert again == []
    assert Notification.objects.count() == 2
