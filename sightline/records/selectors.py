"""Reads of persons and events, always limited by the caller's Scope.

A record outside the scope and a record that does not exist both raise NotFound.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from sightline.core.exceptions import NotFound
from sightline.core.ids import id_chunks
from sightline.core.scope import Scope
from sightline.records import identifiers
from sightline.records.bulk_selectors import entry_facts
from sightline.records.bulk_selectors import (
    recorded_person_birth_map as recorded_person_birth_map,
)
from sightline.records.bulk_selectors import service_span_list as service_span_list
from sightline.records.data import (
    AddressFacts,
    AddressView,
    EntryFacts,
    EventListItem,
    EventVersionView,
    EventView,
    IdentifierView,
    IdentifyingFacts,
    PersonDetail,
    PersonSummary,
    RecordCounts,
    ResidenceFacts,
    RoutingEvent,
    ServiceSpan,
    ServiceTie,
    StatedCohabitation,
    SubjectView,
)
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
from sightline.records.schema.events import SubjectRole
from sightline.records.schema.folding import fold
from sightline.records.schema.persons import Confidentiality, IdentifierScheme
from sightline.records.schema.relationships import RelationshipKind

_PERSON_FIELDS = (
    "id",
    "person_id",
    "person__agency_id",
    "person__agency__name",
    "person__source_reference",
    "given_name",
    "family_name",
    "date_of_birth",
    "date_of_birth_precision",
    "sex",
    "confidentiality",
)


def _current_person_versions() -> QuerySet[RecordedPersonVersion]:
    newer = RecordedPersonVersion.objects.filter(
        person=OuterRef("person"), number__gt=OuterRef("number")
    )
    return RecordedPersonVersion.objects.filter(~Exists(newer))


def _current_event_versions(as_of: datetime | None = None) -> QuerySet[EventVersion]:
    """Each event's latest version; with `as_of`, the latest Sightline had received by then."""
    newer = EventVersion.objects.filter(event=OuterRef("event"), number__gt=OuterRef("number"))
    versions = EventVersion.objects.all()
    if as_of is not None:
        newer = newer.filter(received_at__lte=as_of)
        versions = versions.filter(received_at__lte=as_of)
    return versions.filter(~Exists(newer))


def _current_relationship_versions() -> QuerySet[RelationshipVersion]:
    newer = RelationshipVersion.objects.filter(
        relationship=OuterRef("relationship"), number__gt=OuterRef("number")
    )
    return RelationshipVersion.objects.filter(~Exists(newer))


def _summary(row: dict[str, Any]) -> PersonSummary:
    return PersonSummary(
        id=row["person_id"],
        agency_id=row["person__agency_id"],
        agency_name=row["person__agency__name"],
        source_reference=row["person__source_reference"],
        given_name=row["given_name"],
        family_name=row["family_name"],
        date_of_birth=row["date_of_birth"],
        date_of_birth_precision=row["date_of_birth_precision"],
        sex=row["sex"],
        confidentiality=row["confidentiality"],
    )


def _search_filter(query: str) -> Q:
    """Names (each word), an identifier, or the agency's own reference."""
    text = query.strip()
    compact = re.sub(r"[\s-]", "", text)
    by_identifier = Q(identifiers__value__in={compact, compact.upper(), text.upper()})
    by_reference = Q(person__source_reference=text)
    by_name = Q()
    for word in fold(text).split():
        by_name &= Q(search_text__contains=word)
    if identifiers.is_valid_nhs_number(compact):
        return by_identifier
    return by_identifier | by_reference | by_name


def recorded_person_list(*, scope: Scope, query: str, limit: int = 50) -> list[PersonSummary]:
    """The scope's own records of people matching a name, identifier or reference."""
    if not query.strip():
        return []
    rows = (
        _current_person_versions()
        .filter(person__agency_id__in=scope.agency_ids)
        .filter(_search_filter(query))
        .distinct()
        .order_by("family_name", "given_name", "date_of_birth")
        .values(*_PERSON_FIELDS)[:limit]
    )
    return [_summary(row) for row in rows]


