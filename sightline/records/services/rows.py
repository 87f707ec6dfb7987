"""From validated input to stored rows and digestible content."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from django.db import models

from sightline.records.models import (
    EventVersion,
    PersonAddress,
    PersonIdentifier,
    PersonName,
    RecordedPersonVersion,
    RelationshipVersion,
)
from sightline.records.schema.events import EventIn
from sightline.records.schema.folding import fold
from sightline.records.schema.persons import PersonIn
from sightline.records.services.items import RelationshipItem


def person_content(data: PersonIn) -> dict[str, Any]:
    return data.model_dump(mode="json", exclude={"source_reference"})


def _search_text(data: PersonIn) -> str:
    names = [data.given_name, data.family_name]
    names += [part for n in data.other_names for part in (n.given_name, n.family_name)]
    return " ".join(fold(n) for n in names if n)[:1000]


def person_version_rows(
    data: PersonIn, *, person_id: UUID, number: int, digest: str, author: User | None, reason: str
) -> tuple[RecordedPersonVersion, list[models.Model]]:
    version = RecordedPersonVersion(
        id=uuid4(),
        person_id=person_id,
        number=number,
        given_name=data.given_name,
        family_name=data.family_name,
        date_of_birth=data.date_of_birth,
        date_of_birth_precision=data.date_of_birth_precision or "",
        expected_date_of_birth=data.expected_date_of_birth,
        date_of_death=data.date_of_death,
        sex=data.sex,
        upn_unknown_reason=data.upn_unknown_reason,
        first_language=data.first_language,
        interpreter_needed=data.interpreter_needed,
        ethnicity=data.ethnicity,
        disabilities=data.disabilities,
        confidentiality=data.confidentiality.value,
        digest=digest,
        author=author,
        reason=reason,
        search_text=_search_text(data),
    )
    rows: list[models.Model] = [
        PersonName(
            version_id=version.id,
            kind=name.kind,
            given_name=name.given_name,
            family_name=name.family_name,
        )
        for name in data.other_names
    ]
    rows += [
        PersonAddress(
            version_id=version.id,
            line1=a.line1,
            line2=a.line2,
            town=a.town,
            postcode=a.postcode,
            uprn=a.uprn,
            start=a.start,
            end=a.end,
            confidentiality=a.confidentiality.value,
        )
        for a in data.addresses
    ]
    rows += [
        PersonIdentifier(version_id=version.id, scheme=i.scheme.value, value=i.value)
        for i in data.identifiers
    ]
    return version, rows


def event_content(data: EventIn, subject_ids: tuple[tuple[UUID, str], ...]) -> dict[str, Any]:
    content = data.model_dump(mode="json", exclude={"source_reference", "subjects"})
    content["subjects"] = sorted([str(pid), role] for pid, role in subject_ids)
    return content


def event_version_row(
    data: EventIn, *, event_id: UUID, number: int, digest: str, author: User | None, reason: str
) -> EventVersion:
    return EventVersion(
        id=uuid4(),
        event_id=event_id,
        number=number,
        occurred_at=data.occurred_at,
        occurred_precision=(data.occurred_precision or "exact"),
        source_recorded_at=data.source_recorded_at,
        recorded_by=data.recorded_by,
        local_authority_code=data.local_authority_code,
        summary=data.summary,
        details=data.details.model_dump(mode="json"),
        child_seen=data.child_seen.answer.value,
        child_seen_code=data.child_seen.code,
        child_seen_alone=data.child_seen_alone.answer.value,
        child_seen_alone_code=data.child_seen_alone.code,
        child_voice=data.child_voice.answer.value,
        child_voice_code=data.child_voice.code,
        child_words=data.child_words,
        interpreter=data.interpreter.answer.value,
        interpreter_code=data.interpreter.code,
        interpreter_flagged=data.interpreter_flagged,
        cin_factors=data.cin_factors,
        sensitivity=data.sensitivity.value,
        digest=digest,
        author=author,
        reason=reason,
    )


def relationship_content(item: RelationshipItem) -> dict[str, Any]:
    content = item.data.model_dump(
        mode="json",
        exclude={
            "source_reference",
            "person",
            "counterpart_person",
            "counterpart_agency",
            "worker",
        },
    )
    content.update(
        person=str(item.person_id),
        counterpart_person=str(item.counterpart_person_id or ""),
        counterpart_agency=str(item.counterpart_agency_id or ""),
        worker=item.worker_id,
    )
    return content


def relationship_version_row(
    item: RelationshipItem,
    *,
    relationship_id: UUID,
    number: int,
    digest: str,
    author: User | None,
    reason: str,
) -> RelationshipVersion:
    data = item.data
    return RelationshipVersion(
        id=uuid4(),
        relationship_id=relationship_id,
        number=number,
        person_id=item.person_id,
        counterpart_person_id=item.counterpart_person_id,
        counterpart_agency_id=item.counterpart_agency_id,
        worker_id=item.worker_id,
        worker_name=data.worker_name,
        start=data.start,
        end=data.end,
        details=data.details.model_dump(mode="json"),
        digest=digest,
        author=author,
        reason=reason,
    )


if TYPE_CHECKING:
    from sightline.accounts.models import User
