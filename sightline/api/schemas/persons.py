"""Recorded persons: one agency's own record of a child or adult.

Requests use the shared PersonIn; responses are mapped from records.data.
"""

from dataclasses import asdict
from datetime import date, datetime
from uuid import UUID

from ninja import Schema

from sightline.records.data import PersonDetail, PersonSummary


class PersonSummaryOut(Schema):
    id: UUID
    agency_id: UUID
    agency_name: str
    source_reference: str
    given_name: str
    family_name: str
    date_of_birth: date | None
    date_of_birth_precision: str
    sex: str
    confidentiality: str

    @classmethod
    def of(cls, summary: PersonSummary) -> "PersonSummaryOut":
        return cls(
            id=summary.id,
            agency_id=summary.agency_id,
            agency_name=summary.agency_name,
            source_reference=summary.source_reference,
            given_name=summary.given_name,
            family_name=summary.family_name,
            date_of_birth=summary.date_of_birth,
            date_of_birth_precision=summary.date_of_birth_precision,
            sex=summary.sex,
            confidentiality=summary.confidentiality,
        )


class OtherNameOut(Schema):
    kind: str
    given_name: str
    family_name: str


class AddressOut(Schema):
    line1: str
    line2: str
    town: str
    postcode: str
    start: date | None
    end: date | None
    confidentiality: str


class IdentifierOut(Schema):
    scheme: str
    value: str


class PersonOut(PersonSummaryOut):
    """The current version of the record; `version` counts amendments from 1."""

    version_id: UUID
    version: int
    other_names: list[OtherNameOut]
    addresses: list[AddressOut]
    identifiers: list[IdentifierOut]
    expected_date_of_birth: date | None
    first_language: str
    interpreter_needed: bool | None
    ethnicity: str
    disabilities: list[str]
    received_at: datetime

    @classmethod
    def of_detail(cls, detail: PersonDetail) -> "PersonOut":
        return cls(
            **PersonSummaryOut.of(detail.summary).model_dump(),
            version_id=detail.version_id,
            version=detail.number,
            other_names=[
                OtherNameOut(kind=kind, given_name=given, family_name=family)
                for kind, given, family in detail.other_names
            ],
            addresses=[AddressOut(**asdict(address)) for address in detail.addresses],
            identifiers=[IdentifierOut(**asdict(i)) for i in detail.identifiers],
            expected_date_of_birth=detail.expected_date_of_birth,
            first_language=detail.first_language,
            interpreter_needed=detail.interpreter_needed,
            ethnicity=detail.ethnicity,
            disabilities=detail.disabilities,
            received_at=detail.received_at,
        )