def recorded_person_get(*, scope: Scope, person_id: UUID) -> PersonDetail:
    version = (
        _current_person_versions()
        .filter(person_id=person_id, person__agency_id__in=scope.agency_ids)
        .select_related("person__agency")
        .prefetch_related("names", "addresses", "identifiers")
        .first()
    )
    if version is None:
        raise NotFound("There is no such person record.")
    row = {f: _attr(version, f) for f in _PERSON_FIELDS}
    return PersonDetail(
        summary=_summary(row),
        version_id=version.id,
        number=version.number,
        other_names=[(n.kind, n.given_name, n.family_name) for n in version.names.all()],
        addresses=[
            AddressView(a.line1, a.line2, a.town, a.postcode, a.start, a.end, a.confidentiality)
            for a in sorted(version.addresses.all(), key=lambda a: (a.start is None, a.start))
        ],
        identifiers=[IdentifierView(i.scheme, i.value) for i in version.identifiers.all()],
        expected_date_of_birth=version.expected_date_of_birth,
        first_language=version.first_language,
        interpreter_needed=version.interpreter_needed,
        ethnicity=version.ethnicity,
        disabilities=list(version.disabilities),
        received_at=version.received_at,
    )


def _attr(obj: Any, path: str) -> Any:
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj


def _version_view(version: EventVersion, names: dict[UUID, str]) -> EventVersionView:
    return EventVersionView(
        id=version.id,
        number=version.number,
        occurred_at=version.occurred_at,
        occurred_precision=version.occurred_precision,
        source_recorded_at=version.source_recorded_at,
        received_at=version.received_at,
        recorded_by=version.recorded_by,
        author=str(version.author) if version.author else "",
        reason=version.reason,
        summary=version.summary,
        details=dict(version.details),
        child_seen=version.child_seen,
        child_seen_code=version.child_seen_code,
        child_seen_alone=version.child_seen_alone,
        child_seen_alone_code=version.child_seen_alone_code,
        child_voice=version.child_voice,
        child_voice_code=version.child_voice_code,
        child_words=version.child_words,
        interpreter=version.interpreter,
        interpreter_code=version.interpreter_code,
        interpreter_flagged=version.interpreter_flagged,
        cin_factors=list(version.cin_factors),
        sensitivity=version.sensitivity,
        subjects=[
            SubjectView(s.recorded_person_id, s.role, names.get(s.recorded_person_id, ""))
            for s in version.subjects.all()
        ],
    )


def _names(person_ids: set[UUID]) -> dict[UUID, str]:
    rows = _current_person_versions().filter(person_id__in=person_ids)
    return {
        r["person_id"]: f"{r['given_name']} {r['family_name']}".strip()
        for r in rows.values("person_id", "given_name", "family_name")
    }


def event_get(*, scope: Scope, event_id: UUID) -> EventView:
    """An event with every version, newest first (the current one is versions[0])."""
    event = (
        Event.objects.filter(id=event_id, agency_id__in=scope.agency_ids)
        .select_related("agency")
        .first()
    )
    if event is None:
        raise NotFound("There is no such event.")
    versions = list(
        event.versions.select_related("author").prefetch_related("subjects").order_by("-number")
    )
    names = _names({s.recorded_person_id for v in versions for s in v.subjects.all()})
    return EventView(
        id=event.id,
        agency_id=event.agency_id,
        agency_name=event.agency.name,
        kind=event.kind,
        source_reference=event.source_reference,
        received_at=event.received_at,
        versions=[_version_view(v, names) for v in versions],
    )


