"""Reads of the risk app: a child's case as the rules see it, and the signals raised.

The case is Sightline's own, unscoped reading of the joined chronology (the same records and
household adults the chronology joins), because rules must see everything to be trusted; what
a practitioner is shown of a signal's evidence is decided when they open the chronology.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db import connection
from django.db.models import Prefetch, QuerySet

from sightline.core import clock
from sightline.core.ids import id_chunks
from sightline.core.sql import columns, typed_rows_for
from sightline.households.selectors import household_homes_get
from sightline.identity.selectors import linked_records_map, same_person_ids
from sightline.records.bulk_selectors import (
    current_entry_list,
    event_subject_records,
    recorded_person_birth_map,
    service_span_list,
)
from sightline.records.data import EntryFacts, ServiceSpan
from sightline.risk import rules
from sightline.risk.cases import SPAN_KINDS, EventFact, TieFact, birth_day_of, case_of
from sightline.risk.data import ResponseView, SignalView
from sightline.risk.models import (
    RiskSignal,
    SignalEvidence,
    SignalFinding,
    SignalResponse,
    SignalStatus,
)
from sightline.risk.rules.base import Case
from sightline.risk.signalling import Raised

_ADULT_ROLES = frozenset({"adult", "unknown", ""})
# A restricted entry stays with its agency: it is kept out of what rules read, as it is kept
# out of what others see.
_UNREAD_SENSITIVITY = "restricted"


@dataclass(frozen=True)
class LiveCase:
    case: Case
    child_records: frozenset[UUID]
    events: dict[str, EntryFacts]  # item id (event version id) → the entry it came from
    spans: tuple[ServiceSpan, ...]  # the child's allocations, episodes and plans, with workers


def _event_fact(entry: EntryFacts) -> EventFact:
    return EventFact(
        id=str(entry.version_id),
        kind=entry.kind,
        on=clock.day_of(entry.occurred_at),
        agency=str(entry.agency_id),
        agency_kind=entry.agency_kind,
        subjects=tuple((str(record), role) for record, role in entry.subjects),
        details=entry.details,
        child_seen=entry.child_seen,
        child_seen_alone=entry.child_seen_alone,
        child_voice=entry.child_voice,
        factors=entry.cin_factors,
    )


def child_groups(recorded_person_ids: Iterable[UUID]) -> list[frozenset[UUID]]:
    """The children these records are of, each as the set of records linked to it now (one
    group per child, however many of its records were asked about)."""
    linked = linked_records_map(ids=recorded_person_ids)
    groups: list[frozenset[UUID]] = []
    grouped: set[UUID] = set()
    for record in sorted(linked):
        if record not in grouped:
            grouped |= linked[record]
            groups.append(linked[record])
    return groups


def _adults_by_group(groups: list[frozenset[UUID]]) -> list[frozenset[UUID]]:
    """For each child, the adults of the households the child's records live in now."""
    homes = household_homes_get(recorded_person_ids=set().union(*groups) if groups else set())
    adults = []
    for group in groups:
        found = {
            member
            for record in group
            if record in homes.of
            for member, role in homes.members[homes.of[record][0]].items()
            if role in _ADULT_ROLES
        }
        adults.append(frozenset(found - group))
    return adults


def risk_cases_get(*, groups: list[frozenset[UUID]], as_of: date) -> list[LiveCase]:
    """Each child's case (a group of linked records, from child_groups) as the rules read it on
    `as_of`: every event about any record linked to the child, the household adults' events of
    the kinds a child's chronology holds, and the allocations, episodes and plans recorded
    about the child. A few queries for the lot, however many children."""
    adults = _adults_by_group(groups)
    children = set().union(*groups) if groups else set()
    everyone = children.union(*adults) if adults else children
    entries = [
        entry
        for entry in current_entry_list(person_ids=everyone)
        if entry.sensitivity != _UNREAD_SENSITIVITY
    ]
    about: dict[UUID, list[EntryFacts]] = defaultdict(list)
    for entry in entries:
        for record in dict.fromkeys(record for record, _ in entry.subjects):
            about[record].append(entry)
    births = {
        record: born
        for record, (stored, precision) in recorded_person_birth_map(ids=children).items()
        if (born := birth_day_of(stored, precision)) is not None
    }
    spans: dict[UUID, list[ServiceSpan]] = defaultdict(list)
    for span in service_span_list(person_ids=children, kinds=SPAN_KINDS):
        spans[span.recorded_person_id].append(span)
    return [
        _live_case(group, grown, as_of, about, births, spans)
        for group, grown in zip(groups, adults, strict=True)
    ]


