"""Evaluating the rules over a child's joined chronology and keeping the signals: the one write
path for signals, called when events or links arrive and by the daily run.

Each evaluation reads the child's whole case, runs the current rule set, and lets the triage
(signalling.py) decide which findings are new signals and which only add evidence. A new
signal that is news (it fired within `FRESH_DAYS`) is routed to the allocated worker and their
managers, or to the front door; an old pattern found in a back-loaded history is kept on the
child's chronology and tells no one, as notification routing does with old events.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from django.db import transaction

from sightline.agencies.data import AgencyKind, Role
from sightline.agencies.selectors import agency_list, member_ids_by_agency_role
from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record_many
from sightline.core import clock
from sightline.core.bulk import insert_rows
from sightline.core.locks import take_turn
from sightline.notifications.calendar import within_hours
from sightline.notifications.data import NotificationDraft
from sightline.notifications.rules import RISK_PREFIX
from sightline.notifications.services import notifications_send
from sightline.records.bulk_selectors import recorded_person_agency_map
from sightline.records.selectors import recorded_person_ids_tied
from sightline.risk import rules
from sightline.risk.cases import SPAN_KINDS
from sightline.risk.data import EvaluationSummary
from sightline.risk.models import RiskSignal, SignalEvidence, SignalFinding
from sightline.risk.recipients import (
    ALLOCATED_WORKER,
    FRONT_DOOR,
    Addressee,
    Allocation,
    FrontDoor,
    addressees,
)
from sightline.risk.rules.base import Finding
from sightline.risk.selectors import LiveCase, child_groups, risk_cases_get, signal_raised_map
from sightline.risk.signalling import MoreEvidence, NewSignal, Raised, triage

# A signal whose evidence is older than this is kept but tells no one.
FRESH_DAYS = 14
# How long the people told have to acknowledge a signal.
ACKNOWLEDGE_WITHIN_HOURS = 24


def _lock_key(records: Iterable[UUID]) -> int:
    return min(records).int & 0x7FFF_FFFF_FFFF_FFFF


@dataclass
class _Child:
    """Who a child's signals belong to and whom they reach, worked out once per evaluation."""

    records: frozenset[UUID]
    record_of_agency: dict[UUID, UUID]  # agency → its (lowest) record of the child
    answerable: UUID  # the agency that must respond
    addressees: list[Addressee]

    def record_for(self, agency: UUID) -> UUID:
        return self.record_of_agency.get(agency) or min(self.records)


AgencyList = list[Any]  # agency_list()'s rows (agencies keeps its model to itself)


class _Agencies:
    """Every agency, read once per run of evaluations, and only if one of them keeps something."""

    def __init__(self) -> None:
        self._all: AgencyList | None = None

    def all(self) -> AgencyList:
        if self._all is None:
            self._all = agency_list()
        return self._all


def _front_door(record_agencies: set[UUID], agencies: AgencyList) -> FrontDoor | None:
    social_care = [a for a in agencies if a.kind == AgencyKind.CHILDRENS_SOCIAL_CARE]
    areas = {a.local_authority_code for a in agencies if a.id in record_agencies}
    ranked = sorted(
        social_care,
        key=lambda a: (a.id not in record_agencies, a.local_authority_code not in areas, a.name),
    )
    return FrontDoor(str(ranked[0].id), ranked[0].name) if ranked else None


def _child(live: LiveCase, today: date, agencies: _Agencies) -> _Child:
    records = live.child_records
    holders = recorded_person_agency_map(ids=records)
    record_of_agency: dict[UUID, UUID] = {}
    for record in sorted(records):
        record_of_agency.setdefault(holders[record], record)
    # The allocations in force today, from the spans the case was read with.
    allocations = [
        Allocation(str(span.agency_id), "", str(span.worker_id), "")
        for span in live.spans
        if span.kind == "worker_allocation"
        and span.worker_id is not None
        and span.start <= today
        and (span.end is None or today <= span.end)
    ]
    found = addressees(allocations, _front_door(set(record_of_agency), agencies.all()))
    answerable = UUID(found[0].agency) if found else min(record_of_agency, key=str)
    return _Child(records, record_of_agency, answerable, found)