def event_list(
    *,
    scope: Scope,
    recorded_person_id: UUID | None = None,
    kind: str | None = None,
    limit: int = 200,
) -> list[EventListItem]:
    """Current versions of the scope's events, newest first; optionally about one person."""
    versions = _current_event_versions().filter(event__agency_id__in=scope.agency_ids)
    if recorded_person_id is not None:
        versions = versions.filter(
            Exists(
                EventSubject.objects.filter(
                    version=OuterRef("pk"), recorded_person_id=recorded_person_id
                )
            )
        )
    if kind:
        versions = versions.filter(event__kind=kind)
    rows = versions.order_by("-occurred_at").values(
        "event_id",
        "event__kind",
        "event__agency__name",
        "number",
        "occurred_at",
        "occurred_precision",
        "summary",
        "event__source_reference",
    )[:limit]
    return [
        EventListItem(
            id=r["event_id"],
            kind=r["event__kind"],
            agency_name=r["event__agency__name"],
            number=r["number"],
            occurred_at=r["occurred_at"],
            occurred_precision=r["occurred_precision"],
            summary=r["summary"],
            source_reference=r["event__source_reference"],
        )
        for r in rows
    ]


def record_counts() -> RecordCounts:
    """Counts of recorded persons, relationships and events (by recording agency's kind), for
    the demo's summary. Unscoped: it reveals numbers, never records."""
    by_kind = (
        Event.objects.order_by()
        .values("agency__kind")
        .annotate(n=Count("id"))
        .values_list("agency__kind", "n")
    )
    events_by_kind: dict[str, int] = dict(sorted(by_kind))
    return RecordCounts(
        recorded_persons=RecordedPerson.objects.count(),
        relationships=Relationship.objects.count(),
        events=sum(events_by_kind.values()),
        events_by_agency_kind=events_by_kind,
    )


_FACTS_CHUNK = 2_000  # versions per query for their names, addresses and identifiers
_DATE_OF_BIRTH_TEXT = {"year": 4, "month": 7}  # characters of an ISO date a precision keeps


def _date_of_birth_text(born: date | None, precision: str) -> str:
    if born is None:
        return ""
    return born.isoformat()[: _DATE_OF_BIRTH_TEXT.get(precision, 10)]


# The identifiers linkage compares.
_LINKED_SCHEMES = frozenset({IdentifierScheme.NHS_NUMBER, IdentifierScheme.UPN})


def recorded_person_identifying_facts(
    *, ids: Iterable[UUID] | None = None
) -> Iterator[IdentifyingFacts]:
    """Every recorded person's identifying facts (or those of `ids`), from its current version,
    for linkage (which runs under no one practitioner's scope: what it proposes is shown to
    practitioners only through identity's own access-scoped selectors). A confidential or
    shielded address, a refuge say, is left out: it must never match another agency's record."""
    current = _current_person_versions()
    if ids is not None:
        current = current.filter(person_id__in=list(ids))
    versions = list(
        current.values_list(
            "id", "person_id", "person__agency__code", "given_name", "family_name",
            "date_of_birth", "date_of_birth_precision", "sex",
        )
    )  # fmt: skip
    version_ids = [v[0] for v in versions]
    other_names: dict[UUID, list[tuple[str, str]]] = defaultdict(list)
    addresses: dict[UUID, list[tuple[date | None, str, str, str]]] = defaultdict(list)
    numbers: dict[UUID, dict[str, str]] = defaultdict(dict)
    for start in range(0, len(version_ids), _FACTS_CHUNK):
        chunk = version_ids[start : start + _FACTS_CHUNK]
        for version_id, given, family in PersonName.objects.filter(
            version_id__in=chunk
        ).values_list("version_id", "given_name", "family_name"):
            other_names[version_id].append((given, family))
        for version_id, began, line1, town, postcode in PersonAddress.objects.filter(
            version_id__in=chunk, confidentiality=Confidentiality.STANDARD
        ).values_list("version_id", "start", "line1", "town", "postcode"):
            addresses[version_id].append((began, line1, town, postcode))
        # Every identifier of these versions (a few each), the schemes picked out here: asked
        # for by scheme too, the planner may reach for the (scheme, value) index, which holds
        # nearly every row, whenever its statistics lag behind a large import.
        for version_id, scheme, value in PersonIdentifier.objects.filter(
            version_id__in=chunk
        ).values_list("version_id", "scheme", "value"):
            if scheme in _LINKED_SCHEMES:
                numbers[version_id][scheme] = value
    for version_id, person_id, agency, given, family, born, precision, sex in versions:
        held = sorted(addresses[version_id], key=lambda a: a[0] or date.min)
        _, line1, town, postcode = held[-1] if held else (None, "", "", "")
        yield IdentifyingFacts(
            recorded_person_id=person_id,
            agency_code=agency,
            given_name=given,
            family_name=family,
            other_names=tuple(other_names[version_id]),
            date_of_birth=_date_of_birth_text(born, precision),
            sex=sex,
            postcode=postcode,
            address=", ".join(part for part in (line1, town) if part),
            nhs_number=numbers[version_id].get(IdentifierScheme.NHS_NUMBER, ""),
            upn=numbers[version_id].get(IdentifierScheme.UPN, ""),
        )


