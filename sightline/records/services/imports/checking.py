"""Checking a file's rows, and handing on the records that are ready to be written.

Every row has been through the shared validator for its record type (the one forms and the
API use; see preparing.py). Here each row's agency is looked up, each source reference must
appear once, and every reference to a person or worker must resolve, against the file and
against what each agency has already stored. Every problem is collected with its row and field.

Rows are checked as they arrive, and a record is handed on as soon as everything it refers to
is known: a person at once; an event or relationship once the persons it names have been
written or found stored. One that names a person further down the file waits for it. At the
end of the file, whatever still does not resolve is a problem.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar
from uuid import UUID

from sightline.accounts.selectors import user_ids_by_username
from sightline.agencies.selectors import agency_ids_by_code
from sightline.core.exceptions import InvalidInput
from sightline.records.models import RecordedPerson
from sightline.records.services.imports.preparing import Prepared, PreparedRow
from sightline.records.services.imports.problems import ProblemList
from sightline.records.services.imports.report import RecordType
from sightline.records.services.items import EventItem, PersonItem, RelationshipItem
from sightline.records.services.prepared import (
    PreparedEvent,
    PreparedPerson,
    PreparedRelationship,
)
from sightline.records.services.relationships import relationship_item

P = TypeVar("P", bound=Prepared)

# Stands in for the id of a person this same file creates, until it is written.
PENDING = UUID(int=0)


class _Wait:
    """A record that names a person not yet written or found: it waits for a later row."""


WAIT = _Wait()
_LOOKUP_CHUNK = 2_000


@dataclass(frozen=True)
class Checked(Generic[P]):
    row: int
    agency_id: UUID
    record: P


class PersonDirectory:
    """Each agency's own person references → recorded person ids, for the persons a file
    creates or mentions. References never cross agencies."""

    def __init__(self) -> None:
        self._ids: dict[UUID, dict[str, UUID]] = defaultdict(dict)
        self._looked_up: dict[UUID, set[str]] = defaultdict(set)

    def add(self, agency_id: UUID, reference: str, person_id: UUID) -> None:
        self._ids[agency_id][reference] = person_id

    def get(self, agency_id: UUID, reference: str) -> UUID | None:
        return self._ids[agency_id].get(reference)

    def of_agency(self, agency_id: UUID) -> dict[str, UUID]:
        return self._ids[agency_id]

    def add_stored(self, wanted: dict[UUID, set[str]]) -> None:
        """Look up, among each agency's stored persons, the references not yet known (each
        reference once: one the file names before its own row is not looked up again)."""
        for agency_id, references in wanted.items():
            known, looked_up = self._ids[agency_id], self._looked_up[agency_id]
            missing = sorted(r for r in references if r not in known and r not in looked_up)
            looked_up.update(missing)
            for start in range(0, len(missing), _LOOKUP_CHUNK):
                found = RecordedPerson.objects.filter(
                    agency_id=agency_id, source_reference__in=missing[start : start + _LOOKUP_CHUNK]
                ).values_list("source_reference", "id")
                for reference, person_id in found:
                    self.add(agency_id, reference, person_id)


class FileChecker:
    def __init__(self, *, default_agency_code: str | None, problems: ProblemList) -> None:
        self.default_agency_code = default_agency_code
        self.problems = problems
        self.directory = PersonDirectory()
        self.agencies = agency_ids_by_code()
        self.workers: dict[str, int] = {}
        self._workers_looked_up: set[str] = set()
        # Checked, and not yet handed on.
        self.persons: list[Checked[PreparedPerson]] = []
        self.relationships: list[Checked[PreparedRelationship]] = []
        self.events: list[Checked[PreparedEvent]] = []
        # (agency code, record type, source reference) → the first row that used it
        self._first_row: dict[tuple[str, str, str], int] = {}

    def check_row(self, prepared: PreparedRow) -> None:
        row = prepared.row
        for name, message in prepared.problems:
            self.problems.add(row, name, message)
        agency_code, agency_id = self._agency(prepared.agency_code, row)
        if prepared.record_type and agency_code and prepared.reference:
            self._once_in_file((agency_code, prepared.record_type, prepared.reference), row)
            if prepared.record_type is RecordType.PERSON and agency_id:
                self.directory.add(agency_id, prepared.reference, PENDING)
        record = prepared.record
        if agency_id is None or record is None:
            return
        if isinstance(record, PreparedPerson):
            self.persons.append(Checked(row, agency_id, record))
        elif isinstance(record, PreparedRelationship):
            self.relationships.append(Checked(row, agency_id, record))
        elif self._subjects_named(record, row):
            self.events.append(Checked(row, agency_id, record))

    def _subjects_named(self, event: PreparedEvent, row: int) -> bool:
        unnamed = [i for i, (reference, _, _) in enumerate(event.subjects) if reference is None]
        for index in unnamed:
            self.problems.add(
                row,
                f"subjects.{index}.person",
                "in a file, name the person by your own source reference for them",
            )
        return not unnamed

    def _agency(self, code: str | None, row: int) -> tuple[str | None, UUID | None]:
        code = code or self.default_agency_code
        if code is None:
            self.problems.add(row, "agency", "no agency: give an agency column, or --agency")
            return None, None
        agency_id = self.agencies.get(code)
        if agency_id is None:
            self.problems.add(row, "agency", f"there is no agency with the code {code!r}")
        return code, agency_id

    def _once_in_file(self, key: tuple[str, str, str], row: int) -> None:
        first = self._first_row.setdefault(key, row)
        if first != row:
            agency_code, record_type, reference = key
            self.problems.add(
                row,
                "source_reference",
                f"{reference!r} is also in row {first} ({record_type} of {agency_code}); "
                "each record may appear only once in a file",
            )

    # ------------------------------------------------------------------ handing on
    def take_persons(self) -> list[PersonItem]:
        """Every person checked so far: a person refers to nothing else."""
        taken = [PersonItem(c.agency_id, c.record, c.row) for c in self.persons]
        self.persons = []
        return taken

    def take_resolved(self, *, final: bool) -> tuple[list[RelationshipItem], list[EventItem]]:
        """The relationships and events whose every reference resolves to a written or stored
        record. With `final` (the whole file has been seen), each reference that resolves
        nowhere is a problem; a person the file holds but that was not written (because the
        file has problems) counts as found."""
        self.directory.add_stored(_person_references(self.events, self.relationships))
        self._look_up_workers()
        relationships, waiting_relationships = [], []
        for checked_relationship in self.relationships:
            item = self._relationship_item(checked_relationship, final=final)
            if isinstance(item, RelationshipItem):
                relationships.append(item)
            elif item is WAIT:
                waiting_relationships.append(checked_relationship)
        events, waiting_events = [], []
        for checked_event in self.events:
            event = self._event_item(checked_event, final=final)
            if isinstance(event, EventItem):
                events.append(event)
            elif event is WAIT:
                waiting_events.append(checked_event)
        self.relationships, self.events = waiting_relationships, waiting_events
        return relationships, events

    def _look_up_workers(self) -> None:
        wanted = {r.record.worker for r in self.relationships if r.record.worker}
        missing = sorted(wanted - self._workers_looked_up)
        if missing:
            self._workers_looked_up.update(missing)
            self.workers.update(user_ids_by_username(missing))

    def _written(self, agency_id: UUID, reference: str | None) -> bool:
        found = self.directory.get(agency_id, reference) if reference else None
        return found is not None and found != PENDING

    def _relationship_item(
        self, checked: Checked[PreparedRelationship], *, final: bool
    ) -> RelationshipItem | _Wait | None:
        """The item, WAIT, or None for a relationship with a problem (or, at the end of a file
        with problems, one naming a person that was never written)."""
        record = checked.record
        references = [r for r in (record.person, record.counterpart_person) if r]
        ready = all(self._written(checked.agency_id, r) for r in references)
        if not (ready or final):
            return WAIT
        try:
            item = relationship_item(
                checked.agency_id,
                record,
                persons=self.directory.of_agency(checked.agency_id),
                agencies=self.agencies,
                workers=self.workers,
                row=checked.row,
            )
        except InvalidInput as error:
            self.problems.add_invalid(error, checked.row)
            return None
        return item if ready else None

    def _event_item(
        self, checked: Checked[PreparedEvent], *, final: bool
    ) -> EventItem | _Wait | None:
        """As _relationship_item. Every subject has a reference (see _subjects_named)."""
        subjects: list[tuple[UUID, str]] = []
        ready = True
        for index, (reference, _, role) in enumerate(checked.record.subjects):
            person_id = self.directory.get(checked.agency_id, reference or "")
            if person_id is not None and person_id != PENDING:
                subjects.append((person_id, role))
                continue
            ready = False
            if final and person_id is None:
                self.problems.add(
                    checked.row,
                    f"subjects.{index}.person",
                    f"no person {reference!r} in this file or in the agency's records",
                )
        if not ready:
            return None if final else WAIT
        return EventItem(
            checked.agency_id, checked.record, tuple(dict.fromkeys(subjects)), checked.row
        )


def _person_references(
    events: Iterable[Checked[PreparedEvent]],
    relationships: Iterable[Checked[PreparedRelationship]],
) -> dict[UUID, set[str]]:
    wanted: dict[UUID, set[str]] = defaultdict(set)
    for event in events:
        wanted[event.agency_id].update(ref for ref, _, _ in event.record.subjects if ref)
    for relationship in relationships:
        record = relationship.record
        wanted[relationship.agency_id].update(
            r for r in (record.person, record.counterpart_person) if r
        )
    return wanted
