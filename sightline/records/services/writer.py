"""The one write path for persons, relationships and events.

A form, an API call and a whole import file all end here. The writer takes validated input,
decides per record whether it is new, unchanged (same agency, same source reference, same
content) or amended (a new version), and writes rows and audit entries in bulk inside the
caller's transaction. Nothing is ever updated in place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import connection
from django.db.models import Max

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record_many
from sightline.core.bulk import insert_rows
from sightline.core.exceptions import Conflict, FieldProblem, InvalidInput
from sightline.core.ids import new_uuids
from sightline.records.data import Outcome, SaveResult
from sightline.records.models import (
    Event,
    EventSubject,
    EventVersion,
    PersonAddress,
    PersonIdentifier,
    PersonName,
    RecordedPerson,
    RecordedPersonVersion,
    Relationship,
    RelationshipVersion,
)
from sightline.records.services import rows
from sightline.records.services.items import EventItem, PersonItem, RelationshipItem
from sightline.records.services.prepared import (
    PreparedEvent,
    PreparedPerson,
    PreparedRelationship,
    event_digest,
    person_digest,
    prepare_event,
    prepare_person,
    prepare_relationship,
    relationship_digest,
)
from sightline.records.services.rows import Row

if TYPE_CHECKING:
    from sightline.accounts.models import User
    from sightline.records.schema.events import EventIn
    from sightline.records.schema.persons import PersonIn
    from sightline.records.schema.relationships import RelationshipIn

AMENDED_BY_IMPORT = "re-imported"
_LOOKUP_CHUNK = 2_000  # references per lookup query: few round trips, well under any limit


@dataclass
class _Existing:
    record_id: UUID
    number: int
    digest: str
    version_id: UUID
    kind: str = ""


def _latest_versions(version_model: Any, fk: str, record_ids: list[UUID]) -> dict[UUID, Any]:
    latest = (
        version_model.objects.filter(**{f"{fk}__in": record_ids})
        .values(fk)
        .annotate(last=Max("number"))
    )
    last_number = {row[fk]: row["last"] for row in latest}
    return {
        row[fk]: row
        for row in version_model.objects.filter(
            **{f"{fk}__in": record_ids}, number__in=set(last_number.values())
        ).values(fk, "number", "digest", "id")
        if last_number[row[fk]] == row["number"]
    }


def _existing(
    model: Any, version_model: Any, fk: str, keys: set[tuple[UUID, str]]
) -> dict[tuple[UUID, str], _Existing]:
    """Latest version of every record already stored under (agency, source reference)."""
    found: dict[tuple[UUID, str], _Existing] = {}
    by_agency: dict[UUID, list[str]] = defaultdict(list)
    for agency_id, ref in keys:
        if ref:
            by_agency[agency_id].append(ref)
    with_kind = ["kind"] if hasattr(model, "kind") else []
    for agency_id, refs in by_agency.items():
        for start in range(0, len(refs), _LOOKUP_CHUNK):
            records = {
                r["id"]: r
                for r in model.objects.filter(
                    agency_id=agency_id, source_reference__in=refs[start : start + _LOOKUP_CHUNK]
                ).values("id", "source_reference", *with_kind)
            }
            if not records:
                continue
            latest = _latest_versions(version_model, fk, list(records))
            for record_id, record in records.items():
                row = latest[record_id]
                found[(agency_id, record["source_reference"])] = _Existing(
                    record_id, row["number"], row["digest"], row["id"], record.get("kind", "")
                )
    return found


def _prepared_person(data: PersonIn | PreparedPerson) -> PreparedPerson:
    return data if isinstance(data, PreparedPerson) else prepare_person(data)


def _prepared_event(data: EventIn | PreparedEvent) -> PreparedEvent:
    return data if isinstance(data, PreparedEvent) else prepare_event(data)


def _prepared_relationship(data: RelationshipIn | PreparedRelationship) -> PreparedRelationship:
    return data if isinstance(data, PreparedRelationship) else prepare_relationship(data)


class RecordWriter:
    """Writes validated records inside the caller's transaction, with their audit entries."""

    def __init__(
        self, *, actor: User | None, reason: str = AMENDED_BY_IMPORT, import_id: UUID | None = None
    ) -> None:
        """reason: written on every amendment this writer makes; empty means "create only"."""
        if not connection.in_atomic_block:
            raise RuntimeError("RecordWriter must run inside the caller's transaction")
        self.actor = actor
        self.actor_id: int | None = actor.pk if actor else None
        self.reason = reason
        self.import_id = import_id
        self._import_text = str(import_id)
        self.signature = rows.Signature(self.actor_id, reason)

    def _payload(self, version_id: UUID, digest: str, **extra: Any) -> dict[str, Any]:
        # Ids as text once, here: the audit trail stores them as text.
        payload: dict[str, Any] = {"version_id": str(version_id), "digest": digest, **extra}
        if self.import_id:
            payload["import_id"] = self._import_text
        return payload

    def _decide(self, existing: _Existing | None, digest: str) -> tuple[Outcome, UUID | None, int]:
        if existing is None:
            return Outcome.CREATED, None, 1
        if existing.digest == digest:
            return Outcome.UNCHANGED, existing.record_id, existing.number
        if not self.reason:
            raise Conflict(
                "A record with this source reference already exists with different content; "
                "amend it, with a reason, instead."
            )
        return Outcome.AMENDED, existing.record_id, existing.number + 1

    def _audit(
        self, action: AuditAction, model: str, agency_id: UUID, person: UUID,
        payload: dict[str, Any],
    ) -> AuditDraft:  # fmt: skip
        """The entry for one version written; its payload names the version (see _payload)."""
        return AuditDraft(
            action=action,
            subject=SubjectRef("records", model, payload["version_id"]),
            actor_id=self.actor_id,
            agency_id=agency_id,
            recorded_person_id=person,
            payload=payload,
        )

    def _finish(self, results: list[SaveResult], audits: list[AuditDraft]) -> list[SaveResult]:
        audit_record_many(audits)
        return results

    # ------------------------------------------------------------------ persons
    def persons(self, items: Sequence[PersonItem]) -> list[SaveResult]:
        prepared = [_prepared_person(i.data) for i in items]
        existing = _existing(
            RecordedPerson,
            RecordedPersonVersion,
            "person_id",
            {(i.agency_id, p.source_reference) for i, p in zip(items, prepared, strict=True)},
        )
        records: list[Row] = []
        versions: list[Row] = []
        names: list[Row] = []
        addresses: list[Row] = []
        identifiers: list[Row] = []
        audits, results = [], []
        ids = new_uuids(2 * len(items))  # a record id and a version id each, at most
        for item, person in zip(items, prepared, strict=True):
            key = (item.agency_id, person.source_reference)
            digest = person_digest(person)
            found = existing.get(key) if person.source_reference else None
            outcome, record_id, number = self._decide(found, digest)
            if outcome is Outcome.UNCHANGED:
                assert found is not None
                results.append(SaveResult(outcome, found.record_id, found.version_id, number))
                continue
            if record_id is None:
                record_id = next(ids)
                records.append((record_id, *key, self.actor_id))
            version_id = next(ids)
            version, *children = rows.person_version_rows(
                person, version_id, record_id, number, self.signature.tail(number, digest)
            )
            versions.append(version)
            names += children[0]
            addresses += children[1]
            identifiers += children[2]
            created = number == 1
            audits.append(
                self._audit(
                    AuditAction.RECORDED_PERSON_CREATED if created
                    else AuditAction.RECORDED_PERSON_AMENDED,
                    "recordedpersonversion", item.agency_id, record_id,
                    self._payload(version_id, digest, **({} if created else {"number": number})),
                )
            )  # fmt: skip
            results.append(SaveResult(outcome, record_id, version_id, number))
            existing[key] = _Existing(record_id, number, digest, version_id)
        insert_rows(RecordedPerson, rows.PERSON_COLUMNS, records)
        insert_rows(RecordedPersonVersion, rows.PERSON_VERSION_COLUMNS, versions)
        insert_rows(PersonName, rows.NAME_COLUMNS, names)
        insert_rows(PersonAddress, rows.ADDRESS_COLUMNS, addresses)
        insert_rows(PersonIdentifier, rows.IDENTIFIER_COLUMNS, identifiers)
        return self._finish(results, audits)

    # ------------------------------------------------------------------ relationships
    def relationships(self, items: Sequence[RelationshipItem]) -> list[SaveResult]:
        prepared = [_prepared_relationship(i.data) for i in items]
        keyed = list(zip(items, prepared, strict=True))
        existing = _existing(
            Relationship,
            RelationshipVersion,
            "relationship_id",
            {(i.agency_id, p.source_reference) for i, p in keyed},
        )
        self._refuse_kind_changes([(i.agency_id, p, i.row) for i, p in keyed], existing)
        records: list[Row] = []
        versions: list[Row] = []
        audits, results = [], []
        ids = new_uuids(2 * len(items))
        for item, relationship in keyed:
            key = (item.agency_id, relationship.source_reference)
            resolved = (
                item.person_id, item.counterpart_person_id, item.counterpart_agency_id,
                item.worker_id,
            )  # fmt: skip
            digest = relationship_digest(relationship, resolved)
            found = existing.get(key) if relationship.source_reference else None
            outcome, record_id, number = self._decide(found, digest)
            if outcome is Outcome.UNCHANGED:
                assert found is not None
                results.append(SaveResult(outcome, found.record_id, found.version_id, number))
                continue
            kind = relationship.kind
            if record_id is None:
                record_id = next(ids)
                records.append((record_id, item.agency_id, kind, relationship.source_reference))
            version_id = next(ids)
            versions.append(
                rows.relationship_version_row(
                    relationship, version_id, record_id, number, resolved,
                    self.signature.tail(number, digest),
                )
            )  # fmt: skip
            created = number == 1
            audits.append(
                self._audit(
                    AuditAction.RELATIONSHIP_CREATED if created
                    else AuditAction.RELATIONSHIP_AMENDED,
                    "relationshipversion", item.agency_id, item.person_id,
                    self._payload(version_id, digest,
                                  **({"kind": kind} if created else {"number": number})),
                )
            )  # fmt: skip
            results.append(SaveResult(outcome, record_id, version_id, number))
            existing[key] = _Existing(record_id, number, digest, version_id, kind)
        insert_rows(Relationship, rows.RELATIONSHIP_COLUMNS, records)
        insert_rows(RelationshipVersion, rows.RELATIONSHIP_VERSION_COLUMNS, versions)
        return self._finish(results, audits)

    # ------------------------------------------------------------------ events
    def events(self, items: Sequence[EventItem]) -> list[SaveResult]:
        prepared = [_prepared_event(i.data) for i in items]
        keyed = list(zip(items, prepared, strict=True))
        existing = _existing(
            Event, EventVersion, "event_id", {(i.agency_id, p.source_reference) for i, p in keyed}
        )
        self._refuse_kind_changes([(i.agency_id, p, i.row) for i, p in keyed], existing)
        records: list[Row] = []
        versions: list[Row] = []
        subjects: list[Row] = []
        audits, results = [], []
        ids = new_uuids(2 * len(items))
        for item, event in keyed:
            key = (item.agency_id, event.source_reference)
            digest = event_digest(event, item.subject_ids)
            found = existing.get(key) if event.source_reference else None
            outcome, record_id, number = self._decide(found, digest)
            if outcome is Outcome.UNCHANGED:
                assert found is not None
                results.append(SaveResult(outcome, found.record_id, found.version_id, number))
                continue
            if record_id is None:
                record_id = next(ids)
                records.append((record_id, item.agency_id, event.kind, key[1], self.actor_id))
            version_id = next(ids)
            versions.append(
                rows.event_version_row(
                    event, version_id, record_id, number, self.signature.tail(number, digest)
                )
            )
            subjects += [(version_id, person_id, role) for person_id, role in item.subject_ids]
            audits += self._event_audits(item, event.kind, version_id, digest, number)
            results.append(SaveResult(outcome, record_id, version_id, number))
            existing[key] = _Existing(record_id, number, digest, version_id, event.kind)
        insert_rows(Event, rows.EVENT_COLUMNS, records)
        insert_rows(EventVersion, rows.EVENT_VERSION_COLUMNS, versions)
        insert_rows(EventSubject, rows.SUBJECT_COLUMNS, subjects)
        return self._finish(results, audits)

    def _event_audits(
        self, item: EventItem, kind: str, version_id: UUID, digest: str, number: int
    ) -> list[AuditDraft]:
        """One entry per child the event is about, so each child's trail is complete."""
        children = [pid for pid, role in item.subject_ids if role == "child_subject"] or [
            item.subject_ids[0][0]
        ]
        created = number == 1
        action = AuditAction.EVENT_CREATED if created else AuditAction.EVENT_AMENDED
        extra = {"kind": kind} if created else {"number": number}
        payload = self._payload(version_id, digest, **extra)
        return [
            self._audit(action, "eventversion", item.agency_id, child, payload)
            for child in children
        ]

    @staticmethod
    def _refuse_kind_changes(
        records: Sequence[tuple[UUID, PreparedEvent | PreparedRelationship, int | None]],
        existing: dict[tuple[UUID, str], _Existing],
    ) -> None:
        """A stored record keeps its kind; every attempt to change one is named at once."""
        problems = []
        for agency_id, record, row in records:
            found = existing.get((agency_id, record.source_reference))
            if found and record.source_reference and found.kind != record.kind:
                message = (
                    f"this source reference is already a {found.kind.replace('_', ' ')}; its "
                    f"kind cannot change to {record.kind.replace('_', ' ')} "
                    "(record a new one instead)"
                )
                problems.append(FieldProblem(field="kind", message=message, row=row))
        if problems:
            raise InvalidInput(problems)