def recorded_person_residence_facts() -> Iterator[ResidenceFacts]:
    """Every recorded person's addresses, dates of birth and death and confidentiality marker,
    from its current version, for household derivation (which runs under no one practitioner's
    scope: what it derives is shown only through the households app's access-scoped selectors).
    Protected addresses are included, marked: derivation must know a person's latest address is
    one, so as to leave them out of every household rather than place them at an older one."""
    versions = list(
        _current_person_versions().values_list(
            "id", "person_id", "person__agency_id", "confidentiality", "date_of_birth",
            "date_of_birth_precision", "expected_date_of_birth", "date_of_death",
        )
    )  # fmt: skip
    version_ids = [v[0] for v in versions]
    addresses: dict[UUID, list[AddressFacts]] = defaultdict(list)
    for start in range(0, len(version_ids), _FACTS_CHUNK):
        rows = PersonAddress.objects.filter(
            version_id__in=version_ids[start : start + _FACTS_CHUNK]
        ).values_list("version_id", "line1", "postcode", "start", "end", "confidentiality")
        for version_id, line1, postcode, began, ended, marker in rows:
            addresses[version_id].append(AddressFacts(line1, postcode, began, ended, marker))
    for version_id, person_id, agency_id, marker, born, precision, expected, died in versions:
        yield ResidenceFacts(
            recorded_person_id=person_id,
            agency_id=agency_id,
            confidentiality=marker,
            date_of_birth=born,
            date_of_birth_precision=precision,
            expected_date_of_birth=expected,
            date_of_death=died,
            addresses=tuple(addresses[version_id]),
        )


def stated_cohabitation_list() -> list[StatedCohabitation]:
    """The current version of every stated relationship between two people that says they live
    together, ended or not (household derivation decides what is current)."""
    rows = (
        _current_relationship_versions()
        .filter(
            relationship__kind=RelationshipKind.PERSON_RELATIONSHIP,
            counterpart_person__isnull=False,
            details__lives_with=True,
        )
        .values_list(
            "relationship_id", "relationship__agency_id", "person_id", "counterpart_person_id",
            "details__relationship", "start", "end",
        )
    )  # fmt: skip
    return [StatedCohabitation(*row) for row in rows]


# ------------------------------------------------------------------- ties and chronologies
# Unscoped reads of ids, codes and dates for the access policy and the chronology, which decide
# what a viewer may see; nothing here reaches a viewer without them.


def event_agency_list(*, person_ids: Iterable[UUID], kind: str) -> list[tuple[UUID, str]]:
    """(agency, agency kind) of every agency that recorded an event of this kind about any of
    these recorded persons (in any version)."""
    rows = (
        EventSubject.objects.filter(
            recorded_person_id__in=list(person_ids), version__event__kind=kind
        )
        .values_list("version__event__agency_id", "version__event__agency__kind")
        .distinct()
    )
    return list(rows)


