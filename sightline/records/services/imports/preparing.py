"""Each row on its own: parsed, validated by the shared validator for its record type, and
prepared for writing. Pure work on one row at a time, so a large file is shared out among
worker processes while the importing process writes the rows already checked."""

import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel

from sightline.core.exceptions import InvalidInput
from sightline.records.services.imports.csv_layout import unflatten
from sightline.records.services.imports.reading import Unit
from sightline.records.services.imports.report import RecordType
from sightline.records.services.prepared import (
    PreparedEvent,
    PreparedPerson,
    PreparedRelationship,
    prepare_event,
    prepare_person,
    prepare_relationship,
)
from sightline.records.services.validation import event_parse, person_parse, relationship_parse

Prepared = PreparedPerson | PreparedRelationship | PreparedEvent

# Below this many rows, starting worker processes costs more than it saves.
PARALLEL_FROM = 5_000
_CHUNK = 500
_RECORD_TYPES = frozenset(t.value for t in RecordType)
_RECORD_TYPES_BY_VALUE = {t.value: t for t in RecordType}
_STEPS: dict[str, tuple[Callable[..., BaseModel], Callable[[Any], Prepared]]] = {
    RecordType.PERSON: (person_parse, prepare_person),
    RecordType.RELATIONSHIP: (relationship_parse, prepare_relationship),
    RecordType.EVENT: (event_parse, prepare_event),
}


class PreparedRow(NamedTuple):
    row: int
    record_type: RecordType | None  # None when missing or unknown (a problem says which)
    agency_code: str | None  # as the row gave it; None means the file's default agency
    reference: str | None
    problems: tuple[tuple[str, str], ...]  # (field, message)
    record: Prepared | None  # None when the row has problems


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _record_type(value: Any, problems: list[tuple[str, str]]) -> RecordType | None:
    text = _text(value)
    if text in _RECORD_TYPES:
        return RecordType(text)
    given = "missing" if text is None else f"{value!r} is not a record type"
    problems.append(("record_type", f"{given}: use person, relationship or event"))
    return None


def _raw(unit: Unit, problems: list[tuple[str, str]]) -> dict[str, Any] | None:
    _, content = unit
    if isinstance(content, dict):
        raw, layout_problems = unflatten(content)
        problems += layout_problems
        return raw
    try:
        raw = json.loads(content)
    except json.JSONDecodeError as error:
        problems.append(("record", f"not valid JSON ({error.msg} at column {error.colno})"))
        return None
    if not isinstance(raw, dict):
        problems.append(("record", "each line must be one JSON object ({...})"))
        return None
    return raw


class ParsedRow(NamedTuple):
    """A row validated by the shared validator for its record type, not yet prepared for
    writing (replay reads a file this way without storing anything)."""

    row: int
    record_type: RecordType | None
    agency_code: str | None
    reference: str | None
    problems: tuple[tuple[str, str], ...]
    record: BaseModel | None  # PersonIn, RelationshipIn or EventIn; None when it has problems


def parse_unit(unit: Unit) -> ParsedRow:
    problems: list[tuple[str, str]] = []
    raw = _raw(unit, problems)
    if raw is None:
        return ParsedRow(unit[0], None, None, None, tuple(problems), None)
    laid_out = not problems  # a row whose cells could not be laid out is not validated
    record_type = _record_type(raw.pop("record_type", None), problems)
    agency_code = _text(raw.pop("agency", None))
    reference = _text(raw.get("source_reference"))
    if reference is None:
        problems.append(
            ("source_reference", "required in a file: it is what makes importing it again safe")
        )
    record = None
    if record_type is not None and laid_out:
        try:
            record = _STEPS[record_type][0](raw)
        except InvalidInput as error:
            problems += [(p.field, p.message) for p in error.problems]
        if problems:
            record = None
    return ParsedRow(unit[0], record_type, agency_code, reference, tuple(problems), record)


def prepare_unit(unit: Unit) -> PreparedRow:
    parsed = parse_unit(unit)
    record = None
    if parsed.record is not None and parsed.record_type is not None:
        record = _STEPS[parsed.record_type][1](parsed.record)
    row, record_type, agency_code, reference, problems, _ = parsed
    return PreparedRow(row, record_type, agency_code, reference, problems, record)


# Worker processes are forked with the rows already in memory and are sent only where to
# start and stop, so a large file is never copied between processes, only its results.
_UNITS: list[Unit] = []


def _remember(units: list[Unit]) -> None:
    global _UNITS  # set once in each worker process, before any work
    _UNITS = units


# A prepared row travels back from a worker as plain tuples: unpickling named tuples costs
# the importing process, which has the writing to do, several times as much.
_Sent = tuple[
    int, str | None, str | None, str | None, tuple[tuple[str, str], ...], int, tuple[Any, ...]
]
_RECORD_CLASSES: tuple[type[Prepared], ...] = (PreparedPerson, PreparedRelationship, PreparedEvent)
_NO_RECORD = -1


def _sent(prepared: PreparedRow) -> _Sent:
    record = prepared.record
    return (
        prepared.row,
        prepared.record_type.value if prepared.record_type else None,
        prepared.agency_code,
        prepared.reference,
        prepared.problems,
        _NO_RECORD if record is None else _RECORD_CLASSES.index(type(record)),
        tuple(record) if record is not None else (),
    )


def _received(sent: _Sent) -> PreparedRow:
    row, record_type, agency_code, reference, problems, record_class, fields = sent
    record = None if record_class == _NO_RECORD else _RECORD_CLASSES[record_class]._make(fields)
    return PreparedRow(
        row, _RECORD_TYPES_BY_VALUE.get(record_type or ""), agency_code, reference, problems, record
    )


def _prepare_span(span: tuple[int, int]) -> list[_Sent]:
    return [_sent(prepare_unit(unit)) for unit in _UNITS[span[0] : span[1]]]


def _workers() -> int:
    """One worker process per processor but one: the importing process needs a processor of
    its own, to write what the workers have checked while they check the next rows."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    processors = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    return processors - 1


def prepare_units(units: list[Unit]) -> Iterator[list[PreparedRow]]:
    """Prepared rows, in file order, a chunk at a time."""
    spans = [(start, start + _CHUNK) for start in range(0, len(units), _CHUNK)]
    workers = _workers()
    if len(units) < PARALLEL_FROM or workers < 1:
        for start, stop in spans:
            yield [prepare_unit(unit) for unit in units[start:stop]]
        return
    # Forked workers do pure work only: they never touch the database connection they inherit.
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_remember, initargs=(units,)) as pool:
        for sent in pool.imap(_prepare_span, spans):
            yield [_received(row) for row in sent]
