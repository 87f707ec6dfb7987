"""Validated records turned into what the writer stores: the digest of their canonical content
and their column values, before any reference is resolved or any id is given. A record's full
digest adds the ids its references resolve to (SHA-256 over both).

Pure: no database, no clock. That lets an import prepare its rows in several processes at
once; forms and the API prepare their single record here too, so every path stores, and
digests, the same thing in the same way.
"""

from typing import Any, NamedTuple
from uuid import UUID

from sightline.core.bulk import JSONText
from sightline.records.schema.events import EventIn
from sightline.records.schema.folding import fold
from sightline.records.schema.persons import PersonIn
from sightline.records.schema.relationships import RelationshipIn
from sightline.records.schema.times import Precision
from sightline.records.services.digests import canonical_json, digest_of

Row = tuple[Any, ...]

_RELATIONSHIP_REFERENCES = {"person", "counterpart_person", "counterpart_agency", "worker"}


class PreparedPerson(NamedTuple):
    source_reference: str
    content_digest: str  # of everything the record holds
    values: Row  # rows.PERSON_VERSION_COLUMNS between "number" and "digest"
    names: tuple[Row, ...]  # each row without its version id
    addresses: tuple[Row, ...]
    identifiers: tuple[Row, ...]


class PreparedEvent(NamedTuple):
    source_reference: str
    kind: str
    # (the agency's own person reference, or Sightline's recorded person id; role)
    subjects: tuple[tuple[str | None, UUID | None, str], ...]
    content_digest: str  # of everything but the subjects, which are resolved later
    values: Row  # rows.EVENT_VERSION_COLUMNS between "number" and "digest"


class PreparedRelationship(NamedTuple):
    source_reference: str
    kind: str
    # The references, resolved to ids by the caller (named as in RelationshipIn).
    person: str
    counterpart_person: str | None
    counterpart_agency: str | None
    worker: str | None
    content_digest: str  # of everything but the references, which are resolved later
    values: Row  # rows.RELATIONSHIP_VERSION_COLUMNS between "worker_id" and "digest"


def _search_text(data: PersonIn) -> str:
    names = [data.given_name, data.family_name]
    names += [part for n in data.other_names for part in (n.given_name, n.family_name)]
    return " ".join(fold(n) for n in names if n)[:1000]


def prepare_person(data: PersonIn) -> PreparedPerson:
    content = data.model_dump(mode="json", exclude={"source_reference"})
    values = (
        data.given_name, data.family_name, data.date_of_birth,
        data.date_of_birth_precision.value if data.date_of_birth_precision else "",
        data.expected_date_of_birth, data.date_of_death, data.sex, data.upn_unknown_reason,
        data.first_language, data.interpreter_needed, data.ethnicity,
        JSONText(canonical_json(content["disabilities"])), data.confidentiality.value,
        _search_text(data),
    )  # fmt: skip
    return PreparedPerson(
        source_reference=data.source_reference,
        content_digest=digest_of(canonical_json(content)),
        values=values,
        names=tuple((n.kind, n.given_name, n.family_name) for n in data.other_names),
        addresses=tuple(
            (a.line1, a.line2, a.town, a.postcode, a.uprn, a.start, a.end, a.confidentiality.value)
            for a in data.addresses
        ),
        identifiers=tuple((i.scheme.value, i.value) for i in data.identifiers),
    )


def person_digest(person: PreparedPerson) -> str:
    return person.content_digest


def prepare_event(data: EventIn) -> PreparedEvent:
    content = data.model_dump(mode="json", exclude={"source_reference", "subjects", "details"})
    # Dumped on their own: the field is typed as the base class, which pydantic would
    # serialise as an empty object.
    content["details"] = details = data.details.model_dump(mode="json")
    values = (
        data.occurred_at, (data.occurred_precision or Precision.EXACT).value,
        data.source_recorded_at,
        data.recorded_by, data.local_authority_code, data.summary,
        JSONText(canonical_json(details)), data.child_seen.answer.value, data.child_seen.code,
        data.child_seen_alone.answer.value, data.child_seen_alone.code,
        data.child_voice.answer.value, data.child_voice.code, data.child_words,
        data.interpreter.answer.value, data.interpreter.code, data.interpreter_flagged,
        JSONText(canonical_json(content["cin_factors"])), data.sensitivity.value,
    )  # fmt: skip
    return PreparedEvent(
        source_reference=data.source_reference,
        kind=data.kind.value,
        subjects=tuple((s.person, s.recorded_person_id, s.role.value) for s in data.subjects),
        content_digest=digest_of(canonical_json(content)),
        values=values,
    )


def event_digest(event: PreparedEvent, subject_ids: tuple[tuple[UUID, str], ...]) -> str:
    """The subjects count as the recorded persons they resolved to, in any order."""
    subjects = sorted([str(person_id), role] for person_id, role in subject_ids)
    return digest_of(event.content_digest, canonical_json(subjects))


def prepare_relationship(data: RelationshipIn) -> PreparedRelationship:
    content = data.model_dump(mode="json", exclude={"source_reference", "details"})
    for reference in _RELATIONSHIP_REFERENCES:
        content.pop(reference)
    content["details"] = details = data.details.model_dump(mode="json")  # see prepare_event
    return PreparedRelationship(
        source_reference=data.source_reference,
        kind=data.kind.value,
        person=data.person,
        counterpart_person=data.counterpart_person,
        counterpart_agency=data.counterpart_agency,
        worker=data.worker,
        content_digest=digest_of(canonical_json(content)),
        values=(data.worker_name, data.start, data.end, JSONText(canonical_json(details))),
    )


def relationship_digest(relationship: PreparedRelationship, resolved: Row) -> str:
    """resolved: (person id, counterpart person id, counterpart agency id, worker id)."""
    ids = canonical_json([str(v or "") for v in resolved])
    return digest_of(relationship.content_digest, ids)
