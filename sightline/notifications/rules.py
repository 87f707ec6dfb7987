"""Who is told about which events, and by when: the routing rules as data, and the pure functions
that apply them. No Django.

A rule names the kind of event it fires on, conditions on the event's structured details and on
the child's relationships, whom it reaches and when they must acknowledge it. Recipients come
from the child's relationships in force on the day the event is routed, on any agency's record
linked to the child (the school's enrolment, a caseload, an allocation), or, for an outcome,
from the referrals the decision answers. A notification keeps its rule's id and version, so it
can always be explained; changing what a rule does means a new version.

Two limits hold for every rule:
- only standard events are routed: a sensitive or restricted event stays with its agency;
- only news is routed: an event received more than `fresh_for` after it happened (a history
  back-loaded from an agency's old system, say) goes into the chronology and tells no one.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from sightline.notifications.calendar import (
    SchoolCalendar,
    next_school_day_start,
    uk_moment,
    within_hours,
)


class Basis(StrEnum):
    """Why a recipient is told: shown to them, and stored with the notification."""

    SCHOOL_DSL = "school_dsl"
    HEALTH_VISITING = "health_visiting"
    SCHOOL_NURSING = "school_nursing"
    ALLOCATED_WORKER = "allocated_worker"
    ALLOCATING_MANAGER = "allocating_manager"
    REFERRER = "referrer"
    # Risk signals with no allocated worker go to the front door of children's social care.
    FRONT_DOOR = "front_door"
    FRONT_DOOR_MANAGER = "front_door_manager"


BASIS_TEXT: dict[Basis, str] = {
    Basis.SCHOOL_DSL: "You are a designated safeguarding lead at the child's school.",
    Basis.HEALTH_VISITING: "The child is on your health visiting caseload.",
    Basis.SCHOOL_NURSING: "The child is on your school nursing caseload.",
    Basis.ALLOCATED_WORKER: "You are the child's allocated worker.",
    Basis.ALLOCATING_MANAGER: "You manage the service that allocated the child's worker.",
    Basis.REFERRER: "Your agency referred the child: this is the decision on the referral.",
    Basis.FRONT_DOOR: "You work at the front door of children's social care, and the child has"
    " no allocated worker.",
    Basis.FRONT_DOOR_MANAGER: "You manage the front door of children's social care, and the"
    " child has no allocated worker.",
}


class Whom(StrEnum):
    WORKER = "worker"  # the worker the relationship names, when they use Sightline
    MEMBERS = "members"  # the service's members who hold one of the roles
    WORKER_ELSE_MEMBERS = "worker_else_members"


# ---------------------------------------------------------------- what routing is told


@dataclass(frozen=True)
class EventFacts:
    """The event's current version."""

    event_id: UUID
    version_id: UUID
    kind: str
    agency_id: UUID
    agency_name: str
    recorded_by_user: int | None  # who recorded it in Sightline (None: imported)
    occurred_at: datetime
    received_at: datetime  # when Sightline received this version
    sensitivity: str
    details: Mapping[str, Any]
    children: tuple[UUID, ...]  # its child subjects (the recording agency's records)


@dataclass(frozen=True)
class Tie:
    """A relationship in force today on one of the records linked to one of the event's
    children, which may be held by any agency."""

    child: UUID  # the event's child subject it was found through
    record: UUID  # the recorded person the relationship is on
    kind: str
    agency_id: UUID  # the service: a school, a caseload's team, the allocating agency
    worker_id: int | None
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Referral:
    """A referral about one of the event's children (on any record linked to the child)."""

    child: UUID
    record: UUID  # the referral's child subject: the referring agency's record
    event_id: UUID
    agency_id: UUID
    recorded_by_user: int | None
    occurred_at: datetime


@dataclass(frozen=True)
class Situation:
    """Everything routing knows about the event's children and the people around them."""

    ties: tuple[Tie, ...] = ()
    referrals: tuple[Referral, ...] = ()
    # Active members' user ids by (agency, role).
    members: Mapping[tuple[UUID, str], tuple[int, ...]] = field(default_factory=dict)
    # Event children whose records are marked so that no other agency may learn of them:
    # those events are routed only within the recording agency.
    hidden_children: frozenset[UUID] = frozenset()


@dataclass(frozen=True)
class Delivery:
    """One recipient of a rule's notification about an event."""

    recipient: int
    agency_id: UUID  # the agency they are told as a member of (its managers escalate)
    child: UUID  # their agency's record of the child
    basis: Basis


# ---------------------------------------------------------------- rules as data


@dataclass(frozen=True)
class DetailIs:
    """A condition on the event's structured details."""

    field: str
    value: Any

    def holds(self, details: Mapping[str, Any]) -> bool:
        return bool(details.get(self.field) == self.value)


