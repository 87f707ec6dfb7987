"""Each row of a chronology file read and checked by the shared validator for its record type
(the one `sightline import`, the forms and the API use), then turned into the plain content
replay keeps. Pure work on one row at a time, so a large file is shared out among worker
processes, which send back only plain tuples."""

from collections.abc import Iterator
from datetime import date
from typing import Any, NamedTuple

from pydantic import BaseModel

from sightline.records.data import AddressFacts
from sightline.records.schema.coded import CodedAnswer
from sightline.records.schema.events import EventIn
from sightline.records.schema.persons import PersonIn
from sightline.records.schema.relationships import RelationshipIn
from sightline.records.schema.times import LONDON
from sightline.records.services.imports.preparing import parse_unit
from sightline.records.services.imports.reading import Unit
from sightline.risk.replay.workers import shared, shared_out

# Below this many rows, starting worker processes costs more than it saves.
PARALLEL_FROM = 5_000
_CHUNK = 1_000

# What a person row holds, in PersonRecord's order after key, agency and reference.
PersonContent = tuple[Any, ...]
# (kind, person, counterpart person, counterpart agency, worker, worker name, start, end, details)
TieContent = tuple[Any, ...]
# (kind, day, subjects ((reference or None, role), …), details, child seen, seen alone, voice,
#  CIN factors, sensitivity)
EventContent = tuple[Any, ...]


class ParsedRow(NamedTuple):
    row: int
    record_type: str | None  # "person", "relationship" or "event"; None when not known
    agency_code: str | None  # as the row gave it; None means the file's default agency
    reference: str | None
    problems: tuple[tuple[str, str], ...]  # (field, message)
    content: PersonContent | TieContent | EventContent | None  # None when it has problems


def coded(answer: CodedAnswer) -> str:
    """ "yes", "not_applicable", or "no:<reason>" (as rules read it)."""
    return f"{answer.answer.value}:{answer.code}" if answer.code else answer.answer.value


def _identifier(person: PersonIn, scheme: str) -> str:
    return next((i.value for i in person.identifiers if i.scheme.value == scheme), "")


def person_content(person: PersonIn) -> PersonContent:
    return (
        person.given_name,
        person.family_name,
        tuple((other.given_name, other.family_name) for other in person.other_names),
        person.date_of_birth,
        person.date_of_birth_precision.value if person.date_of_birth_precision else "",
        person.expected_date_of_birth,
        person.date_of_death,
        person.sex,
        tuple(
            AddressFacts(a.line1, a.postcode, a.start, a.end, a.confidentiality.value)
            for a in person.addresses
        ),
        _identifier(person, "nhs_number"),
        _identifier(person, "upn"),
        person.confidentiality.value,
    )


def tie_content(tie: RelationshipIn) -> TieContent:
    return (
        tie.kind.value,
        tie.person,
        tie.counterpart_person,
        tie.counterpart_agency,
        tie.worker or "",
        tie.worker_name,
        tie.start,
        tie.end,
        tie.details.model_dump(mode="json"),
    )


def event_day(event: EventIn) -> date:
    """The day it happened where it happened: an event of "2023-04-02" is stored as UK midnight,
    which in summer is the evening before in UTC."""
    return event.occurred_at.astimezone(LONDON).date()


def event_content(event: EventIn) -> EventContent:
    return (
        event.kind.value,
        event_day(event),
        tuple((subject.person, subject.role.value) for subject in event.subjects),
        event.details.model_dump(mode="json"),
        coded(event.child_seen),
        coded(event.child_seen_alone),
        coded(event.child_voice),
        tuple(event.cin_factors),
        event.sensitivity.value,
    )


def _content(record: BaseModel) -> PersonContent | TieContent | EventContent:
    if isinstance(record, PersonIn):
        return person_content(record)
    if isinstance(record, RelationshipIn):
        return tie_content(record)
    assert isinstance(record, EventIn)
    return event_content(record)


def parse_row(unit: Unit) -> ParsedRow:
    parsed = parse_unit(unit)
    return ParsedRow(
        parsed.row,
        parsed.record_type.value if parsed.record_type else None,
        parsed.agency_code,
        parsed.reference,
        parsed.problems,
        _content(parsed.record) if parsed.record is not None else None,
    )


def _parse_span(span: tuple[int, int]) -> list[tuple[Any, ...]]:
    units: list[Unit] = shared()
    # Plain tuples travel faster between processes than named ones.
    return [tuple(parse_row(unit)) for unit in units[span[0] : span[1]]]


def parse_rows(units: list[Unit]) -> Iterator[list[ParsedRow]]:
    """The rows, parsed and checked, in file order, a chunk at a time."""
    spans = [(start, start + _CHUNK) for start in range(0, len(units), _CHUNK)]
    chunks = shared_out(_parse_span, spans, units, parallel=len(units) >= PARALLEL_FROM)
    for sent in chunks:
        yield [ParsedRow._make(row) for row in sent]