def _live_case(
    group: frozenset[UUID],
    adults: frozenset[UUID],
    as_of: date,
    about: dict[UUID, list[EntryFacts]],
    births: dict[UUID, date],
    spans: dict[UUID, list[ServiceSpan]],
) -> LiveCase:
    entries = {
        str(entry.version_id): entry for record in group | adults for entry in about.get(record, ())
    }
    own_spans = tuple(span for record in group for span in spans.get(record, ()))
    case = case_of(
        as_of=as_of,
        date_of_birth=min((births[r] for r in group if r in births), default=None),
        child_records=frozenset(str(r) for r in group),
        # The adults living with the child now; their events count whenever they happened,
        # as in the child's chronology.
        adults={str(adult): [(date.min, None)] for adult in adults},
        events=map(_event_fact, entries.values()),
        ties=[TieFact(s.kind, s.start, s.end, s.details) for s in own_spans],
    )
    return LiveCase(case=case, child_records=group, events=entries, spans=own_spans)


# ------------------------------------------------------------------------------ signals


def _rule_text(rule_id: str) -> tuple[str, str]:
    for rule in rules.ruleset():
        if rule_id == rule.RULE_ID:
            return rule.TITLE, rule.RATIONALE
    return rule_id, ""


def _with_everything(rows: QuerySet[RiskSignal]) -> QuerySet[RiskSignal]:
    findings = SignalFinding.objects.order_by("created_at", "found_on")
    responses = SignalResponse.objects.select_related("responded_by").order_by("responded_at")
    evidence = SignalEvidence.objects.select_related("event_version").order_by("pk")
    return (
        rows.select_related("agency")
        .prefetch_related(Prefetch("findings", queryset=findings))
        .prefetch_related(Prefetch("responses", queryset=responses))
        .prefetch_related(Prefetch("evidence", queryset=evidence))
    )


def _view(row: RiskSignal) -> SignalView:
    responses = tuple(
        ResponseView(
            status=r.status,
            reason=r.reason,
            responded_by=r.responded_by.display_name or r.responded_by.username,
            responded_at=r.responded_at,
        )
        for r in row.responses.all()
    )
    findings = list(row.findings.all())
    cited = list(row.evidence.all())
    _, rationale = _rule_text(row.rule_id)
    return SignalView(
        id=row.id,
        rule_id=row.rule_id,
        rule_version=row.rule_version,
        title=row.title,
        rationale=rationale,
        fired_on=row.fired_on,
        explanation=findings[-1].explanation if findings else "",
        status=responses[-1].status if responses else SignalStatus.OPEN.value,
        evidence=tuple(e.event_version_id for e in cited),
        evidence_events=tuple(e.event_version.event_id for e in cited),
        child_id=row.child_id,
        agency_id=row.agency_id,
        agency_name=row.agency.name,
        created_at=row.created_at,
        last_found_on=max((f.found_on for f in findings), default=row.fired_on),
        responses=responses,
    )


def _with_linked(recorded_person_ids: Collection[UUID]) -> set[UUID]:
    records: set[UUID] = set()
    for record in recorded_person_ids:
        if record not in records:
            records |= same_person_ids(recorded_person_id=record)
    return records


def signal_list_for_child(*, recorded_person_ids: Collection[UUID]) -> list[SignalView]:
    """Every signal raised for the child these records are of (and any record linked to them
    now), newest first."""
    rows = RiskSignal.objects.filter(child_id__in=_with_linked(recorded_person_ids))
    return [_view(row) for row in _with_everything(rows.order_by("-fired_on", "-created_at"))]


def signal_list_for_records(*, recorded_person_ids: Collection[UUID]) -> list[SignalView]:
    """The signals raised for exactly these records (not those linked to them), newest first."""
    by_record = signal_map_for_records(recorded_person_ids=recorded_person_ids)
    found = [signal for signals in by_record.values() for signal in signals]
    return sorted(found, key=lambda s: (s.fired_on, s.created_at), reverse=True)


def signal_map_for_records(*, recorded_person_ids: Iterable[UUID]) -> dict[UUID, list[SignalView]]:
    """record → the signals raised for it, oldest first."""
    found: dict[UUID, list[SignalView]] = defaultdict(list)
    for chunk in id_chunks(recorded_person_ids):
        rows = RiskSignal.objects.filter(child_id__in=chunk).order_by("fired_on", "created_at")
        for row in _with_everything(rows):
            found[row.child_id].append(_view(row))
    return found


_RAISED_SQL = """
    SELECT raised.id, raised.child_id, raised.rule_id, raised.fired_on,
        (SELECT MAX(found.found_on) FROM risk_signalfinding found
         WHERE found.signal_id = raised.id),
        (SELECT answer.status FROM risk_signalresponse answer
         WHERE answer.signal_id = raised.id ORDER BY answer.responded_at DESC LIMIT 1),
        (SELECT {CITED} FROM risk_signalevidence cited WHERE cited.signal_id = raised.id)
    FROM risk_risksignal raised
    WHERE raised.child_id IN ({ids})
    ORDER BY raised.fired_on, raised.created_at
"""
# The event versions a signal cites, as one text of ids: one query for signals and evidence.
_CITED_LIST = {
    "postgresql": "string_agg(cited.event_version_id::text, ',')",
    "sqlite": "group_concat(cited.event_version_id, ',')",
}
_LIVE_STATUSES = frozenset({SignalStatus.OPEN.value, SignalStatus.ACKNOWLEDGED.value})