@dataclass(frozen=True)
class ChildHas:
    """A condition on the child: a relationship of this kind in force, with, when `detail` is
    given, that detail among `values` (a plan of one of these types, say)."""

    kind: str
    detail: str = ""
    values: frozenset[str] = frozenset()

    def holds(self, ties: list[Tie]) -> bool:
        return any(
            tie.kind == self.kind
            and (not self.detail or tie.details.get(self.detail) in self.values)
            for tie in ties
        )


@dataclass(frozen=True)
class ThroughRelationship:
    """The people the child's relationships of these kinds point to."""

    kinds: frozenset[str]
    basis: Basis
    whom: Whom
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThroughReferrals:
    """Whoever referred the child from another agency in the `window` before the decision: the
    practitioner who recorded the referral in Sightline, or, for a referral imported from the
    agency's own system, the agency's members in `roles` (its safeguarding leads)."""

    window: timedelta
    roles: tuple[str, ...]
    basis: Basis = Basis.REFERRER
    referral_kind: str = "referral"


@dataclass(frozen=True)
class BeforeNextSchoolDay:
    """Due at the start of the next school day after the event was received."""


@dataclass(frozen=True)
class WithinHours:
    hours: int


Recipients = ThroughRelationship | ThroughReferrals
Deadline = BeforeNextSchoolDay | WithinHours


@dataclass(frozen=True)
class Rule:
    id: str
    version: int
    title: str
    rationale: str  # plain English, shown to users
    event_kind: str
    # What happened, for the recipient: formatted with the event's details, `agency` and `when`.
    summary: str
    recipients: tuple[Recipients, ...]
    deadline: Deadline
    conditions: tuple[DetailIs, ...] = ()
    child_has: tuple[ChildHas, ...] = ()
    fresh_for: timedelta = timedelta(days=14)
    sensitivities: frozenset[str] = frozenset({"standard"})


_PLANS = frozenset({"child_in_need", "child_protection", "looked_after"})

RULES: tuple[Rule, ...] = (
    Rule(
        id="domestic-abuse-child-present",
        version=1,
        title="Domestic abuse incident with a child present",
        rationale=(
            "Operation Encompass: when police attend a domestic abuse incident and a child was "
            "there, the child's school is told before the next school day starts, so that staff "
            "can support the child from the moment they arrive; the health visitor or school "
            "nurse who knows the family is told too. Case reviews, Daniel Pelka's among them, "
            "found schools never heard of repeated call-outs."
        ),
        event_kind="domestic_abuse_incident",
        conditions=(DetailIs("children_present", True),),
        summary=(
            "{agency} attended a domestic abuse incident on {when}, with the child present. "
            "Risk level: {risk_level}."
        ),
        recipients=(
            ThroughRelationship(
                frozenset({"school_enrolment"}), Basis.SCHOOL_DSL, Whom.MEMBERS, ("dsl",)
            ),
            ThroughRelationship(
                frozenset({"health_visiting_caseload"}),
                Basis.HEALTH_VISITING,
                Whom.WORKER_ELSE_MEMBERS,
                ("practitioner",),
            ),
            ThroughRelationship(
                frozenset({"school_nursing_caseload"}),
                Basis.SCHOOL_NURSING,
                Whom.WORKER_ELSE_MEMBERS,
                ("practitioner",),
            ),
        ),
        deadline=BeforeNextSchoolDay(),
    ),
    Rule(
        id="hospital-attendance-child-on-plan",
        version=1,
        title="Hospital attendance of a child on a plan",
        rationale=(
            "A child on a child in need, child protection or looked-after plan who attends "
            "hospital may be being harmed; their social worker, and the manager who oversees "
            "the plan, must know within a day, not at the next review."
        ),
        event_kind="hospital_attendance",
        child_has=(ChildHas("plan", "plan_type", _PLANS),),
        summary="{agency} recorded a hospital attendance ({setting}) on {when}.",
        recipients=(
            ThroughRelationship(
                frozenset({"worker_allocation"}), Basis.ALLOCATED_WORKER, Whom.WORKER
            ),
            ThroughRelationship(
                frozenset({"worker_allocation"}),
                Basis.ALLOCATING_MANAGER,
                Whom.MEMBERS,
                ("manager",),
            ),
        ),
        deadline=WithinHours(24),
    ),
    Rule(
        id="referral-outcome-to-referrer",
        version=1,
        title="Decision on your referral",
        rationale=(
            "Closing the loop: whoever referred a child to the front door hears what was "
            "decided, so that a referral answered with no further action can be challenged "
            "and a concern that keeps recurring is referred again."
        ),
        event_kind="front_door_decision",
        summary="{agency} made its front door decision on {when}: {decision}.",
        recipients=(ThroughReferrals(window=timedelta(days=30), roles=("dsl",)),),
        deadline=WithinHours(72),
    ),
)

