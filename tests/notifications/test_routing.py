"""Routing events to the people who must know, on the real database."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail

from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.core import clock
from sightline.notifications.calendar import LONDON, SchoolCalendar, next_school_day_start
from sightline.notifications.models import Notification, SchoolTerm
from sightline.notifications.rules import Basis
from sightline.notifications.services import notifications_for_event
from sightline.records.models import Event
from tests.identity.factories import record_person
from tests.notifications.factories import hours_ago, incident, link, record, relate

pytestmark = pytest.mark.django_db

DA_RULE = "domestic-abuse-child-present"


def sent(event_id) -> dict[str, tuple[str, object]]:
    """recipient username → (basis, child record) of each notification about the event."""
    rows = Notification.objects.filter(event_id=event_id).select_related("recipient")
    return {row.recipient.username: (row.basis, row.child_id) for row in rows}


def test_an_incident_with_a_child_present_reaches_the_school_dsl_and_school_nurse_only(town):
    event = incident(town.officer, town.police, "POL-1")

    summary = notifications_for_event(event_id=event)

    assert summary.created == 2
    assert sent(event) == {
        "dsl": (Basis.SCHOOL_DSL, town.school_child),
        "nurse": (Basis.SCHOOL_NURSING, town.nursing_child),
    }
    row = Notification.objects.get(event_id=event, recipient=town.dsl)
    assert row.rule_id == DA_RULE and row.rule_version == 1
    assert row.agency_id == town.school.id
    assert row.event_version_id == Event.objects.get(id=event).versions.get().id
    assert "domestic abuse incident" in row.reason and "child present" in row.reason
    assert "Daniel" not in row.reason and "Łuczak" not in row.reason  # never the child's name


def test_the_health_visitor_is_told_when_the_child_is_on_their_caseload(town):
    visited = record_person(town.visitor, town.visiting, source_reference="HV-1")
    link(town.school_child, visited)
    relate(town.visitor, town.visiting, "health_visiting_caseload", "HV-1")
    event = incident(town.officer, town.police, "POL-1")

    notifications_for_event(event_id=event)

    assert sent(event)["visitor"] == (Basis.HEALTH_VISITING, visited)


def test_a_caseload_s_named_worker_is_told_instead_of_the_whole_service(town, make_practitioner):
    # A lead nurse: not one of the service's practitioners, so told only as the named worker.
    named = make_practitioner(town.nursing, role="dsl", username="named-nurse")
    other = record_person(town.nurse, town.nursing, source_reference="SN-2")
    link(town.school_child, other)
    relate(town.nurse, town.nursing, "school_nursing_caseload", "SN-2", worker="named-nurse")
    event = incident(town.officer, town.police, "POL-1")

    notifications_for_event(event_id=event)

    # The named worker through their caseload; the first caseload, naming no one, still
    # reaches the service's practitioners.
    assert sent(event)["named-nurse"] == (Basis.SCHOOL_NURSING, other)
    assert sent(event)["nurse"] == (Basis.SCHOOL_NURSING, town.nursing_child)
    assert named.username != "nurse"


def test_a_child_at_another_school_does_not_notify_this_school_s_dsl(town):
    elsewhere = record_person(town.other_dsl, town.other_school, source_reference="ELM-7")
    police_record = record_person(
        town.officer, town.police, source_reference="POL-7", given_name="Zofia"
    )
    link(police_record, elsewhere)
    relate(town.other_dsl, town.other_school, "school_enrolment", "ELM-7")

    event = incident(town.officer, town.police, "POL-7")
    notifications_for_event(event_id=event)

    assert sent(event) == {"other_dsl": (Basis.SCHOOL_DSL, elsewhere)}


def test_routing_again_writes_nothing_more(town):
    event = incident(town.officer, town.police, "POL-1")
    notifications_for_event(event_id=event)

    again = notifications_for_event(event_id=event)

    assert again.created == 0
    assert Notification.objects.filter(event_id=event).count() == 2
    assert AuditEntry.objects.filter(action=AuditAction.NOTIFICATION_SENT).count() == 2


def test_no_one_is_told_when_no_child_was_present(town):
    details = {"risk_level": "high", "children_present": False}
    event = incident(town.officer, town.police, "POL-1", details=details)

    assert notifications_for_event(event_id=event).created == 0


def test_an_incident_received_long_after_it_happened_tells_no_one(town):
    event = incident(town.officer, town.police, "POL-1", occurred_at="2024-03-03T23:40")

    assert notifications_for_event(event_id=event).created == 0


def test_a_sensitive_event_stays_with_its_agency(town):
    event = incident(town.officer, town.police, "POL-1", sensitivity="sensitive")

    assert notifications_for_event(event_id=event).created == 0


def test_an_ended_enrolment_does_not_route(town):
    left = record_person(town.other_dsl, town.other_school, source_reference="ELM-1")
    link(town.school_child, left)
    yesterday = (clock.now().astimezone(LONDON).date() - timedelta(days=1)).isoformat()
    relate(town.other_dsl, town.other_school, "school_enrolment", "ELM-1", end=yesterday)
    event = incident(town.officer, town.police, "POL-1")

    notifications_for_event(event_id=event)

    assert "other_dsl" not in sent(event)


def test_a_child_whose_police_record_is_confidential_is_not_routed_to_other_agencies(town):
    hidden = record_person(
        town.officer,
        town.police,
        source_reference="POL-9",
        given_name="Zofia",
        confidentiality="confidential",
    )
    link(hidden, town.school_child)
    event = incident(town.officer, town.police, "POL-9")

    assert notifications_for_event(event_id=event).created == 0


def test_each_notification_is_audited_and_emailed_after_the_commit(
    town, django_capture_on_commit_callbacks
):
    town.dsl.email = "dsl@oak.example"
    town.dsl.save()
    event = incident(town.officer, town.police, "POL-1")

    with django_capture_on_commit_callbacks(execute=True):
        notifications_for_event(event_id=event)
        assert mail.outbox == []

    entries = AuditEntry.objects.filter(action=AuditAction.NOTIFICATION_SENT)
    row = Notification.objects.get(event_id=event, recipient=town.dsl)
    entry = entries.get(subject_id=str(row.id))
    assert entry.payload["rule"] == f"{DA_RULE}@1" and entry.payload["event_id"] == str(event)
    assert entry.recorded_person_id == town.school_child and entry.agency_id == town.school.id
    assert [message.to for message in mail.outbox] == [["dsl@oak.example"]]  # nurse: no email
    assert "Daniel" not in mail.outbox[0].body and "/inbox/" in mail.outbox[0].body


def test_it_is_due_before_the_next_school_day_starts(town):
    event = incident(town.officer, town.police, "POL-1")
    notifications_for_event(event_id=event)

    received = Event.objects.get(id=event).versions.get().received_at
    row = Notification.objects.get(event_id=event, recipient=town.dsl)
    assert row.due_at == next_school_day_start(received, SchoolCalendar())
    assert row.due_at > received
    assert row.due_at.astimezone(LONDON).strftime("%H:%M") == "08:30"


def test_the_school_s_own_term_dates_set_its_deadline(town):
    today = clock.now().astimezone(LONDON).date()
    SchoolTerm.objects.create(
        agency=town.school, starts_on=today + timedelta(days=20), ends_on=today + timedelta(days=60)
    )
    SchoolTerm.objects.create(
        agency=town.school, starts_on=today - timedelta(days=60), ends_on=today - timedelta(days=5)
    )
    event = incident(town.officer, town.police, "POL-1")
    notifications_for_event(event_id=event)

    school_due = Notification.objects.get(event_id=event, recipient=town.dsl).due_at
    first_day = next_school_day_start(clock.now() + timedelta(days=19), SchoolCalendar())
    assert school_due.astimezone(LONDON).date() >= today + timedelta(days=20)
    assert school_due <= first_day + timedelta(days=3)
    nurse_due = Notification.objects.get(event_id=event, recipient=town.nurse).due_at
    assert nurse_due < school_due  # the nurses work to the default calendar


def test_a_hospital_attendance_of_a_child_on_a_plan_reaches_the_worker_and_the_manager(town):
    cared = record_person(town.social_worker, town.social_care, source_reference="CSC-1")
    seen = record_person(town.hospital_nurse, town.hospital, source_reference="HOS-1")
    link(town.school_child, cared, seen)
    relate(
        town.social_worker,
        town.social_care,
        "plan",
        "CSC-1",
        details={"plan_type": "child_protection", "category_of_abuse": "NEG"},
    )
    relate(
        town.social_worker, town.social_care, "worker_allocation", "CSC-1", worker="social_worker"
    )
    event = record(town.hospital_nurse, town.hospital, _attendance("HOS-1"))

    notifications_for_event(event_id=event)

    assert sent(event) == {
        "social_worker": (Basis.ALLOCATED_WORKER, cared),
        "care_manager": (Basis.ALLOCATING_MANAGER, cared),
    }
    due = Notification.objects.get(event_id=event, recipient=town.care_manager).due_at
    received = Event.objects.get(id=event).versions.get().received_at
    assert due == received + timedelta(hours=24)


def test_a_worker_whose_account_is_closed_is_not_told_their_manager_is(town):
    cared = record_person(town.social_worker, town.social_care, source_reference="CSC-1")
    seen = record_person(town.hospital_nurse, town.hospital, source_reference="HOS-1")
    link(town.school_child, cared, seen)
    plan = {"plan_type": "child_in_need"}
    relate(town.social_worker, town.social_care, "plan", "CSC-1", details=plan)
    relate(
        town.social_worker, town.social_care, "worker_allocation", "CSC-1", worker="social_worker"
    )
    town.social_worker.is_active = False
    town.social_worker.save()
    event = record(town.hospital_nurse, town.hospital, _attendance("HOS-1"))

    notifications_for_event(event_id=event)

    assert sent(event) == {"care_manager": (Basis.ALLOCATING_MANAGER, cared)}


def test_a_hospital_attendance_of_a_child_on_no_plan_tells_no_one(town):
    seen = record_person(town.hospital_nurse, town.hospital, source_reference="HOS-1")
    link(town.school_child, seen)
    event = record(town.hospital_nurse, town.hospital, _attendance("HOS-1"))

    assert notifications_for_event(event_id=event).created == 0


def test_the_front_door_s_decision_goes_back_to_the_referrer(town):
    cared = record_person(town.social_worker, town.social_care, source_reference="CSC-1")
    link(town.school_child, cared)
    referral = record(town.dsl, town.school, _referral("SCH-1"))
    decision = record(town.social_worker, town.social_care, _decision("CSC-1"))

    notifications_for_event(event_id=referral)
    notifications_for_event(event_id=decision)

    assert Notification.objects.filter(event_id=referral).count() == 0
    assert sent(decision) == {"dsl": (Basis.REFERRER, town.school_child)}
    reason = Notification.objects.get(event_id=decision).reason
    assert "single assessment" in reason


def test_the_practitioner_who_recorded_the_referral_hears_the_outcome_not_their_dsl(
    town, make_practitioner
):
    cared = record_person(town.social_worker, town.social_care, source_reference="CSC-1")
    link(town.police_child, cared)
    police_dsl = make_practitioner(town.police, role="dsl", username="police-dsl")
    record(town.officer, town.police, _referral("POL-1"))
    decision = record(town.social_worker, town.social_care, _decision("CSC-1"))

    notifications_for_event(event_id=decision)

    assert sent(decision) == {"officer": (Basis.REFERRER, town.police_child)}
    assert police_dsl.username not in sent(decision)


def _attendance(child: str) -> dict[str, Any]:
    return {
        "source_reference": "ED-1",
        "kind": "hospital_attendance",
        "occurred_at": hours_ago(2),
        "summary": "Attended the emergency department with a head injury.",
        "subjects": [{"person": child, "role": "child_subject"}],
        "child_seen": "yes",
        "child_seen_alone": "no:not_planned",
        "child_voice": "no:child_declined",
        "interpreter": "not_applicable",
        "details": {"setting": "emergency_department", "presenting_complaint": "Head injury"},
    }


def _referral(child: str) -> dict[str, Any]:
    return {
        "source_reference": "REF-1",
        "kind": "referral",
        "occurred_at": hours_ago(30),
        "summary": "Referral to children's social care.",
        "subjects": [{"person": child, "role": "child_subject"}],
        "child_seen": "not_applicable",
        "child_seen_alone": "not_applicable",
        "child_voice": "not_applicable",
        "interpreter": "not_applicable",
        "details": {
            "referred_to": "Children's Services",
            "referral_source": "2A",
            "reason": "Bruising and hunger.",
        },
    }


def _decision(child: str) -> dict[str, Any]:
    return {
        "source_reference": "FD-1",
        "kind": "front_door_decision",
        "occurred_at": hours_ago(2),
        "summary": "Front door decision.",
        "subjects": [{"person": child, "role": "child_subject"}],
        "child_seen": "not_applicable",
        "child_seen_alone": "not_applicable",
        "child_voice": "not_applicable",
        "interpreter": "not_applicable",
        "details": {"decision": "single_assessment", "rationale": "Needs are unclear."},
    }