def event_entry_list(
    *,
    person_ids: Iterable[UUID],
    kinds: Iterable[str] | None = None,
    as_of: datetime | None = None,
    detail_keys: Sequence[str] = (),
    whole_details: bool = False,
) -> list[EntryFacts]:
    """Every event about any of these recorded persons, each in the version Sightline held at
    `as_of` (now, without it), with the roles these recorded persons have in that version (an
    event whose later version no longer names them is left out); oldest first. Of each
    version's structured details only `detail_keys` are read, or all with `whole_details`.
    Two queries, however many events."""
    wanted = list(person_ids)
    subjects = EventSubject.objects.filter(recorded_person_id__in=wanted)
    if kinds is not None:
        subjects = subjects.filter(version__event__kind__in=list(kinds))
    if as_of is not None:
        subjects = subjects.filter(version__received_at__lte=as_of)
    named: dict[UUID, list[tuple[UUID, str]]] = defaultdict(list)
    for version_id, record_id, role in subjects.values_list(
        "version_id", "recorded_person_id", "role"
    ):
        named[version_id].append((record_id, role))
    versions = _current_event_versions(as_of).filter(
        event_id__in=subjects.values("version__event_id")
    )
    keys = ("",) if whole_details else tuple(detail_keys)
    details = ["details"] if whole_details else [f"details__{key}" for key in keys]
    rows = versions.values_list(*_ENTRY_FIELDS, *details)
    entries = [
        _entry(row, keys, tuple(sorted(named[row[0]], key=str))) for row in rows if row[0] in named
    ]
    return sorted(entries, key=lambda e: (e.occurred_at, e.received_at, str(e.event_id)))


_ENTRY_FIELDS = (
    "id", "event_id", "number", "event__kind", "event__agency_id", "event__agency__name",
    "event__agency__kind", "event__received_at", "occurred_at", "occurred_precision",
    "source_recorded_at", "received_at", "recorded_by", "summary", "sensitivity",
    "child_seen", "child_seen_alone", "child_voice", "cin_factors",
)  # fmt: skip


def _entry(
    row: tuple[Any, ...], keys: tuple[str, ...], subjects: tuple[tuple[UUID, str], ...]
) -> EntryFacts:
    fields = len(_ENTRY_FIELDS)
    # keys == ("",): the whole details, read as one column.
    details = (row[fields] or {}) if keys == ("",) else dict(zip(keys, row[fields:], strict=True))
    return entry_facts(row, details, subjects)


# ------------------------------------------------------------------- notification routing
# Unscoped reads of ids, codes, dates and structured details: routing is Sightline's own work,
# and what a notification tells its recipient is decided by its rule.

_ROUTING_FIELDS = (
    "id", "event_id", "event__kind", "event__agency_id", "event__agency__name",
    "event__created_by_id", "occurred_at", "received_at", "sensitivity", "details",
)  # fmt: skip


def _routing_events(versions: QuerySet[EventVersion]) -> list[RoutingEvent]:
    rows = list(versions.values(*_ROUTING_FIELDS))
    children: dict[UUID, list[UUID]] = defaultdict(list)
    for chunk in id_chunks(row["id"] for row in rows):
        subjects = EventSubject.objects.filter(version_id__in=chunk, role=SubjectRole.CHILD)
        for version_id, person_id in subjects.values_list("version_id", "recorded_person_id"):
            children[version_id].append(person_id)
    return [
        RoutingEvent(
            event_id=row["event_id"],
            version_id=row["id"],
            kind=row["event__kind"],
            agency_id=row["event__agency_id"],
            agency_name=row["event__agency__name"],
            created_by_id=row["event__created_by_id"],
            occurred_at=row["occurred_at"],
            received_at=row["received_at"],
            sensitivity=row["sensitivity"],
            details=row["details"],
            children=tuple(sorted(children[row["id"]], key=str)),
        )
        for row in rows
    ]


def routing_event_list(*, event_ids: Iterable[UUID], kinds: Iterable[str]) -> list[RoutingEvent]:
    """The current version of each of these events that is of one of these kinds."""
    wanted_kinds = list(kinds)
    found: list[RoutingEvent] = []
    for chunk in id_chunks(event_ids):
        versions = _current_event_versions().filter(
            event_id__in=chunk, event__kind__in=wanted_kinds
        )
        found += _routing_events(versions)
    return found


