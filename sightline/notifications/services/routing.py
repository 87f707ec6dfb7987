"""Routing events to the people who must know: the rules (rules.py) applied to what the store
says about each event's children today, one notification per rule, event and recipient.

Idempotent: routing an event again writes only what is missing, so an amended event, a re-run
import or a retried task never tells anyone twice. Two routings of one event at once are kept
apart by the unique (rule, event, recipient) index: the second one's rows are skipped.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from uuid import UUID, uuid4

from django.db import transaction

from sightline.accounts.selectors import active_user_ids
from sightline.agencies.selectors import member_ids_by_agency_role
from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record_many
from sightline.core import clock
from sightline.core.bulk import insert_rows_unless_present
from sightline.identity import policy as identity_policy
from sightline.identity.selectors import (
    membership_current_map,
    person_members_map,
    record_access_map,
)
from sightline.notifications.calendar import LONDON, SchoolCalendar
from sightline.notifications.data import RoutingSummary
from sightline.notifications.models import Notification
from sightline.notifications.rules import (
    RULE_KINDS,
    RULES,
    EventFacts,
    Referral,
    Rule,
    Situation,
    ThroughReferrals,
    Tie,
    due_at,
    reason,
    route,
    rules_firing,
)
from sightline.notifications.selectors import school_term_map
from sightline.notifications.services.mail import notification_emails_after_commit
from sightline.records.data import RoutingEvent
from sightline.records.selectors import (
    routing_event_list,
    routing_event_list_about,
    service_tie_list,
)

# Every role a rule may reach, looked up once for all the agencies involved.
_ROLES = frozenset(role for rule in RULES for spec in rule.recipients for role in spec.roles)


def _facts(event: RoutingEvent) -> EventFacts:
    return EventFacts(
        event_id=event.event_id,
        version_id=event.version_id,
        kind=event.kind,
        agency_id=event.agency_id,
        agency_name=event.agency_name,
        recorded_by_user=event.created_by_id,
        occurred_at=event.occurred_at,
        received_at=event.received_at,
        sensitivity=event.sensitivity,
        details=event.details,
        children=event.children,
    )


def _records_of_each_child(children: set[UUID]) -> dict[UUID, set[UUID]]:
    """Each child record, with every record linked to it as one person (itself included)."""
    person_of = {
        record: person
        for record, (_, person) in membership_current_map(ids=children).items()
        if person is not None
    }
    members = person_members_map(person_ids=set(person_of.values()))
    return {
        child: members.get(person_of[child], set()) | {child} if child in person_of else {child}
        for child in children
    }


def _ties(records_of: Mapping[UUID, set[UUID]]) -> list[Tie]:
    """The relationships in force today (UK date) on every record of every child."""
    today = clock.now().astimezone(LONDON).date()
    every = {record for records in records_of.values() for record in records}
    found = defaultdict(list)
    for tie in service_tie_list(person_ids=every, on=today):
        found[tie.recorded_person_id].append(tie)
    workers = {tie.worker_id for ties in found.values() for tie in ties if tie.worker_id}
    # A worker whose account is closed is no one to tell: the relationship then counts as
    # naming no worker (its service's members are told, or, for an allocation, the manager).
    active = active_user_ids(ids=workers)
    return [
        Tie(
            child,
            record,
            tie.kind,
            tie.agency_id,
            tie.worker_id if tie.worker_id in active else None,
            tie.details,
        )
        for child, records in records_of.items()
        for record in records
        for tie in found.get(record, [])
    ]


def _referrals(
    firing: list[tuple[EventFacts, Rule]], records_of: Mapping[UUID, set[UUID]]
) -> list[Referral]:
    """The referrals that the firing rules' decisions may answer."""
    specs = [
        (event, spec)
        for event, rule in firing
        for spec in rule.recipients
        if isinstance(spec, ThroughReferrals)
    ]
    if not specs:
        return []
    referrals: list[Referral] = []
    for kind in {spec.referral_kind for _, spec in specs}:
        earliest = min(e.occurred_at - s.window for e, s in specs if s.referral_kind == kind)
        latest = max(e.occurred_at for e, s in specs if s.referral_kind == kind)
        every = {record for records in records_of.values() for record in records}
        found = routing_event_list_about(
            recorded_person_ids=every, kind=kind, occurred_from=earliest, occurred_to=latest
        )
        for child, records in records_of.items():
            referrals += [
                Referral(child, subject, r.event_id, r.agency_id, r.created_by_id, r.occurred_at)
                for r in found
                for subject in r.children
                if subject in records
            ]
    return referrals


