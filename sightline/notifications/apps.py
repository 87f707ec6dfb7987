from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "sightline.notifications"
    label = "notifications"

    def ready(self) -> None:
        from sightline.core.messages import subscribe
        from sightline.notifications import tasks
        from sightline.records.messages import EventRecorded, EventsImported

        subscribe(EventRecorded, tasks.on_event_recorded)
        subscribe(EventsImported, tasks.on_events_imported)
