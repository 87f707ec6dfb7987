"""The one write path for persons, relationships and events.

A form, an API call and a whole import file all end here. The writer takes validated input,
decides per record whether it is new, unchanged (same agency, same source reference, same
content) or amended (a new version), and writes rows and audit entries in bulk inside the
caller's transaction. Nothing is ever updated in place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from django.db import connection
from django.db.models import Max

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record_many
from sightline.core.exceptions import Conflict, FieldProblem, InvalidInput
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
from sightline.records.services.digests import content_digest
from sightline.records.services.items import EventItem, PersonItem, RelationshipItem
from sightline.records.services.rows import (
    event_content,
    event_version_row,
    person_content,
    person_version_rows,
    relationship_content,
    relationship_version_row,
)

AMENDED_BY_IMPORT = "re-imported"


@dataclass
class _Existing:
    record_id: UUID
    number: int
    digest: str
    version_id: UUID
    kind: str = ""


@dataclass
class WriteSummary:
    results: list[SaveResult] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)


def _existing(
    model: Any, version_model: Any, fk: str, keys: set[tuple[UUID, str]]
) -> dict[tuple[UUID, str], _Existing]:
    """Latest version of every record already stored under (agency, source reference)."""
    found: dict[tuple[UUID, str], _Existing] = {}
    by_agency: dict[UUID, list[str]] = defaultdict(list)
    for agency_id, ref in keys:
        if ref:
            by_agency[agency_id].append(ref)
    for agency_id, refs in by_agency.items():
        for start in range(0, len(refs), 500):
            chunk = refs[start : start + 500]
            records = {
                r["id"]: r
                for r in model.objects.filter(
                    agency_id=agency_id, source_reference__in=chunk
                ).values("id", "source_reference", *(["kind"] if hasattr(model, "kind") else []))
            }
            if not records:
                continue
            latest = (
                version_model.objects.filter(**{f"{fk}__in": list(records)})
                .values(fk)
                .annotate(last=Max("number"))
            )
            last_number = {row[fk]: row["last"] for row in latest}
            latest_rows = {
                (row[fk], row["number"]): row
                for row in version_model.objects.filter(
                    **{f"{fk}__in": list(records)}, number__in=set(last_number.values())
                ).values(fk, "number", "digest", "id")
            }
            for record_id, record in records.items():
                row = latest_rows[(record_id, last_number[record_id])]
                found[(agency_id, record["source_reference"])] = _Existing(
                    record_id=record_id,
                    number=row["number"],
                    digest=row["digest"],
                    version_id=row["id"],
                    kind=record.get("kind", ""),
                )
    return found


if TYPE_CHECKING:
    from sightline.accounts.models import User


class RecordWriter:
    """Writes validated records inside the caller's transaction, with their audit entries."""

    def __init__(
        self, *, actor: User | None, reason: str = AMENDED_BY_IMPORT, import_id: UUID | None = None
    ) -> None:
        """reason: written on every amendment this writer makes; empty means "create only"."""
        if not connection.in_atomic_block:
            raise RuntimeError("RecordWriter must run inside the caller's transaction")
        self.actor = actor
        self.reason = reason
        self.import_id = import_id
        self.summary = WriteSummary()

    def _payload(self, version_id: UUID, digest: str, **extra: Any) -> dict[str, Any]:
        payload: dict[str, Any] = {"version_id": version_id, "digest": digest, **extra}
        if self.import_id:
            payload["import_id"] = self.import_id
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

    def _unchanged(self, found: _Existing | None) -> SaveResult:
        assert found is not None
        return SaveResult(Outcome.UNCHANGED, found.record_id, found.version_id, found.number)

    # ------------------------------------------------------------------ persons
    def persons(self, items: Sequence[PersonItem]) -> list[SaveResult]:
        keys = {(i.agency_id, i.data.source_reference) for i in items}
        existing = _existing(RecordedPerson, RecordedPersonVersion, "person_id", keys)
        records, versions, children, audits, results = [], [], [], [], []
        for item in items:
            content = person_content(item.data)
            digest = content_digest(content)
            found = (
                existing.get((item.agency_id, item.data.source_reference))
                if (item.data.source_reference)
                else None
            )
            outcome, record_id, number = self._decide(found, digest)
            if outcome is Outcome.UNCHANGED:
                results.append(self._unchanged(found))
                continue
            if record_id is None:
                record_id = uuid4()
                records.append(
                    RecordedPerson(
                        id=record_id,
                        agency_id=item.agency_id,
                        source_reference=item.data.source_reference,
                        created_by=self.actor,
                    )
                )
            version, rows = person_version_rows(
                item.data,
                person_id=record_id,
                number=number,
                digest=digest,
                author=self.actor,
                reason="" if number == 1 else self.reason,
            )
            versions.append(version)
            children.extend(rows)
            action = (
                AuditAction.RECORDED_PERSON_CREATED
                if number == 1
                else (AuditAction.RECORDED_PERSON_AMENDED)
            )
            audits.append(
                AuditDraft(
                    action=action,
                    subject=SubjectRef("records", "recordedpersonversion", str(version.id)),
                    actor_id=self.actor.pk if self.actor else None,
                    agency_id=item.agency_id,
                    recorded_person_id=record_id,
                    payload=self._payload(
                        version.id, digest, **({"number": number} if number > 1 else {})
                    ),
                )
            )
            results.append(SaveResult(outcome, record_id, version.id, number))
            existing[(item.agency_id, item.data.source_reference)] = _Existing(
                record_id, number, digest, version.id
            )
        RecordedPerson.objects.bulk_create(records, batch_size=1_000)
        RecordedPersonVersion.objects.bulk_create(versions, batch_size=1_000)
        for model in (PersonName, PersonAddress, PersonIdentifier):
            model.objects.bulk_create(
                [c for c in children if isinstance(c, model)], batch_size=2_000
            )
        audit_record_many(audits)
        self.summary.results.extend(results)
        return results

    # ------------------------------------------------------------------ relationships
    def relationships(self, items: Sequence[RelationshipItem]) -> list[SaveResult]:
        keys = {(i.agency_id, i.data.source_reference) for i in items}
        existing = _existing(Relationship, RelationshipVersion, "relationship_id", keys)
        records, versions, audits, results = [], [], [], []
        for item in items:
            content = relationship_content(item)
            digest = content_digest(content)
            found = (
                existing.get((item.agency_id, item.data.source_reference))
                if (item.data.source_reference)
                else None
            )
            if found and found.kind != item.data.kind.value:
                raise self._kind_conflict(item.row, found.kind, item.data.kind.value)
            outcome, record_id, number = self._decide(found, digest)
            if outcome is Outcome.UNCHANGED:
                results.append(self._unchanged(found))
                continue
            if record_id is None:
                record_id = uuid4()
                records.append(
                    Relationship(
                        id=record_id,
                        agency_id=item.agency_id,
                        kind=item.data.kind.value,
                        source_reference=item.data.source_reference,
                    )
                )
            version = relationship_version_row(
                item,
                relationship_id=record_id,
                number=number,
                digest=digest,
                author=self.actor,
                reason="" if number == 1 else self.reason,
            )
            versions.append(version)
            action = (
                AuditAction.RELATIONSHIP_CREATED
                if number == 1
                else (AuditAction.RELATIONSHIP_AMENDED)
            )
            extra = {"kind": item.data.kind.value} if number == 1 else {"number": number}
            audits.append(
                AuditDraft(
                    action=action,
                    subject=SubjectRef("records", "relationshipversion", str(version.id)),
                    actor_id=self.actor.pk if self.actor else None,
                    agency_id=item.agency_id,
                    recorded_person_id=item.person_id,
                    payload=self._payload(version.id, digest, **extra),
                )
            )
            results.append(SaveResult(outcome, record_id, version.id, number))
            existing[(item.agency_id, item.data.source_reference)] = _Existing(
                record_id, number, digest, version.id, item.data.kind.value
            )
        Relationship.objects.bulk_create(records, batch_size=1_000)
        RelationshipVersion.objects.bulk_create(versions, batch_size=1_000)
        audit_record_many(audits)
        self.summary.results.extend(results)
        return results

    # ------------------------------------------------------------------ events
    def events(self, items: Sequence[EventItem]) -> list[SaveResult]:
        keys = {(i.agency_id, i.data.source_reference) for i in items}
        existing = _existing(Event, EventVersion, "event_id", keys)
        records, versions, subjects, audits, results = [], [], [], [], []
        for item in items:
            content = event_content(item.data, item.subject_ids)
            digest = content_digest(content)
            found = (
                existing.get((item.agency_id, item.data.source_reference))
                if (item.data.source_reference)
                else None
            )
            if found and found.kind != item.data.kind.value:
                raise self._kind_conflict(item.row, found.kind, item.data.kind.value)
            outcome, record_id, number = self._decide(found, digest)
            if outcome is Outcome.UNCHANGED:
                results.append(self._unchanged(found))
                continue
            if record_id is None:
                record_id = uuid4()
                records.append(
                    Event(
                        id=record_id,
                        agency_id=item.agency_id,
                        kind=item.data.kind.value,
                        source_reference=item.data.source_reference,
                        created_by=self.actor,
                    )
                )
            version = event_version_row(
                item.data,
                event_id=record_id,
                number=number,
                digest=digest,
                author=self.actor,
                reason="" if number == 1 else self.reason,
            )
            versions.append(version)
            subjects.extend(
                EventSubject(version_id=version.id, recorded_person_id=person_id, role=role)
                for person_id, role in item.subject_ids
            )
            audits.extend(self._event_audits(item, version.id, digest, number))
            results.append(SaveResult(outcome, record_id, version.id, number))
            existing[(item.agency_id, item.data.source_reference)] = _Existing(
                record_id, number, digest, version.id, item.data.kind.value
            )
        Event.objects.bulk_create(records, batch_size=1_000)
        EventVersion.objects.bulk_create(versions, batch_size=1_000)
        EventSubject.objects.bulk_create(subjects, batch_size=2_000)
        audit_record_many(audits)
        self.summary.results.extend(results)
        return results

    def _event_audits(
        self, item: EventItem, version_id: UUID, digest: str, number: int
    ) -> list[AuditDraft]:
        """One entry per child the event is about, so each child's trail is complete."""
        children = [pid for pid, role in item.subject_ids if role == "child_subject"] or [
            item.subject_ids[0][0]
        ]
        action = AuditAction.EVENT_CREATED if number == 1 else AuditAction.EVENT_AMENDED
        extra = {"kind": item.data.kind.value} if number == 1 else {"number": number}
        return [
            AuditDraft(
                action=action,
                subject=SubjectRef("records", "eventversion", str(version_id)),
                actor_id=self.actor.pk if self.actor else None,
                agency_id=item.agency_id,
                recorded_person_id=child,
                payload=self._payload(version_id, digest, **extra),
            )
            for child in children
        ]

    @staticmethod
    def _kind_conflict(row: int | None, old: str, new: str) -> InvalidInput | Conflict:
        message = (
            f"this source reference is already a {old.replace('_', ' ')}; an event's kind cannot "
            f"change to {new.replace('_', ' ')} (record a new event instead)"
        )
        return InvalidInput([FieldProblem(field="kind", message=message, row=row)])
