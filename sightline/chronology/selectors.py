"""A child's joined chronology: every agency's events about any of the child's linked records,
and the household's events about its adults, each shown as far as the access policy allows.

Only callers that have checked the viewer may open the chronology (services.chronology_open)
call this; each entry is still decided on its own (policy.entry_outcome). Entries reached only
through a record the viewer may not even know of (another agency's confidential record) are
left out, so the chronology never reveals one. With `as_of`, the chronology is the one that
Sightline held then: the records linked then, the households then, each event's version then.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from sightline.access import policy
from sightline.access.policy import ChildAccess
from sightline.chronology.data import HOUSEHOLD_KINDS, Chronology, Entry, Filters
from sightline.chronology.severity import DETAIL_KEYS, severity
from sightline.households.selectors import household_member_map
from sightline.identity import policy as identity_policy
from sightline.identity.selectors import record_access_map, same_person_ids
from sightline.records.data import KIND_LABELS, EntryFacts
from sightline.records.schema.catalogue import EventKind
from sightline.records.selectors import event_entry_list

_ADULT_ROLES = frozenset({"adult", "unknown", ""})


def _knowable(viewer: policy.Viewer, ids: Iterable[UUID]) -> set[UUID]:
    agencies = viewer.agency_ids()
    return {
        record_id
        for record_id, access in record_access_map(ids=ids).items()
        if identity_policy.may_know_of(agencies, access)
    }


def chronology_get(
    *, access: ChildAccess, recorded_person_id: UUID, filters: Filters | None = None
) -> Chronology:
    filters = filters or Filters()
    as_of = filters.as_of
    child = (
        same_person_ids(recorded_person_id=recorded_person_id, as_of=as_of)
        if as_of
        else set(access.record_ids)
    )
    household = household_member_map(recorded_person_ids=child, as_of=as_of)
    adults = {r for r, role in household.items() if role in _ADULT_ROLES} - child
    knowable = _knowable(access.viewer, child | adults)
    about_child = child & knowable
    # One read for the child and the adults; an adult's event of another kind is left out
    # here, unless the household's whole chronology was asked for.
    facts = [
        fact
        for fact in _events(knowable, as_of)
        if filters.household
        or fact.kind in HOUSEHOLD_KINDS
        or any(record_id in about_child for record_id, _ in fact.subjects)
    ]
    entries = [entry for fact in facts if (entry := _entry(access, fact, about_child)) is not None]
    return Chronology(
        recorded_person_id=recorded_person_id,
        bases=tuple(sorted(access.bases)),
        filters=filters,
        entries=[e for e in entries if _wanted(e, filters)],
        agencies=sorted({(e.agency_id, e.agency_name) for e in entries}, key=lambda a: a[1]),
        kinds=sorted({(e.kind, e.kind_label) for e in entries}, key=lambda k: k[1]),
        break_glass_until=access.break_glass_until,
        may_export=policy.may_export(access.bases),
        record_ids=frozenset(child),
    )


def _events(ids: set[UUID], as_of: datetime | None) -> list[EntryFacts]:
    if not ids:
        return []
    return event_entry_list(person_ids=ids, as_of=as_of, detail_keys=DETAIL_KEYS)


def _roles(fact: EntryFacts, ids: set[UUID]) -> tuple[str, ...]:
    return tuple(sorted({role for record_id, role in fact.subjects if record_id in ids}))


def _entry(access: ChildAccess, fact: EntryFacts, child: set[UUID]) -> Entry | None:
    about = policy.About.CHILD if _roles(fact, child) else policy.About.HOUSEHOLD_ADULT
    outcome = policy.entry_outcome(
        access.viewer,
        access.bases,
        entry_agency_id=fact.agency_id,
        sensitivity=fact.sensitivity,
        about=about,
    )
    if outcome == policy.Outcome.DENY:
        return None
    shown = outcome != policy.Outcome.REDACT
    return Entry(
        event_id=fact.event_id,
        kind=fact.kind,
        kind_label=KIND_LABELS[EventKind(fact.kind)],
        agency_id=fact.agency_id,
        agency_name=fact.agency_name,
        agency_kind=fact.agency_kind,
        occurred_at=fact.occurred_at,
        occurred_precision=fact.occurred_precision,
        about=about.value,
        redacted=not shown,
        version_id=fact.version_id,
        # A redacted entry's severity is its kind's alone: its details are not the viewer's.
        severity=severity(fact.kind, fact.details if shown else None),
        **(_provenance_and_content(fact, child) if shown else {}),
    )


def _provenance_and_content(fact: EntryFacts, child: set[UUID]) -> dict[str, Any]:
    return {
        "recorded_by": fact.recorded_by,
        "source_recorded_at": fact.source_recorded_at,
        "first_received_at": fact.first_received_at,
        "received_at": fact.received_at,
        "version": fact.number,
        "summary": fact.summary,
        "sensitivity": fact.sensitivity,
        "child_seen": fact.child_seen,
        "child_seen_alone": fact.child_seen_alone,
        "child_voice": fact.child_voice,
        # The child's roles in the event, or for an adult's event the adult's.
        "roles": _roles(fact, child) or tuple(sorted({role for _, role in fact.subjects})),
    }


def _wanted(entry: Entry, filters: Filters) -> bool:
    day = entry.occurred_at.date()
    return (
        (not filters.agency_ids or entry.agency_id in filters.agency_ids)
        and (not filters.kinds or entry.kind in filters.kinds)
        and (filters.since is None or day >= filters.since)
        and (filters.until is None or day <= filters.until)
    )
