"""Reading a chronology file for replay: every row checked as `sightline import` checks it, and
every problem named by row and field, but nothing written anywhere.

Rows are parsed and validated by the shared validators (parsing.py). Here each row's agency must
be known, each source reference may appear once per agency and record type, and every person a
relationship or an event names must be a person of the same agency in the file. Unlike an
import, a replay never looks in Sightline's records: it knows only what the file holds.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sightline.records.services.imports.problems import ProblemList
from sightline.records.services.imports.progress import ImportProgress, SilentProgress
from sightline.records.services.imports.reading import read_source
from sightline.risk.cases import EventFact
from sightline.risk.replay.chronology import (
    AgencyFacts,
    Chronology,
    EventRecord,
    PersonRecord,
    TieRecord,
    record_key,
)
from sightline.risk.replay.parsing import EventContent, ParsedRow, TieContent, parse_rows


@dataclass
class _Pending:
    """Relationships and events whose references are checked once the whole file is read."""

    ties: list[tuple[int, str, TieContent]] = field(default_factory=list)  # (row, agency, …)
    events: list[tuple[int, str, str, EventContent]] = field(default_factory=list)


class _Reader:
    def __init__(
        self, agencies: Mapping[str, AgencyFacts], default_agency: str | None, problems: ProblemList
    ) -> None:
        self.agencies = agencies
        self.default_agency = default_agency
        self.problems = problems
        self.chronology = Chronology(agencies={})
        self.pending = _Pending()
        self._first_row: dict[tuple[str, str, str], int] = {}

    def take(self, parsed: ParsedRow) -> None:
        row = parsed.row
        for name, message in parsed.problems:
            self.problems.add(row, name, message)
        agency = self._agency(parsed.agency_code, row)
        if agency is None or parsed.record_type is None or parsed.reference is None:
            return
        self._once_in_file((agency, parsed.record_type, parsed.reference), row)
        if parsed.content is None:
            return
        if parsed.record_type == "person":
            key = record_key(agency, parsed.reference)
            self.chronology.persons[key] = PersonRecord(
                key, agency, parsed.reference, *parsed.content
            )
        elif parsed.record_type == "relationship":
            self.pending.ties.append((row, agency, parsed.content))
        else:
            self.pending.events.append((row, agency, parsed.reference, parsed.content))

    def _agency(self, code: str | None, row: int) -> str | None:
        code = code or self.default_agency
        if code is None:
            self.problems.add(row, "agency", "no agency: give an agency column, or --agency")
            return None
        if code not in self.agencies:
            self.problems.add(row, "agency", f"there is no agency with the code {code!r}")
            return None
        self.chronology.agencies.setdefault(code, self.agencies[code])
        return code

    def _once_in_file(self, key: tuple[str, str, str], row: int) -> None:
        first = self._first_row.setdefault(key, row)
        if first != row:
            agency, record_type, reference = key
            self.problems.add(
                row,
                "source_reference",
                f"{reference!r} is also in row {first} ({record_type} of {agency}); "
                "each record may appear only once in a file",
            )

    # ------------------------------------------------------------------ references
    def _person(self, row: int, name: str, agency: str, reference: str) -> str | None:
        key = record_key(agency, reference)
        if key in self.chronology.persons:
            return key
        self.problems.add(row, name, f"no person {reference!r} of {agency} in this file")
        return None

    def resolve(self) -> None:
        for row, agency, content in self.pending.ties:
            self._tie(row, agency, content)
        for row, agency, reference, content in self.pending.events:
            self._event(row, agency, reference, content)
        self.pending = _Pending()

    def _tie(self, row: int, agency: str, content: TieContent) -> None:
        kind, person, counterpart, counterpart_agency, worker, worker_name, start, end, details = (
            content
        )
        person_key = self._person(row, "person", agency, person)
        counterpart_key = counterpart and self._person(
            row, "counterpart_person", agency, counterpart
        )
        if counterpart_agency and counterpart_agency not in self.agencies:
            self.problems.add(row, "counterpart_agency", f"no agency {counterpart_agency!r}")
        if person_key is None or (counterpart and counterpart_key is None):
            return
        reference = f"{kind}:{row}"  # relationships are not cited: any unique key will do
        self.chronology.ties.append(
            TieRecord(
                record_key(agency, reference),
                agency,
                kind,
                person_key,
                counterpart_key or None,
                worker,
                worker_name,
                start,
                end,
                details,
            )  # fmt: skip
        )

    def _event(self, row: int, agency: str, reference: str, content: EventContent) -> None:
        kind, day, subjects, details, seen, alone, voice, factors, sensitivity = content
        keys: list[tuple[str, str]] = []
        for index, (person, role) in enumerate(subjects):
            if person is None:
                self.problems.add(
                    row,
                    f"subjects.{index}.person",
                    "in a file, name the person by your own source reference for them",
                )
                continue
            key = self._person(row, f"subjects.{index}.person", agency, person)
            if key is not None:
                keys.append((key, role))
        if len(keys) < len(subjects):
            return
        fact = EventFact(
            id=record_key(agency, reference),
            kind=kind,
            on=day,
            agency=agency,
            agency_kind=self.agencies[agency].kind,
            subjects=tuple(dict.fromkeys(keys)),
            details=details,
            child_seen=seen,
            child_seen_alone=alone,
            child_voice=voice,
            factors=factors,
        )
        self.chronology.events.append(EventRecord(fact, reference, sensitivity))


def chronology_read(
    path: Path,
    *,
    agencies: Mapping[str, AgencyFacts],
    default_agency: str | None,
    progress: ImportProgress | None = None,
) -> Chronology:
    """The file's persons, relationships and events; raises InvalidInput naming every problem
    (row and field), as an import would, when anything in the file is wrong."""
    progress = progress or SilentProgress()
    problems = ProblemList()
    source = read_source(path, problems)
    reader = _Reader(agencies, default_agency, problems)
    progress.begin("Reading", len(source.units))
    for chunk in parse_rows(source.units):
        for parsed in chunk:
            reader.take(parsed)
        progress.advance(len(chunk))
    progress.end()
    reader.resolve()
    problems.raise_if_any()
    chronology = reader.chronology
    chronology.events.sort(key=lambda event: (event.fact.on, event.fact.id))
    return chronology
