"""What identity does when records are saved elsewhere (wired in apps.IdentityConfig.ready).

A person saved through a form or the API is matched at once, inside the save's own
transaction, so that the record and its links commit (and are sealed into the audit chain)
together: the practitioner's next page already shows the link or the pair waiting for review.
An import's persons are matched by the background worker (`sightline db_worker`), so that a
large file's import does not wait for them.
"""

import logging
from uuid import UUID

from django_tasks import task

from sightline.identity.services.matching import recorded_persons_match
from sightline.records.messages import PersonsImported, RecordedPersonSaved

logger = logging.getLogger(__name__)

# Imported records matched by one task.
IMPORT_CHUNK = 5_000


def on_recorded_person_saved(message: RecordedPersonSaved) -> None:
    try:
        recorded_persons_match(actor=None, recorded_person_ids=[message.person_id])
    except Exception:  # noqa: BLE001 - the record is saved; matching must not undo that
        # Only the matching's own savepoint is undone (core.messages): the record is saved,
        # and the next store run (`sightline link`) scores it with all the others.
        logger.exception("Recorded person %s was saved but could not be matched", message.person_id)


@task()
def imported_persons_match(recorded_person_ids: list[str]) -> dict[str, int | str | None]:
    result = recorded_persons_match(
        actor=None, recorded_person_ids=[UUID(i) for i in recorded_person_ids]
    )
    return {
        "records": result.records,
        "model_version": result.model_version,
        "pairs_scored": result.candidates,
        "linked": result.linked,
        "queued": result.queued,
    }


def on_persons_imported(message: PersonsImported) -> None:
    # A task per chunk keeps each queued task small, however large the file. Whichever of two
    # chunks is matched second finds the pairs between them.
    ids = [str(i) for i in message.person_ids]
    for start in range(0, len(ids), IMPORT_CHUNK):
        imported_persons_match.enqueue(ids[start : start + IMPORT_CHUNK])