def _recipients(child: _Child) -> dict[int, tuple[str, UUID]]:
    """Each user to tell → (basis, the agency they are told as a member of); first basis wins."""
    agencies = {UUID(a.agency) for a in child.addressees}
    members = member_ids_by_agency_role(
        agency_ids=agencies, roles=[Role.MANAGER.value, Role.MASH.value]
    )
    found: dict[int, tuple[str, UUID]] = {}
    for addressee in child.addressees:
        agency = UUID(addressee.agency)
        if addressee.basis == ALLOCATED_WORKER:
            users: tuple[int, ...] = (int(addressee.worker),)
        else:
            role = Role.MASH if addressee.basis == FRONT_DOOR else Role.MANAGER
            users = members.get((agency, role.value), ())
        for user in users:
            found.setdefault(user, (addressee.basis, agency))
    return found


def _raised(records: frozenset[UUID], raised: dict[UUID, list[Raised]]) -> list[Raised]:
    """The signals raised for any of the child's records, record by record, oldest first."""
    return [signal for record in sorted(records) for signal in raised.get(record, ())]


_SIGNAL_FIELDS = (
    "id", "rule_id", "rule_version", "ruleset", "child_id", "agency_id", "title", "fired_on",
)  # fmt: skip
_FINDING_FIELDS = ("id", "signal_id", "found_on", "explanation")
_EVIDENCE_FIELDS = ("signal_id", "finding_id", "event_version_id")


@dataclass
class _Writer:
    """What one evaluation keeps, gathered as rows and written a table at a time at the end: a
    child's evaluation is on the path of every event that arrives."""

    live: LiveCase
    child: _Child
    today: date
    ruleset: str
    stored: dict[str, UUID] = field(default_factory=dict)  # triage key → signal id
    signals: list[tuple[object, ...]] = field(default_factory=list)
    findings: list[tuple[object, ...]] = field(default_factory=list)
    evidence: list[tuple[object, ...]] = field(default_factory=list)
    audit: list[AuditDraft] = field(default_factory=list)
    drafts: list[NotificationDraft] = field(default_factory=list)

    def finding(self, signal_id: UUID, found: Finding, cited: Iterable[str]) -> UUID:
        finding_id = uuid4()
        self.findings.append((finding_id, signal_id, found.on, found.explanation))
        self.evidence += [(signal_id, finding_id, UUID(e)) for e in cited]
        return finding_id

    def new(self, key: str, found: Finding) -> None:
        rule = next(r for r in rules.ruleset(self.ruleset) if found.rule_id == r.RULE_ID)
        signal_id, agency_id = uuid4(), self.child.answerable
        child_id = self.child.record_for(agency_id)
        self.signals.append(
            (signal_id, found.rule_id, found.version, self.ruleset, child_id, agency_id,
             rule.TITLE, found.on)
        )  # fmt: skip
        self.stored[key] = signal_id
        finding_id = self.finding(signal_id, found, found.evidence)
        self.audit.append(
            AuditDraft(
                action=AuditAction.SIGNAL_RAISED,
                subject=SubjectRef("risk", "risksignal", str(signal_id)),
                agency_id=agency_id,
                recorded_person_id=child_id,
                payload={
                    "signal_id": signal_id,
                    "finding_id": finding_id,
                    "rule": f"{found.rule_id}@{found.version}",
                    "evidence": len(found.evidence),
                },
            )
        )
        if (self.today - found.on).days <= FRESH_DAYS:
            self.tell(rule.TITLE, found)

    def more(self, outcome: MoreEvidence) -> None:
        signal_id = self.stored.get(outcome.key) or UUID(outcome.key)
        finding_id = self.finding(signal_id, outcome.finding, outcome.added)
        self.audit.append(
            AuditDraft(
                action=AuditAction.SIGNAL_EVIDENCE_ADDED,
                subject=SubjectRef("risk", "risksignal", str(signal_id)),
                recorded_person_id=min(self.child.records),
                payload={
                    "signal_id": signal_id,
                    "finding_id": finding_id,
                    "evidence": len(outcome.added),
                },
            )
        )

    def tell(self, title: str, found: Finding) -> None:
        newest = self.live.events[found.evidence[-1]]
        due = within_hours(clock.now(), ACKNOWLEDGE_WITHIN_HOURS)
        for user, (basis, agency) in _recipients(self.child).items():
            self.drafts.append(
                NotificationDraft(
                    recipient_id=user,
                    agency_id=agency,
                    rule_id=f"{RISK_PREFIX}{found.rule_id}",
                    rule_version=found.version,
                    basis=basis,
                    event_id=newest.event_id,
                    event_version_id=UUID(found.evidence[-1]),
                    child_id=self.child.record_for(agency),
                    reason=f"{title}. {found.explanation}",
                    due_at=due,
                )
            )

    def finish(self) -> int:
        insert_rows(RiskSignal, _SIGNAL_FIELDS, self.signals)
        insert_rows(SignalFinding, _FINDING_FIELDS, self.findings)
        insert_rows(SignalEvidence, _EVIDENCE_FIELDS, self.evidence)
        audit_record_many(self.audit)
        return notifications_send(drafts=self.drafts) if self.drafts else 0


