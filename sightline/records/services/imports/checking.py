"""Checking a whole file before anything is written.

Every row has been through the shared validator for its record type (the one forms and the
API use; see preparing.py). Here each row's agency is looked up, each source reference must
appear once, and every reference to a person or worker must resolve, against the file and
against what each agency has already stored. Every problem is collected with its row and field.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from uuid import UUID

from sightline.accounts.selectors import user_ids_by_username
from sightline.agencies.selectors import agency_ids_by_code
from sightline.core.exceptions import InvalidInput
from sightline.records.models import RecordedPerson
from sightline.records.services.imports.preparing import Prepared, PreparedRow
from sightline.records.services.imports.problems import ProblemList
from sightline.records.services.imports.report import RecordType
from sightline.records.services.prepared import (
    PreparedEvent,
    PreparedPerson,
    PreparedRelationship,
)
from sightline.records.services.relationships import relationship_item

P = TypeVar("P", bound=Prepared)

# Stands in for the id of a person this same file creates: known only once it is written.
PENDING = UUID(int=0)
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

    def add(self, agency_id: UUID, reference: str, person_id: UUID) -> None:
        self._ids[agency_id][reference] = person_id

    def knows(self, agency_id: UUID, reference: str) -> bool:
        return reference in self._ids[agency_id]

    def of_agency(self, agency_id: UUID) -> dict[str, UUID]:
        return self._ids[agency_id]

    def add_stored(self, wanted: dict[UUID, set[str]]) -> None:
        """Look up, among each agency's stored persons, the references the file does not hold."""
        for agency_id, references in wanted.items():
            missing = sorted(r for r in references if not self.knows(agency_id, r))
            for start in range(0, len(missing), _LOOKUP_CHUNK):
                found = RecordedPerson.objects.filter(
                    agency_id=agency_id, source_reference__in=missing[start : start + _LOOKUP_CHUNK]
                ).values_list("source_reference", "id")
                for reference, person_id in found:
                    self.add(agency_id, reference, person_id)


@dataclass
class CheckedFile:
    """A file that passed every check, ready to be written."""

    persons: list[Checked[PreparedPerson]] = field(default_factory=list)
    relationships: list[Checked[PreparedRelationship]] = field(default_factory=list)
    events: list[Checked[PreparedEvent]] = field(default_factory=list)
    directory: PersonDirectory = field(default_factory=PersonDirectory)
    agencies: dict[str, UUID] = field(default_factory=dict)
    workers: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.persons) + len(self.relationships) + len(self.events)


class FileChecker:
    def __init__(self, *, default_agency_code: str | None, problems: ProblemList) -> None:
        self.default_agency_code = default_agency_code
        self.problems = problems
        self.checked = CheckedFile(agencies=agency_ids_by_code())
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
                self.checked.directory.add(agency_id, prepared.reference, PENDING)
        record = prepared.record
        if agency_id is None or record is None:
            return
        if isinstance(record, PreparedPerson):
            self.checked.persons.append(Checked(row, agency_id, record))
        elif isinstance(record, PreparedRelationship):
            self.checked.relationships.append(Checked(row, agency_id, record))
        else:
            self.checked.events.append(Checked(row, agency_id, record))

    def _agency(self, code: str | None, row: int) -> tuple[str | None, UUID | None]:
        code = code or self.default_agency_code
        if code is None:
            self.problems.add(row, "agency", "no agency: give an agency column, or --agency")
            return None, None
        agency_id = self.checked.agencies.get(code)
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

    def check_references(self) -> CheckedFile:
        """Subjects, persons and workers must exist, in the file or already stored."""
        checked = self.checked
        checked.directory.add_stored(_person_references(checked.events, checked.relationships))
        workers = [r.record.worker for r in checked.relationships if r.record.worker]
        checked.workers = user_ids_by_username(sorted(set(workers)))
        for event in checked.events:
            self._check_subjects(event)
        for relationship in checked.relationships:
            try:
                relationship_item(
                    relationship.agency_id,
                    relationship.record,
                    persons=checked.directory.of_agency(relationship.agency_id),
                    agencies=checked.agencies,
                    workers=checked.workers,
                    row=relationship.row,
                )
            except InvalidInput as error:
                self.problems.add_invalid(error, relationship.row)
        return checked

    def _check_subjects(self, event: Checked[PreparedEvent]) -> None:
        for index, (reference, _, _) in enumerate(event.record.subjects):
            if reference is None:
                self.problems.add(
                    event.row,
                    f"subjects.{index}.person",
                    "in a file, name the person by your own source reference for them",
                )
            elif not self.checked.directory.knows(event.agency_id, reference):
                self.problems.add(
                    event.row,
                    f"subjects.{index}.person",
                    f"no person {reference!r} in this file or in the agency's records",
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