def routing_event_list_about(
    *,
    recorded_person_ids: Iterable[UUID],
    kind: str,
    occurred_from: datetime,
    occurred_to: datetime,
) -> list[RoutingEvent]:
    """Current versions of the events of a kind about any of these recorded persons as a child
    subject, that happened in the period (both ends included)."""
    found: list[RoutingEvent] = []
    for chunk in id_chunks(recorded_person_ids):
        about = EventSubject.objects.filter(
            version=OuterRef("pk"), recorded_person_id__in=chunk, role=SubjectRole.CHILD
        )
        versions = _current_event_versions().filter(
            Exists(about),
            event__kind=kind,
            occurred_at__gte=occurred_from,
            occurred_at__lte=occurred_to,
        )
        found += _routing_events(versions)
    return list({event.event_id: event for event in found}.values())


def service_tie_list(*, person_ids: Iterable[UUID], on: date) -> list[ServiceTie]:
    """Every relationship with a service or a worker (not a stated relationship between
    people) of these recorded persons that is in force on a day, as its latest version says."""
    ties: list[ServiceTie] = []
    for chunk in id_chunks(person_ids):
        rows = (
            _current_relationship_versions()
            .filter(person_id__in=chunk, start__lte=on)
            .filter(Q(end__isnull=True) | Q(end__gte=on))
            .exclude(relationship__kind=RelationshipKind.PERSON_RELATIONSHIP)
            .values_list(
                "person_id", "relationship__kind", "counterpart_agency_id",
                "relationship__agency_id", "worker_id", "details",
            )
        )  # fmt: skip
        ties += [
            ServiceTie(person, kind, counterpart or agency, worker, details or {})
            for person, kind, counterpart, agency, worker, details in rows
        ]
    return ties


# ------------------------------------------------------------------- oversight
# Unscoped reads of ids and dates for a manager's oversight of their own agencies' open cases.


def open_case_list(
    *, agency_ids: Iterable[UUID], kinds: Iterable[str], on: date
) -> list[ServiceSpan]:
    """The relationships of these kinds (allocations, episodes, plans) in force on a day whose
    service is one of these agencies (the counterpart agency, else the recording agency), as
    their latest versions say."""
    agencies = list(agency_ids)
    rows = (
        _current_relationship_versions()
        .filter(relationship__kind__in=list(kinds), start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .filter(
            Q(counterpart_agency_id__in=agencies)
            | Q(counterpart_agency__isnull=True, relationship__agency_id__in=agencies)
        )
        .values_list(
            "person_id", "relationship__kind", "counterpart_agency_id",
            "relationship__agency_id", "worker_id", "start", "end", "details",
        )
    )  # fmt: skip
    return [
        ServiceSpan(person, kind, counterpart or agency, worker, start, end, details or {})
        for person, kind, counterpart, agency, worker, start, end, details in rows
    ]


def child_seen_dates_map(
    *, person_ids: Iterable[UUID], agency_ids: Iterable[UUID]
) -> dict[UUID, tuple[datetime | None, datetime | None]]:
    """For each of these recorded persons, when one of these agencies last recorded (in an
    event's current version about them as the child) that the child was seen, and seen alone."""
    found: dict[UUID, tuple[datetime | None, datetime | None]] = {}
    agencies = list(agency_ids)
    for chunk in id_chunks(person_ids):
        rows = (
            EventSubject.objects.filter(
                recorded_person_id__in=chunk,
                role=SubjectRole.CHILD,
                version__in=_current_event_versions().filter(event__agency_id__in=agencies),
            )
            .values("recorded_person_id")
            .annotate(
                seen=Max("version__occurred_at", filter=Q(version__child_seen="yes")),
                alone=Max("version__occurred_at", filter=Q(version__child_seen_alone="yes")),
            )
            .values_list("recorded_person_id", "seen", "alone")
        )
        found.update({person: (seen, alone) for person, seen, alone in rows})
    return found


def recorded_person_ids_tied(*, kinds: Iterable[str], on: date) -> set[UUID]:
    """The recorded persons with a relationship of one of these kinds in force on a day."""
    return set(
        _current_relationship_versions()
        .filter(relationship__kind__in=list(kinds), start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .values_list("person_id", flat=True)
    )