def _cited(ids: str | None) -> frozenset[str]:
    """The ids as the rest of Sightline writes them, whichever way the store keeps them."""
    return frozenset(str(UUID(i)) for i in ids.split(",")) if ids else frozenset()


def signal_raised_map(*, recorded_person_ids: Iterable[UUID]) -> dict[UUID, list[Raised]]:
    """record → the signals raised for it as the triage reads them (rule, evidence cited, day
    of the newest evidence, still live?), oldest first. One query for each 2,000 records, for
    evaluating the rules as events arrive."""
    signal_fields = [
        *columns(RiskSignal, "id", "child", "rule_id", "fired_on"),
        *columns(SignalFinding, "found_on"),
        None,  # the latest response's status
        None,  # the event versions cited, as text
    ]
    sql = _RAISED_SQL.format(CITED=_CITED_LIST[connection.vendor], ids="{ids}")
    found: dict[UUID, list[Raised]] = defaultdict(list)
    for signal, child, rule_id, fired_on, last_found, status, cited in typed_rows_for(
        sql, recorded_person_ids, signal_fields
    ):
        found[child].append(
            Raised(
                key=str(signal),
                rule_id=rule_id,
                evidence=_cited(cited),
                last_on=last_found or fired_on,
                live=(status or SignalStatus.OPEN.value) in _LIVE_STATUSES,
            )
        )
    return found


def signal_open_list(*, recorded_person_ids: Collection[UUID]) -> list[SignalView]:
    """The child's signals still waiting for someone to act: open or only acknowledged (not
    actioned, not dismissed)."""
    return [s for s in signal_list_for_child(recorded_person_ids=recorded_person_ids) if s.live]


def signal_unanswered_list(*, agency_ids: Iterable[UUID], limit: int = 200) -> list[SignalView]:
    """Signals these agencies must answer that nobody has responded to yet, oldest first."""
    rows = RiskSignal.objects.filter(
        agency_id__in=list(agency_ids), responses__isnull=True
    ).order_by("fired_on", "created_at")[:limit]
    return [_view(row) for row in _with_everything(rows)]


def signal_get(*, signal_id: UUID) -> SignalView | None:
    """One signal, unscoped: callers decide who may see it (see services.signal_open)."""
    row = _with_everything(RiskSignal.objects.filter(id=signal_id)).first()
    return _view(row) if row else None


# ---------------------------------------------------------------- whom an arrival affects

_ADULT_AGE_DAYS = 18 * 365 + 4


def _children_among(records: set[UUID] | None, today: date) -> set[UUID]:
    """Those of these records (of all, with None) that are of a child: under 18 by their date
    of birth, or with no date of birth recorded."""
    return {
        record
        for record, (stored, precision) in recorded_person_birth_map(ids=records).items()
        if (born := birth_day_of(stored, precision)) is None
        or (today - born).days < _ADULT_AGE_DAYS
    }


def child_record_ids(*, today: date) -> set[UUID]:
    """Every recorded person who is a child today (or whose age is not recorded)."""
    return _children_among(None, today)


def children_affected_by_events(*, event_ids: Iterable[UUID], today: date) -> list[frozenset[UUID]]:
    """The children whose case these events change, each as its group of linked records (as
    child_groups gives them): the children they are (or, before an amendment, were) about, and
    the children living with the adults they are about."""
    subjects = event_subject_records(event_ids=event_ids)
    return children_affected_by_records(recorded_person_ids=subjects, today=today)


def children_affected_by_records(
    *, recorded_person_ids: Iterable[UUID], today: date
) -> list[frozenset[UUID]]:
    """The children whose case these records change, each as its group of linked records: the
    children among these records and the records linked to them (a record that joins a child
    changes the child's case, whatever it says of its own age), and the children in the
    households of the adults."""
    linked = linked_records_map(ids=recorded_person_ids)
    records = set().union(*linked.values())
    children = _children_among(records, today)
    groups = {group for group in linked.values() if group & children}
    adults = records - children
    if adults:
        homes = household_homes_get(recorded_person_ids=adults)
        living_with = {
            member
            for household, _ in homes.of.values()
            for member, role in homes.members[household].items()
            if role == "child" and member not in records
        }
        groups.update(child_groups(_children_among(living_with, today)))
    return sorted(groups, key=min)
