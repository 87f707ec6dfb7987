"""Events and relationships for the notification tests, through the real services."""

from datetime import timedelta
from typing import Any

from sightline.agencies.selectors import scope_for_user
from sightline.core import clock
from sightline.records.services import event_record, relationship_record
from tests.identity.factories import apply_run, record_model, scored
from tests.records.factories import domestic_abuse_raw


def hours_ago(hours: float) -> str:
    return (clock.now() - timedelta(hours=hours)).isoformat()


def record(practitioner, agency, raw: dict[str, Any]):
    """An event recorded by a practitioner for their agency; the new event's id."""
    scope = scope_for_user(user_id=practitioner.pk)
    return event_record(actor=practitioner, scope=scope, agency_id=agency.id, raw=raw).record_id


def incident(officer, police, child_reference: str, number: int = 1, **overrides: Any):
    """A police domestic-abuse incident about a child, three hours ago, children present."""
    overrides.setdefault("occurred_at", hours_ago(3))
    raw = domestic_abuse_raw(child_reference, source_reference=f"DA-{number:04d}", **overrides)
    return record(officer, police, raw)


def relate(practitioner, agency, kind: str, person: str, **fields: Any):
    """A relationship the practitioner's agency records about one of its persons."""
    scope = scope_for_user(user_id=practitioner.pk)
    raw = {"kind": kind, "person": person, "start": "2020-09-01", **fields}
    return relationship_record(actor=practitioner, scope=scope, agency_id=agency.id, raw=raw)


def link(*records) -> None:
    """Link these recorded persons as one person (a confident linkage run)."""
    record_model()
    apply_run(*(scored(a, b, 15.0) for a, b in zip(records, records[1:], strict=False)))
