"""The routing rules as data, and routing over plain facts. Pure: no database."""

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sightline.agencies.data import Role
from sightline.notifications.rules import (
    RULES,
    Basis,
    EventFacts,
    Referral,
    Rule,
    Situation,
    ThroughReferrals,
    ThroughRelationship,
    Tie,
    fires,
    reason,
    route,
    rule_get,
    rules_firing,
)
from sightline.records.schema.catalogue import EventKind
from sightline.records.schema.details import DETAILS_MODELS
from sightline.records.schema.relationships import RelationshipKind

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
POLICE, SCHOOL, NURSES, CSC, OTHER = (uuid4() for _ in range(5))
CHILD, SCHOOL_RECORD, NURSING_RECORD, CSC_RECORD = (uuid4() for _ in range(4))


def rule(rule_id: str) -> Rule:
    found = rule_get(rule_id)
    assert found is not None
    return found


DA = rule("domestic-abuse-child-present")
OUTCOME = rule("referral-outcome-to-referrer")


def event(**overrides: Any) -> EventFacts:
    values: dict[str, Any] = {
        "event_id": uuid4(),
        "version_id": uuid4(),
        "kind": "domestic_abuse_incident",
        "agency_id": POLICE,
        "agency_name": "West Midlands Police",
        "recorded_by_user": 99,
        "occurred_at": NOW - timedelta(hours=7),
        "received_at": NOW,
        "sensitivity": "standard",
        "details": {"risk_level": "high", "children_present": True},
        "children": (CHILD,),
    }
    return EventFacts(**(values | overrides))


SCHOOL_TIE = Tie(CHILD, SCHOOL_RECORD, "school_enrolment", SCHOOL, None)
NURSING_TIE = Tie(CHILD, NURSING_RECORD, "school_nursing_caseload", NURSES, None)
MEMBERS = {(SCHOOL, "dsl"): (1, 2), (SCHOOL, "practitioner"): (3,), (NURSES, "practitioner"): (4,)}


def test_every_rule_is_complete_and_consistent_with_the_schema():
    assert len({rule.id for rule in RULES}) == len(RULES) >= 3
    for rule in RULES:
        assert rule.version >= 1 and rule.title and rule.rationale
        details = DETAILS_MODELS[EventKind(rule.event_kind)].model_fields
        assert all(condition.field in details for condition in rule.conditions)
        for spec in rule.recipients:
            assert set(spec.roles) <= set(Role.values)
            if isinstance(spec, ThroughRelationship):
                assert spec.kinds <= {kind.value for kind in RelationshipKind}
            else:
                assert EventKind(spec.referral_kind)
        for need in rule.child_has:
            assert need.kind in {kind.value for kind in RelationshipKind}


def test_the_school_s_dsls_and_the_nursing_service_are_told_not_the_teacher():
    found = route(DA, event(), Situation((SCHOOL_TIE, NURSING_TIE), (), MEMBERS))

    assert [(d.recipient, d.agency_id, d.child, d.basis) for d in found] == [
        (1, SCHOOL, SCHOOL_RECORD, Basis.SCHOOL_DSL),
        (2, SCHOOL, SCHOOL_RECORD, Basis.SCHOOL_DSL),
        (4, NURSES, NURSING_RECORD, Basis.SCHOOL_NURSING),
    ]


def test_a_caseload_s_named_worker_replaces_the_service_s_practitioners():
    named = Tie(CHILD, NURSING_RECORD, "school_nursing_caseload", NURSES, worker_id=7)
    found = route(DA, event(), Situation((named,), (), MEMBERS))
    assert [d.recipient for d in found] == [7]


def test_the_practitioner_who_recorded_the_event_is_not_told():
    found = route(DA, event(recorded_by_user=1), Situation((SCHOOL_TIE,), (), MEMBERS))
    assert [d.recipient for d in found] == [2]