# Children whose cases are read together: a few queries for each batch, however many children.
BATCH = 500


@transaction.atomic
def _keep(
    live: LiveCase, findings: list[Finding], today: date, ruleset: str, agencies: _Agencies
) -> EvaluationSummary:
    """Write what is new for one child, in its own transaction. The signals are read again
    after taking the child's lock: another evaluation of the same child may have written some
    since the batch was read."""
    take_turn(_lock_key(live.child_records))
    stored = signal_raised_map(recorded_person_ids=live.child_records)
    outcomes = triage(findings, _raised(live.child_records, stored))
    if not outcomes:
        return EvaluationSummary(1, len(findings), 0, 0, 0)
    writer = _Writer(live, _child(live, today, agencies), today, ruleset)
    for index, outcome in enumerate(outcomes):
        if isinstance(outcome, NewSignal):
            writer.new(f"new:{index}", outcome.finding)
        else:
            writer.more(outcome)
    notified = writer.finish()
    raised = sum(isinstance(o, NewSignal) for o in outcomes)
    return EvaluationSummary(1, len(findings), raised, len(outcomes) - raised, notified)


def risk_evaluate_children(
    *, recorded_person_ids: Iterable[UUID], today: date | None = None, ruleset: str | None = None
) -> EvaluationSummary:
    """Evaluate the rule set over the case, today, of each child these records are of (a child
    with several linked records once), and keep what is new."""
    return risk_evaluate_groups(
        groups=child_groups(recorded_person_ids), today=today, ruleset=ruleset
    )


def risk_evaluate_groups(
    *, groups: list[frozenset[UUID]], today: date | None = None, ruleset: str | None = None
) -> EvaluationSummary:
    """Evaluate the rule set over the case, today, of each child (a group of linked records, as
    child_groups gives them), and keep what is new. Cases are read a batch at a time; only a
    child with something new to keep is written, in a transaction of its own."""
    today = today or clock.today()
    ruleset = ruleset or rules.CURRENT_RULESET
    chosen = rules.ruleset(ruleset)
    totals = EvaluationSummary(0, 0, 0, 0, 0)
    agencies = _Agencies()
    for start in range(0, len(groups), BATCH):
        batch = groups[start : start + BATCH]
        cases = risk_cases_get(groups=batch, as_of=today)
        raised = signal_raised_map(recorded_person_ids=set().union(*batch))
        for live in cases:
            findings = rules.evaluate(live.case, chosen)
            if triage(findings, _raised(live.child_records, raised)):
                kept = _keep(live, findings, today, ruleset, agencies)
            else:
                kept = EvaluationSummary(1, len(findings), 0, 0, 0)
            totals = totals.plus(kept)
    return totals


def risk_evaluate_child(
    *, recorded_person_id: UUID, today: date | None = None, ruleset: str | None = None
) -> EvaluationSummary:
    """Evaluate one child (see risk_evaluate_children)."""
    return risk_evaluate_children(
        recorded_person_ids=[recorded_person_id], today=today, ruleset=ruleset
    )


def risk_evaluate_open_cases(*, today: date | None = None) -> EvaluationSummary:
    """Evaluate every child open to a service today (an allocation, an episode or a plan): the
    daily run, for the rules about time passing (a child not seen for too long), which no
    arriving event sets off."""
    today = today or clock.today()
    open_cases = recorded_person_ids_tied(kinds=SPAN_KINDS, on=today)
    return risk_evaluate_children(recorded_person_ids=open_cases, today=today)
