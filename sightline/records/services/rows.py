"""The stored rows' columns, and each row assembled from a prepared record and its ids.

Rows are plain tuples in the order of the *_COLUMNS beside them, written with
sightline.core.bulk: building a model instance per row cost more than everything else an
import does. Each prepared record's values sit in one stretch of its version's columns.
"""

from typing import Any
from uuid import UUID

from sightline.records.services.prepared import (
    PreparedEvent,
    PreparedPerson,
    PreparedRelationship,
)

Row = tuple[Any, ...]

PERSON_COLUMNS = ("id", "agency_id", "source_reference", "created_by_id")
PERSON_VERSION_COLUMNS = (
    "id", "person_id", "number",
    # PreparedPerson.values:
    "given_name", "family_name", "date_of_birth", "date_of_birth_precision",
    "expected_date_of_birth", "date_of_death", "sex", "upn_unknown_reason", "first_language",
    "interpreter_needed", "ethnicity", "disabilities", "confidentiality", "search_text",
    # then
    "digest", "author_id", "reason",
)  # fmt: skip
NAME_COLUMNS = ("version_id", "kind", "given_name", "family_name")
ADDRESS_COLUMNS = (
    "version_id", "line1", "line2", "town", "postcode", "uprn", "start", "end", "confidentiality",
)  # fmt: skip
IDENTIFIER_COLUMNS = ("version_id", "scheme", "value")

RELATIONSHIP_COLUMNS = ("id", "agency_id", "kind", "source_reference")
RELATIONSHIP_VERSION_COLUMNS = (
    "id", "relationship_id", "number", "person_id", "counterpart_person_id",
    "counterpart_agency_id", "worker_id",
    # PreparedRelationship.values:
    "worker_name", "start", "end", "details",
    # then
    "digest", "author_id", "reason",
)  # fmt: skip

EVENT_COLUMNS = ("id", "agency_id", "kind", "source_reference", "created_by_id")
EVENT_VERSION_COLUMNS = (
    "id", "event_id", "number",
    # PreparedEvent.values:
    "occurred_at", "occurred_precision", "source_recorded_at", "recorded_by",
    "local_authority_code", "summary", "details", "child_seen", "child_seen_code",
    "child_seen_alone", "child_seen_alone_code", "child_voice", "child_voice_code", "child_words",
    "interpreter", "interpreter_code", "interpreter_flagged", "cin_factors", "sensitivity",
    # then
    "digest", "author_id", "reason",
)  # fmt: skip
SUBJECT_COLUMNS = ("version_id", "recorded_person_id", "role")


class Signature:
    """Who wrote a version and why: the same for every row one writer writes."""

    def __init__(self, author_id: int | None, reason: str) -> None:
        self.author_id = author_id
        self.reason = reason

    def tail(self, number: int, digest: str) -> Row:
        return (digest, self.author_id, "" if number == 1 else self.reason)


def person_version_rows(
    person: PreparedPerson, version_id: UUID, person_id: UUID, number: int, tail: Row
) -> tuple[Row, list[Row], list[Row], list[Row]]:
    """(version row, name rows, address rows, identifier rows)."""
    return (
        (version_id, person_id, number, *person.values, *tail),
        [(version_id, *name) for name in person.names],
        [(version_id, *address) for address in person.addresses],
        [(version_id, *identifier) for identifier in person.identifiers],
    )


def event_version_row(
    event: PreparedEvent, version_id: UUID, event_id: UUID, number: int, tail: Row
) -> Row:
    return (version_id, event_id, number, *event.values, *tail)


def relationship_version_row(
    relationship: PreparedRelationship,
    version_id: UUID,
    relationship_id: UUID,
    number: int,
    resolved: Row,
    tail: Row,
) -> Row:
    """resolved: (person id, counterpart person id, counterpart agency id, worker id)."""
    return (version_id, relationship_id, number, *resolved, *relationship.values, *tail)
