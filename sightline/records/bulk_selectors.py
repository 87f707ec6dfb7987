"""Reads of many records' current state at once, by hand-written SQL, for Sightline's own
work as events arrive (evaluating the risk rules): one to three queries for up to 2,000 records
(core.sql.typed_rows_for), with nothing composed per call. Unscoped ids, codes, dates and
structured details; what a practitioner is shown is decided elsewhere.

Each record, event and relationship keeps every version; the current one is the version with
the highest number, picked in the query (events, through the unique index on (event, number))
or here from all of a record's few versions.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from sightline.core.sql import columns, subqueries_first, typed_rows, typed_rows_for
from sightline.records.data import EntryFacts, ServiceSpan
from sightline.records.models import (
    Event,
    EventSubject,
    EventVersion,
    RecordedPerson,
    RecordedPersonVersion,
    Relationship,
    RelationshipVersion,
)

# ------------------------------------------------------------------------- dates of birth

_BIRTH_SQL = """
    SELECT person_id, number, date_of_birth, date_of_birth_precision
    FROM records_recordedpersonversion
"""
_BIRTH_FIELDS = columns(
    RecordedPersonVersion, "person", "number", "date_of_birth", "date_of_birth_precision"
)


def recorded_person_birth_map(
    *, ids: Iterable[UUID] | None = None
) -> dict[UUID, tuple[date | None, str]]:
    """Each recorded person's date of birth and its precision, from its current version (all
    recorded persons with None): for Sightline's own work (who is a child)."""
    if ids is None:
        rows = typed_rows(_BIRTH_SQL, [], _BIRTH_FIELDS)
    else:
        rows = typed_rows_for(f"{_BIRTH_SQL} WHERE person_id IN ({{ids}})", ids, _BIRTH_FIELDS)
    latest: dict[UUID, tuple[int, date | None, str]] = {}
    for person, number, born, precision in rows:
        if person not in latest or latest[person][0] < number:
            latest[person] = (number, born, precision)
    return {person: (born, precision) for person, (_, born, precision) in latest.items()}


_AGENCY_SQL = "SELECT id, agency_id FROM records_recordedperson WHERE id IN ({ids})"
_AGENCY_FIELDS = columns(RecordedPerson, "id", "agency")


def recorded_person_agency_map(*, ids: Iterable[UUID]) -> dict[UUID, UUID]:
    """Each recorded person's holding agency (for Sightline's own work: whom a signal about
    the child is answerable to)."""
    return dict(typed_rows_for(_AGENCY_SQL, ids, _AGENCY_FIELDS))


# --------------------------------------------------------------------------------- events

_SUBJECTS_OF_EVENTS = """
    SELECT DISTINCT recorded_person_id FROM records_eventsubject WHERE version_id {IN}
        SELECT id FROM records_eventversion WHERE event_id IN ({ids})
    {END}
"""


def event_subject_records(*, event_ids: Iterable[UUID]) -> set[UUID]:
    """The recorded persons any version of these events names: whose chronology they are (or
    were, before an amendment took a subject out) part of."""
    sql = subqueries_first(_SUBJECTS_OF_EVENTS)
    subject = columns(EventSubject, "recorded_person")
    return {record for (record,) in typed_rows_for(sql, event_ids, subject)}


_SUBJECTS_OF_PERSONS = """
    SELECT version_id, recorded_person_id, role FROM records_eventsubject
    WHERE recorded_person_id IN ({ids})
"""
# Each event that names one of `{ids}` in any version, in its current version.
_ENTRY_SQL = """
    SELECT version.id, version.event_id, version.number, event.kind, event.agency_id,
           agency.name, agency.kind, event.received_at, version.occurred_at,
           version.occurred_precision, version.source_recorded_at, version.received_at,
           version.recorded_by, version.summary, version.sensitivity, version.child_seen,
           version.child_seen_alone, version.child_voice, version.cin_factors, version.details
    FROM records_eventversion version
    JOIN records_event event ON event.id = version.event_id
    JOIN agencies_agency agency ON agency.id = event.agency_id
    WHERE version.event_id {IN}
        SELECT named.event_id FROM records_eventversion named WHERE named.id {IN}
            SELECT asked.version_id FROM records_eventsubject asked
            WHERE asked.recorded_person_id IN ({ids})
        {END}
    {END}
    AND version.number = (
        SELECT MAX(newest.number) FROM records_eventversion newest
        WHERE newest.event_id = version.event_id
    )
"""
_ENTRY_FIELDS = [
    *columns(EventVersion, "id", "event", "number"),
    *columns(Event, "kind", "agency"),
    None,  # the agency's name and kind: text as stored
    None,
    *columns(Event, "received_at"),
    *columns(EventVersion, "occurred_at", "occurred_precision", "source_recorded_at"),
    *columns(EventVersion, "received_at", "recorded_by", "summary", "sensitivity"),
    *columns(EventVersion, "child_seen", "child_seen_alone", "child_voice", "cin_factors"),
    *columns(EventVersion, "details"),
]


