"""What the risk app does when events are recorded or imported, or records are linked again
(wired in apps.RiskConfig.ready): the background worker evaluates the rules for each child
whose case changed. As with notification routing, the evaluation runs after the write commits,
so recording never waits for it, and a failed evaluation is run again rather than lost."""

from uuid import UUID

from django_tasks import task

from sightline.core import clock
from sightline.households.messages import HouseholdsChanged
from sightline.identity.messages import RecordsRelinked
from sightline.records.messages import EventRecorded, EventsImported
from sightline.risk.selectors import children_affected_by_events, children_affected_by_records
from sightline.risk.services import risk_evaluate_groups

IMPORT_CHUNK = 2_000


def _summary(children: list[frozenset[UUID]]) -> dict[str, int]:
    summary = risk_evaluate_groups(groups=children)
    return {"children": summary.children, "raised": summary.raised, "notified": summary.notified}


@task()
def risk_evaluate_for_events(event_ids: list[str]) -> dict[str, int]:
    today = clock.today()
    children = children_affected_by_events(event_ids=[UUID(i) for i in event_ids], today=today)
    return _summary(children)


@task()
def risk_evaluate_for_records(record_ids: list[str]) -> dict[str, int]:
    today = clock.today()
    records = [UUID(i) for i in record_ids]
    return _summary(children_affected_by_records(recorded_person_ids=records, today=today))


def on_event_recorded(message: EventRecorded) -> None:
    risk_evaluate_for_events.enqueue([str(message.event_id)])


def on_events_imported(message: EventsImported) -> None:
    ids = [str(i) for i in message.event_ids]
    for start in range(0, len(ids), IMPORT_CHUNK):
        risk_evaluate_for_events.enqueue(ids[start : start + IMPORT_CHUNK])


def on_households_changed(message: HouseholdsChanged) -> None:
    ids = [str(i) for i in message.recorded_person_ids]
    for start in range(0, len(ids), IMPORT_CHUNK):
        risk_evaluate_for_records.enqueue(ids[start : start + IMPORT_CHUNK])


def on_records_relinked(message: RecordsRelinked) -> None:
    ids = [str(i) for i in message.recorded_person_ids]
    for start in range(0, len(ids), IMPORT_CHUNK):
        risk_evaluate_for_records.enqueue(ids[start : start + IMPORT_CHUNK])