RULE_KINDS = frozenset(rule.event_kind for rule in RULES)
_BY_ID = {rule.id: rule for rule in RULES}


def rule_get(rule_id: str) -> Rule | None:
    return _BY_ID.get(rule_id)


# Notifications sent for risk signals carry the risk rule's id under this prefix; their reason
# holds the signal's own words.
RISK_PREFIX = "risk."


def title_of(rule_id: str) -> str:
    rule = rule_get(rule_id)
    if rule is not None:
        return rule.title
    return "Risk signal" if rule_id.startswith(RISK_PREFIX) else rule_id


# ---------------------------------------------------------------- applying them


def fires(rule: Rule, event: EventFacts) -> bool:
    """Whether the rule applies to the event itself (its children are checked by route)."""
    return (
        event.kind == rule.event_kind
        and event.sensitivity in rule.sensitivities
        and event.received_at - event.occurred_at <= rule.fresh_for
        and all(condition.holds(event.details) for condition in rule.conditions)
    )


def rules_firing(event: EventFacts) -> list[Rule]:
    return [rule for rule in RULES if fires(rule, event)]


def _through_relationship(
    spec: ThroughRelationship, ties: list[Tie], situation: Situation
) -> Iterator[Delivery]:
    for tie in ties:
        if tie.kind not in spec.kinds:
            continue
        workers: tuple[int, ...] = (tie.worker_id,) if tie.worker_id is not None else ()
        members = tuple(
            user for role in spec.roles for user in situation.members.get((tie.agency_id, role), ())
        )
        if spec.whom is Whom.WORKER:
            chosen = workers
        elif spec.whom is Whom.MEMBERS:
            chosen = members
        else:
            chosen = workers or members
        for user in chosen:
            yield Delivery(user, tie.agency_id, tie.record, spec.basis)


def _through_referrals(
    spec: ThroughReferrals, event: EventFacts, child: UUID, situation: Situation
) -> Iterator[Delivery]:
    earliest = event.occurred_at - spec.window
    for referral in situation.referrals:
        if (
            referral.child != child
            or referral.agency_id == event.agency_id
            or not earliest <= referral.occurred_at <= event.occurred_at
        ):
            continue
        if referral.recorded_by_user is not None:
            chosen: tuple[int, ...] = (referral.recorded_by_user,)
        else:
            chosen = tuple(
                user
                for role in spec.roles
                for user in situation.members.get((referral.agency_id, role), ())
            )
        for user in chosen:
            yield Delivery(user, referral.agency_id, referral.record, spec.basis)


def route(rule: Rule, event: EventFacts, situation: Situation) -> list[Delivery]:
    """Who the rule tells about the event: one delivery per recipient (the first reason found
    for them wins), never the practitioner who recorded the event."""
    chosen: dict[int, Delivery] = {}
    ties = sorted(situation.ties, key=lambda t: (str(t.record), t.kind, str(t.agency_id)))
    for child in event.children:
        own_ties = [tie for tie in ties if tie.child == child]
        if not all(need.holds(own_ties) for need in rule.child_has):
            continue
        for spec in rule.recipients:
            if isinstance(spec, ThroughRelationship):
                found = _through_relationship(spec, own_ties, situation)
            else:
                found = _through_referrals(spec, event, child, situation)
            for delivery in found:
                if child in situation.hidden_children and delivery.agency_id != event.agency_id:
                    continue
                if delivery.recipient != event.recorded_by_user:
                    chosen.setdefault(delivery.recipient, delivery)
    return sorted(chosen.values(), key=lambda d: d.recipient)


def due_at(rule: Rule, event: EventFacts, calendar: SchoolCalendar) -> datetime:
    """The deadline, counted from when Sightline received the event; `calendar` is the
    recipient's (a school's own term dates, else the default)."""
    if isinstance(rule.deadline, BeforeNextSchoolDay):
        return next_school_day_start(event.received_at, calendar)
    return within_hours(event.received_at, rule.deadline.hours)


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "not recorded"


def reason(rule: Rule, event: EventFacts, basis: Basis) -> str:
    """What happened and why this recipient is told, in plain English, without the child's
    name (the recipient opens their own agency's record of the child for that)."""
    values = _Blank(
        {
            key: value.replace("_", " ") if isinstance(value, str) else value
            for key, value in event.details.items()
        }
    )
    values.update(agency=event.agency_name, when=uk_moment(event.occurred_at))
    return f"{rule.summary.format_map(values)} {BASIS_TEXT[basis]}"