def test_a_hidden_child_is_routed_only_within_the_recording_agency():
    situation = Situation((SCHOOL_TIE,), (), MEMBERS, hidden_children=frozenset({CHILD}))
    assert route(DA, event(), situation) == []


def test_one_notification_per_recipient_whatever_the_number_of_children():
    other = uuid4()
    ties = (SCHOOL_TIE, Tie(other, uuid4(), "school_enrolment", SCHOOL, None))
    found = route(DA, event(children=(CHILD, other)), Situation(ties, (), MEMBERS))
    assert [d.recipient for d in found] == [1, 2]


def _referral(**overrides: Any) -> Referral:
    values: dict[str, Any] = {
        "child": CHILD,
        "record": SCHOOL_RECORD,
        "event_id": uuid4(),
        "agency_id": SCHOOL,
        "recorded_by_user": None,
        "occurred_at": NOW - timedelta(days=2),
    }
    return Referral(**(values | overrides))


def decision() -> EventFacts:
    return event(kind="front_door_decision", agency_id=CSC, details={"decision": "early_help"})


def test_an_outcome_goes_to_the_referrer_or_else_their_agency_s_dsls():
    referrals = (
        _referral(),
        _referral(agency_id=OTHER, recorded_by_user=8, record=uuid4()),
        _referral(agency_id=CSC, recorded_by_user=9),  # the deciding agency's own
        _referral(occurred_at=NOW - timedelta(days=45), recorded_by_user=10),  # too long ago
        _referral(occurred_at=NOW + timedelta(days=1), recorded_by_user=11),  # after it
    )
    found = route(OUTCOME, decision(), Situation((), referrals, MEMBERS))
    assert {(d.recipient, d.basis) for d in found} == {
        (1, Basis.REFERRER),
        (2, Basis.REFERRER),
        (8, Basis.REFERRER),
    }
    assert isinstance(OUTCOME.recipients[0], ThroughReferrals)


def test_a_hospital_attendance_needs_a_plan_of_the_right_kind():
    hospital = rule("hospital-attendance-child-on-plan")
    allocation = Tie(CHILD, CSC_RECORD, "worker_allocation", CSC, worker_id=5)
    members = {(CSC, "manager"): (6,)}
    attendance = event(kind="hospital_attendance", details={"setting": "emergency_department"})
    early_help = Tie(CHILD, CSC_RECORD, "plan", CSC, None, {"plan_type": "early_help"})
    protection = Tie(CHILD, CSC_RECORD, "plan", CSC, None, {"plan_type": "child_protection"})

    assert route(hospital, attendance, Situation((allocation, early_help), (), members)) == []
    found = route(hospital, attendance, Situation((allocation, protection), (), members))
    assert [(d.recipient, d.basis) for d in found] == [
        (5, Basis.ALLOCATED_WORKER),
        (6, Basis.ALLOCATING_MANAGER),
    ]


@given(st.integers(min_value=0, max_value=40 * 24))
def test_a_rule_fires_only_on_news(hours_late):
    late = event(occurred_at=NOW - timedelta(hours=hours_late))
    assert fires(DA, late) == (hours_late <= DA.fresh_for.total_seconds() / 3600)


@pytest.mark.parametrize("sensitivity", ["sensitive", "restricted"])
def test_a_rule_never_fires_on_a_sensitive_or_restricted_event(sensitivity):
    assert rules_firing(event(sensitivity=sensitivity)) == []


def test_a_rule_needs_its_conditions():
    assert rules_firing(event(details={"risk_level": "high", "children_present": False})) == []
    assert rules_firing(event()) == [DA]


def test_the_reason_says_what_happened_and_why_you_without_names():
    text = reason(DA, event(details={"children_present": True}), Basis.SCHOOL_DSL)
    assert text == (
        "West Midlands Police attended a domestic abuse incident on 25 November 2026 at "
        "11:00pm, with the child present. Risk level: not recorded. You are a designated "
        "safeguarding lead at the child's school."
    )