def _situation(firing: list[tuple[EventFacts, Rule]]) -> Situation:
    children = {child for event, _ in firing for child in event.children}
    records_of = _records_of_each_child(children)
    ties = _ties(records_of)
    referrals = _referrals(firing, records_of)
    agencies = {t.agency_id for t in ties} | {r.agency_id for r in referrals}
    hidden = frozenset(
        record
        for record, access in record_access_map(ids=children).items()
        if access.confidentiality in identity_policy.RESTRICTED
    )
    return Situation(
        ties=tuple(ties),
        referrals=tuple(referrals),
        members=member_ids_by_agency_role(agency_ids=agencies, roles=_ROLES),
        hidden_children=hidden,
    )


def _calendars(agency_ids: set[UUID]) -> dict[UUID, SchoolCalendar]:
    own, default = school_term_map(agency_ids=agency_ids)
    return {agency: SchoolCalendar(own.get(agency, ()), default) for agency in agency_ids}


_NOTIFICATION_FIELDS = (
    "id", "recipient_id", "agency_id", "rule_id", "rule_version", "basis", "event_id",
    "event_version_id", "child_id", "reason", "due_at",
)  # fmt: skip


def store_new(rows: list[Notification]) -> list[Notification]:
    """Write the rows not already stored (one per rule, event and recipient: the unique index
    decides, so a routing of the same event that committed meanwhile wins), and return those
    this call wrote: only they are audited and emailed."""
    written = set(
        insert_rows_unless_present(
            Notification,
            _NOTIFICATION_FIELDS,
            [tuple(getattr(row, name) for name in _NOTIFICATION_FIELDS) for row in rows],
        )
    )
    return [row for row in rows if row.id in written]


def _rows(firing: list[tuple[EventFacts, Rule]], situation: Situation) -> list[Notification]:
    routed = [(event, rule, route(rule, event, situation)) for event, rule in firing]
    calendars = _calendars({d.agency_id for _, _, found in routed for d in found})
    return [
        Notification(
            id=uuid4(),
            recipient_id=delivery.recipient,
            agency_id=delivery.agency_id,
            rule_id=rule.id,
            rule_version=rule.version,
            basis=delivery.basis,
            event_id=event.event_id,
            event_version_id=event.version_id,
            child_id=delivery.child,
            reason=reason(rule, event, delivery.basis),
            due_at=due_at(rule, event, calendars[delivery.agency_id]),
        )
        for event, rule, found in routed
        for delivery in found
    ]


def audit_sent(rows: list[Notification]) -> None:
    audit_record_many(
        AuditDraft(
            action=AuditAction.NOTIFICATION_SENT,
            subject=SubjectRef("notifications", "notification", str(row.id)),
            agency_id=row.agency_id,
            recorded_person_id=row.child_id,
            payload={
                "notification_id": row.id,
                "rule": f"{row.rule_id}@{row.rule_version}",
                "event_id": row.event_id,
                "due_at": row.due_at.isoformat(),
            },
        )
        for row in rows
    )


@transaction.atomic
def notifications_for_events(*, event_ids: Iterable[UUID]) -> RoutingSummary:
    """Notify every eligible recipient of every rule that fires on these events (each in its
    current version), once: what was sent before is left as it is. Each notification is
    audited, and its email sent after the commit."""
    events = routing_event_list(event_ids=event_ids, kinds=RULE_KINDS)
    firing = [(facts, rule) for facts in map(_facts, events) for rule in rules_firing(facts)]
    if not firing:
        return RoutingSummary(events_routed=0, created=0)
    created = store_new(_rows(firing, _situation(firing)))
    audit_sent(created)
    notification_emails_after_commit(row.id for row in created)
    return RoutingSummary(events_routed=len({e.event_id for e, _ in firing}), created=len(created))


def notifications_for_event(*, event_id: UUID) -> RoutingSummary:
    """Route one event (see notifications_for_events)."""
    return notifications_for_events(event_ids=[event_id])
