"""People, addresses and stated relationships in the store, through the real services, for the
households tests. Every person is given their addresses explicitly: nobody shares a home by
accident of a default."""

import itertools
from typing import Any

from sightline.agencies.selectors import scope_for_user
from sightline.records.services import (
    recorded_person_amend,
    recorded_person_create,
    relationship_record,
)
from tests.records.factories import person_raw

_references = itertools.count(1)


def home(
    line1: str = "12 Elm Road",
    postcode: str = "CV1 1AA",
    start: str | None = "2020-01-01",
    **extra: Any,
) -> dict[str, Any]:
    address = {"line1": line1, "town": "Coventry", "postcode": postcode, **extra}
    if start:
        address["start"] = start
    return address


ELM_ROAD = home()
BIRCH_CLOSE = home("3 Birch Close", "CV2 2BB", start="2025-09-01")
REFUGE = home("1 Haven Street", "CV4 4DD", start="2026-02-01", confidentiality="confidential")


def person(practitioner, agency, *addresses: dict[str, Any], **overrides: Any):
    """A recorded person held by `agency`, at these addresses; returns (id, source reference)."""
    reference = overrides.pop("source_reference", f"H-{next(_references):05d}")
    raw = person_raw(
        source_reference=reference, identifiers={}, addresses=list(addresses), **overrides
    )
    result = recorded_person_create(
        actor=practitioner,
        scope=scope_for_user(user_id=practitioner.pk),
        agency_id=agency.id,
        raw=raw,
    )
    return result.record_id, reference


def move(practitioner, record, reference: str, *addresses: dict[str, Any], **overrides: Any):
    """Amend a person record: its addresses now these."""
    raw = person_raw(
        source_reference=reference, identifiers={}, addresses=list(addresses), **overrides
    )
    recorded_person_amend(
        actor=practitioner,
        scope=scope_for_user(user_id=practitioner.pk),
        person_id=record,
        raw=raw,
        reason="Moved home",
    )


def lives_with(
    practitioner,
    agency,
    person_reference: str,
    counterpart_reference: str,
    relationship: str = "mother",
    start: str = "2021-01-01",
    **extra: Any,
):
    """The agency records that the counterpart is the person's `relationship`, living with them."""
    return relationship_record(
        actor=practitioner,
        scope=scope_for_user(user_id=practitioner.pk),
        agency_id=agency.id,
        raw={
            "kind": "person_relationship",
            "person": person_reference,
            "counterpart_person": counterpart_reference,
            "start": start,
            "details": {"relationship": relationship, "lives_with": True},
            **extra,
        },
    )
