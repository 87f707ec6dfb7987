"""Live evaluation: the rules over a child's joined chronology, kept as signals and routed."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.core import clock
from sightline.core.exceptions import InvalidTransition, NotFound
from sightline.notifications.models import Notification
from sightline.records.models import EventVersion
from sightline.risk.models import RiskSignal, SignalResponse
from sightline.risk.selectors import signal_list_for_child, signal_open_list
from sightline.risk.services import (
    risk_evaluate_child,
    risk_evaluate_open_cases,
    signal_respond,
)

pytestmark = pytest.mark.django_db

RULE = "multi_agency_concerns"


def signals(child):
    return signal_list_for_child(recorded_person_ids=[child.school_record, child.police_record])


def told(rule: str = RULE) -> dict[str, str]:
    rows = Notification.objects.filter(rule_id=f"risk.{rule}").select_related("recipient")
    return {row.recipient.username: row.basis for row in rows}


def test_concerns_from_two_agencies_raise_one_signal_with_its_evidence(child):
    first = child.concern("school", "S-1", days=10)
    second = child.concern("police", "P-1", days=3)

    summary = risk_evaluate_child(recorded_person_id=child.school_record)

    assert summary.raised == 1
    [signal] = signals(child)
    assert signal.rule_id == RULE and signal.rule_version == 1
    versions = EventVersion.objects.filter(event_id__in=[first, second])
    assert set(signal.evidence) == set(versions.values_list("id", flat=True))
    assert "2 concerns from 2 agencies" in signal.explanation
    assert signal.fired_on == clock.day_of(clock.now() - timedelta(days=3))
    assert signal.status == "open" and signal.rationale
    assert AuditEntry.objects.filter(action=AuditAction.SIGNAL_RAISED).count() == 1


def test_without_an_allocated_worker_the_front_door_and_its_manager_are_told(child):
    child.concern("school", "S-1", days=10)
    child.concern("police", "P-1", days=3)

    risk_evaluate_child(recorded_person_id=child.police_record)

    assert told() == {"mash": "front_door", "csc-manager": "front_door_manager"}
    [signal] = signals(child)
    assert signal.agency_id == child.agencies["csc"].id
    reason = Notification.objects.get(recipient__username="mash").reason
    assert "concerns from 2 agencies" in reason and "Ava" not in reason


def test_an_allocated_worker_and_their_managers_are_told_instead(child, make_practitioner):
    worker = make_practitioner(child.agencies["csc"], "practitioner", username="allocated")
    child.allocate(worker)
    child.concern("school", "S-1", days=10)
    child.concern("police", "P-1", days=3)

    risk_evaluate_child(recorded_person_id=child.school_record)

    assert told() == {"allocated": "allocated_worker", "csc-manager": "allocating_manager"}


def test_evaluating_again_raises_nothing_new_and_new_evidence_joins_the_open_signal(child):
    child.concern("school", "S-1", days=20)
    child.concern("police", "P-1", days=12)
    risk_evaluate_child(recorded_person_id=child.school_record)

    again = risk_evaluate_child(recorded_person_id=child.school_record)
    assert (again.raised, again.extended) == (0, 0)

    child.concern("police", "P-2", days=2)
    more = risk_evaluate_child(recorded_person_id=child.police_record)

    assert (more.raised, more.extended) == (0, 1)
    [signal] = signals(child)
    assert len(signal.evidence) == 3
    assert len(told()) == 2  # the evidence added told no one again


def test_after_a_dismissal_new_evidence_raises_a_new_signal(child):
    child.concern("school", "S-1", days=20)
    child.concern("police", "P-1", days=12)
    risk_evaluate_child(recorded_person_id=child.school_record)
    [signal] = signals(child)
    signal_respond(
        actor=child.staff["dsl"],
        signal_id=signal.id,
        status="dismissed",
        reason="Both about the same fall, seen by the GP.",
    )

    child.concern("police", "P-2", days=2)
    summary = risk_evaluate_child(recorded_person_id=child.school_record)

    assert summary.raised == 1
    assert [s.status for s in signals(child)] == ["open", "dismissed"]
    assert len(signal_open_list(recorded_person_ids=[child.school_record])) == 1


def test_a_pattern_found_only_in_old_history_is_kept_but_tells_no_one(child):
    child.concern("school", "S-1", days=400)
    child.concern("police", "P-1", days=390)

    summary = risk_evaluate_child(recorded_person_id=child.school_record)

    assert summary.raised == 1 and summary.notified == 0
    assert told() == {}


def test_a_restricted_entry_is_not_read_by_the_rules(child):
    child.concern("school", "S-1", days=10)
    child.concern("police", "P-1", days=3, sensitivity="restricted")

    assert risk_evaluate_child(recorded_person_id=child.school_record).raised == 0


def test_recording_an_event_evaluates_the_child_after_the_commit(
    child, django_capture_on_commit_callbacks
):
    child.concern("school", "S-1", days=10)
    with django_capture_on_commit_callbacks(execute=True):
        child.concern("police", "P-1", days=3)

    assert [s.rule_id for s in signals(child)] == [RULE]


# ------------------------------------------------------------------------------ responses


@pytest.fixture
def signal(child):
    child.concern("school", "S-1", days=10)
    child.concern("police", "P-1", days=3)
    risk_evaluate_child(recorded_person_id=child.school_record)
    return signals(child)[0]


def test_a_signal_is_acknowledged_then_actioned_with_what_was_done(child, signal):
    dsl = child.staff["dsl"]
    signal_respond(actor=dsl, signal_id=signal.id, status="acknowledged")
    signal_respond(actor=dsl, signal_id=signal.id, status="actioned", reason="Referred to MASH.")

    [now] = signals(child)
    assert now.status == "actioned" and not now.live
    assert [(r.status, r.reason) for r in now.responses] == [
        ("acknowledged", ""),
        ("actioned", "Referred to MASH."),
    ]
    assert AuditEntry.objects.filter(action=AuditAction.SIGNAL_RESPONDED).count() == 2


def test_dismissing_needs_a_reason_and_a_closed_signal_takes_no_more_responses(child, signal):
    dsl = child.staff["dsl"]
    with pytest.raises(InvalidTransition, match="Say why"):
        signal_respond(actor=dsl, signal_id=signal.id, status="dismissed", reason="  ")
    signal_respond(actor=dsl, signal_id=signal.id, status="dismissed", reason="Known, in hand.")
    with pytest.raises(InvalidTransition, match="dismissed"):
        signal_respond(actor=dsl, signal_id=signal.id, status="acknowledged")


def test_someone_with_no_relationship_to_the_child_is_told_it_does_not_exist(
    child, signal, make_agency, make_practitioner
):
    stranger = make_practitioner(make_agency("school"), "dsl")
    with pytest.raises(NotFound):
        signal_respond(actor=stranger, signal_id=signal.id, status="acknowledged")
    assert not SignalResponse.objects.exists()


def test_the_database_refuses_a_dismissal_without_a_reason(child, signal):
    with pytest.raises(IntegrityError), transaction.atomic():
        SignalResponse.objects.create(
            signal_id=signal.id,
            status="dismissed",
            reason=" ",
            responded_by=child.staff["dsl"],
            responded_at=clock.now(),
        )


def test_signals_are_never_updated_or_deleted(signal):
    row = RiskSignal.objects.get(id=signal.id)
    with pytest.raises(Exception, match="never"):
        row.save()
    with pytest.raises(Exception, match="never"):
        RiskSignal.objects.filter(id=signal.id).delete()
    assert connection.vendor in ("sqlite", "postgresql")


def test_the_daily_run_evaluates_the_children_open_to_a_service(child, make_practitioner):
    assert risk_evaluate_open_cases().children == 0
    worker = make_practitioner(child.agencies["csc"], "practitioner", username="allocated")
    child.allocate(worker)
    child.concern("school", "S-1", days=10)
    child.concern("police", "P-1", days=3)

    summary = risk_evaluate_open_cases()

    assert summary.children == 1 and summary.raised >= 1


def test_a_summer_day_is_read_as_the_day_in_england_not_the_evening_before_in_utc(child):
    # A day-only event is stored as midnight in London: 23:00 UTC the day before, in summer.
    child.concern("school", "S-1", days=0, occurred_at="2025-07-10")
    child.concern("police", "P-1", days=0, occurred_at="2025-07-12")

    risk_evaluate_child(recorded_person_id=child.school_record, today=date(2025, 7, 20))

    [signal] = signals(child)
    assert signal.fired_on == date(2025, 7, 12)
