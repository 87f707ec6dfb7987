"""What the notifications app does when events are recorded or imported (wired in
apps.NotificationsConfig.ready): the background worker (`sightline db_worker`) routes them.

Routing runs after the event's transaction commits, as a task, so that recording an event never
waits for it, and a failure to route is retried by running the task again rather than losing
the event. An import's events are routed a chunk at a time.
"""

from uuid import UUID

from django_tasks import task

from sightline.notifications.services import notifications_for_events
from sightline.records.messages import EventRecorded, EventsImported

# Imported events routed by one task: most are of kinds no rule fires on, and are passed over
# in one query per 2,000.
IMPORT_CHUNK = 5_000


@task()
def events_route(event_ids: list[str]) -> dict[str, int]:
    summary = notifications_for_events(event_ids=[UUID(i) for i in event_ids])
    return {"events_routed": summary.events_routed, "created": summary.created}


def on_event_recorded(message: EventRecorded) -> None:
    events_route.enqueue([str(message.event_id)])


def on_events_imported(message: EventsImported) -> None:
    ids = [str(i) for i in message.event_ids]
    for start in range(0, len(ids), IMPORT_CHUNK):
        events_route.enqueue(ids[start : start + IMPORT_CHUNK])