def current_entry_list(*, person_ids: Iterable[UUID]) -> list[EntryFacts]:
    """As records' event_entry_list(person_ids=…, whole_details=True) gives them (each event
    about any of these recorded persons in its current version, with the roles these recorded
    persons have in it; oldest first), in two queries for each 2,000 records."""
    asked = set(person_ids)
    named: dict[UUID, set[tuple[UUID, str]]] = defaultdict(set)
    subject_fields = columns(EventSubject, "version", "recorded_person", "role")
    for version, record, role in typed_rows_for(_SUBJECTS_OF_PERSONS, asked, subject_fields):
        named[version].add((record, role))
    entries = [
        entry_facts(row, row[19] or {}, tuple(sorted(named[row[0]], key=str)))
        for row in typed_rows_for(subqueries_first(_ENTRY_SQL), asked, _ENTRY_FIELDS)
        if row[0] in named
    ]
    return sorted(entries, key=lambda e: (e.occurred_at, e.received_at, str(e.event_id)))


def entry_facts(
    row: tuple[Any, ...], details: dict[str, Any], subjects: tuple[tuple[UUID, str], ...]
) -> EntryFacts:
    """An entry from a row of the event columns both event readers select (the first 19 of
    _ENTRY_SQL's, in that order), with its details and subjects."""
    (version_id, event_id, number, kind, agency_id, agency_name, agency_kind, first_received,
     occurred, precision, source_recorded, received, recorded_by, summary, sensitivity, seen,
     seen_alone, voice, factors) = row[:19]  # fmt: skip
    return EntryFacts(
        event_id=event_id,
        kind=kind,
        agency_id=agency_id,
        agency_name=agency_name,
        agency_kind=agency_kind,
        number=number,
        occurred_at=occurred,
        occurred_precision=precision,
        source_recorded_at=source_recorded,
        first_received_at=first_received,
        received_at=received,
        recorded_by=recorded_by,
        summary=summary,
        details=details,
        sensitivity=sensitivity,
        child_seen=seen,
        child_seen_alone=seen_alone,
        child_voice=voice,
        subjects=subjects,
        version_id=version_id,
        cin_factors=tuple(factors or ()),
    )


# ------------------------------------------------------------------------- relationships

# Every version of every relationship any version of which names one of the persons (an
# amendment may have named someone else); each relationship's kind and agency by its primary key,
# so that no join is left for the planner to get wrong on tables it has not analysed.
_RELATIONSHIP_VERSIONS_OF_PERSONS = """
    SELECT version.relationship_id, version.number, version.person_id,
           version.counterpart_agency_id, version.worker_id, version.start, version."end",
           version.details,
           (SELECT kind FROM records_relationship WHERE id = version.relationship_id),
           (SELECT agency_id FROM records_relationship WHERE id = version.relationship_id)
    FROM records_relationshipversion version WHERE version.relationship_id {IN}
        SELECT relationship_id FROM records_relationshipversion WHERE person_id IN ({ids})
    {END}
"""
_VERSION_FIELDS = [
    *columns(
        RelationshipVersion, "relationship", "number", "person", "counterpart_agency", "worker",
        "start", "end", "details",
    ),
    *columns(Relationship, "kind", "agency"),
]  # fmt: skip


def service_span_list(*, person_ids: Iterable[UUID], kinds: Iterable[str]) -> list[ServiceSpan]:
    """Every relationship of these kinds of these recorded persons over its whole life, as its
    latest version says, earliest start first. One query for each 2,000 records (the kinds are
    picked here: joined in SQL, PostgreSQL scans every relationship when it has not analysed
    the table yet)."""
    asked = set(person_ids)
    wanted = set(kinds)
    sql = subqueries_first(_RELATIONSHIP_VERSIONS_OF_PERSONS)
    latest: dict[UUID, tuple[Any, ...]] = {}
    for row in typed_rows_for(sql, asked, _VERSION_FIELDS):
        relationship, number, kind = row[0], row[1], row[8]
        if kind in wanted and (relationship not in latest or latest[relationship][1] < number):
            latest[relationship] = row
    spans = []
    for _, _, person, counterpart, worker, start, end, details, kind, agency in latest.values():
        if person in asked:
            spans.append(
                ServiceSpan(person, kind, counterpart or agency, worker, start, end, details or {})
            )
    return sorted(spans, key=lambda s: (s.start, s.kind, str(s.recorded_person_id)))
