from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "sightline.risk"
    label = "risk"

    def ready(self) -> None:
        from sightline.core.messages import subscribe
        from sightline.households.messages import HouseholdsChanged
        from sightline.identity.messages import RecordsRelinked
        from sightline.records.messages import EventRecorded, EventsImported
        from sightline.risk import tasks

        subscribe(EventRecorded, tasks.on_event_recorded)
        subscribe(EventsImported, tasks.on_events_imported)
        subscribe(RecordsRelinked, tasks.on_records_relinked)
        subscribe(HouseholdsChanged, tasks.on_households_changed)
