from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "sightline.identity"
    label = "identity"

    def ready(self) -> None:
        from sightline.core.messages import subscribe
        from sightline.identity import tasks
        from sightline.records.messages import PersonsImported, RecordedPersonSaved

        subscribe(RecordedPersonSaved, tasks.on_recorded_person_saved, in_transaction=True)
        subscribe(PersonsImported, tasks.on_persons_imported)
