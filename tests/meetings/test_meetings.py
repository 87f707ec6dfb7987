"""Recording a meeting: what it stores, the events it adds to each child's chronology, and what
it refuses."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from sightline.access.selectors import child_access_get
from sightline.access.services import break_glass_open
from sightline.agencies.selectors import scope_for_user
from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.chronology.selectors import chronology_get
from sightline.core import clock
from sightline.core.exceptions import InvalidInput, NotFound
from sightline.core.models import AppendOnlyError
from sightline.meetings.data import AttendeeIn
from sightline.meetings.models import Meeting, MeetingAttendee, MeetingChild
from sightline.records.selectors import event_get
from tests.identity.factories import apply_run, record_person, scored
from tests.meetings.factories import meeting_in, record_meeting

pytestmark = pytest.mark.django_db


def the_event(case, recorded):
    scope = scope_for_user(user_id=case.town.social_worker.pk)
    [event_id] = recorded.event_ids
    return event_get(scope=scope, event_id=event_id)


def problems_of(error) -> dict[str, str]:
    return {p.field: p.message for p in error.value.problems}


def test_a_strategy_discussion_is_recorded_with_its_event_and_details(case):
    recorded = record_meeting(case)

    event = the_event(case, recorded)
    assert event.kind == "strategy_discussion"
    assert event.agency_id == case.town.social_care.id
    assert event.current.details == {
        "agencies_present": ["Children's Services", "Oak Primary School", "West Midlands Police"],
        "decision": "section_47",
        "rationale": "Threshold met for a section 47 enquiry; joint visit tomorrow.",
    }
    assert [s.recorded_person_id for s in event.current.subjects] == [case.care_child]
    assert event.current.occurred_at.date() == meeting_in(case).held_on
    assert "Decision: Section 47 enquiry." in event.current.summary
    assert "Invited, not present: City Hospital, School Nursing." in event.current.summary
    meeting = Meeting.objects.get(id=recorded.meeting_id)
    assert [a.attendance for a in MeetingAttendee.objects.filter(meeting=meeting)] == [
        "attended", "attended", "attended", "apologies", "did_not_attend"
    ]  # fmt: skip


def test_the_meeting_joins_the_chronology_other_agencies_see(case):
    recorded = record_meeting(case)

    # The school's DSL sees Daniel's joined chronology through his enrolment.
    access = child_access_get(user_id=case.town.dsl.pk, recorded_person_id=case.town.school_child)
    chronology = chronology_get(access=access, recorded_person_id=case.town.school_child)
    [entry] = [e for e in chronology.entries if e.event_id in recorded.event_ids]
    assert entry.kind == "strategy_discussion" and entry.agency_name == "Children's Services"


def test_a_conference_records_its_plan_and_category(case):
    recorded = record_meeting(
        case, kind="initial_conference", decision="plan_started", category_of_abuse="NEG"
    )
    details = the_event(case, recorded).current.details
    assert (details["conference_type"], details["outcome"]) == ("initial", "plan_started")
    assert details["category_of_abuse"] == "NEG"

    review = record_meeting(case, kind="review_conference", decision="plan_ended")
    details = the_event(case, review).current.details
    assert (details["conference_type"], details["outcome"]) == ("review", "plan_ended")
    assert details["category_of_abuse"] is None


@pytest.mark.parametrize("kind", ["core_group", "team_around_the_family"])
def test_core_groups_and_team_around_the_family_are_meetings(case, kind):
    recorded = record_meeting(case, kind=kind, decision="")
    event = the_event(case, recorded)
    assert event.kind == "meeting"
    assert event.current.details["meeting_type"] == kind
    assert event.current.details["decisions"].startswith("Threshold met")


def test_a_meeting_about_two_children_records_an_event_for_each_and_audits_each(case):
    recorded = record_meeting(case, child_ids=(case.care_child, case.care_sister))

    assert len(recorded.event_ids) == 2
    children = MeetingChild.objects.filter(meeting_id=recorded.meeting_id)
    assert {c.child_id for c in children} == {case.care_child, case.care_sister}
    entries = AuditEntry.objects.filter(action=AuditAction.MEETING_RECORDED)
    assert {e.recorded_person_id for e in entries} == {case.care_child, case.care_sister}
    assert all(e.payload["meeting_id"] == str(recorded.meeting_id) for e in entries)
    assert AuditEntry.objects.filter(action=AuditAction.EVENT_CREATED).count() >= 2


def test_the_same_form_submitted_twice_records_one_meeting(case):
    first = record_meeting(case, submission_key="form:one")
    second = record_meeting(case, submission_key="form:one")

    assert (first.already, second.already) == (False, True)
    assert second.meeting_id == first.meeting_id and second.event_ids == first.event_ids
    assert Meeting.objects.count() == 1


def test_a_repeated_form_key_tells_nothing_to_someone_who_may_not_record_it(case):
    town = case.town
    record_meeting(case, submission_key="form:one")
    # The school's DSL may not record for social care, whatever key the form carries.
    with pytest.raises(NotFound):
        record_meeting(case, actor=town.dsl, submission_key="form:one")
    # Nor may a social worker put a child they may not see on it: the hospital's record.
    hospital_child = record_person(town.hospital_nurse, town.hospital, source_reference="H-9")
    with pytest.raises(NotFound):
        record_meeting(case, child_ids=(hospital_child,), submission_key="form:one")
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"decision": "plan_started"}, "decision"),  # not a strategy discussion's decision
        ({"kind": "core_group", "decision": "section_47"}, "decision"),
        ({"kind": "initial_conference", "decision": "plan_continued"}, "decision"),
        ({"kind": "initial_conference", "decision": "plan_started"}, "category_of_abuse"),
        ({"chair": "  "}, "chair"),
        ({"decisions": ""}, "decisions"),
        ({"held_on": clock.now().date() + timedelta(days=3)}, "held_on"),
        ({"child_ids": ()}, "children"),
    ],
)
def test_an_incomplete_meeting_is_refused_and_nothing_is_written(case, overrides, field):
    with pytest.raises(InvalidInput) as error:
        record_meeting(case, **overrides)
    assert field in problems_of(error)
    assert (
        not Meeting.objects.exists()
        and not AuditEntry.objects.filter(action=AuditAction.MEETING_RECORDED).exists()
    )


def test_a_meeting_needs_an_agency_that_came_and_a_name_for_who_did(case):
    town = case.town
    nobody = (AttendeeIn(town.police.id, "", "", "apologies"),)
    with pytest.raises(InvalidInput) as error:
        record_meeting(case, attendees=nobody)
    assert {"attendees", "attendees.0.name"} <= set(problems_of(error))


def test_a_child_the_recorder_may_not_see_answers_as_missing(case):
    # The hospital holds no record of Daniel and has no relationship with him.
    town = case.town
    with pytest.raises(NotFound):
        record_meeting(case, actor=town.hospital_nurse, agency_id=town.hospital.id,
                       child_ids=(town.school_child,))  # fmt: skip
    with pytest.raises(NotFound):  # nor may anyone record for an agency that is not theirs
        record_meeting(case, actor=town.dsl)
    assert not Meeting.objects.exists()


def test_a_child_seen_under_access_is_recorded_against_the_recorder_s_own_linked_record(case):
    town = case.town
    break_glass_open(actor=town.hospital_nurse, recorded_person_id=town.school_child,
                     reason="immediate_risk", explanation="Brought in unconscious.")  # fmt: skip
    hospital = {"actor": town.hospital_nurse, "agency_id": town.hospital.id,
                "child_ids": (town.school_child,)}  # fmt: skip
    with pytest.raises(InvalidInput) as error:
        record_meeting(case, **hospital)
    assert "no record of this child" in problems_of(error)["children.0"]

    own = record_person(town.hospital_nurse, town.hospital, source_reference="HOSP-1")
    apply_run(scored(own, town.school_child, 15.0))
    recorded = record_meeting(case, **hospital)
    assert MeetingChild.objects.get(meeting_id=recorded.meeting_id).child_id == own


def test_meeting_rows_are_never_changed(case):
    meeting = Meeting.objects.get(id=record_meeting(case).meeting_id)
    meeting.chair = "Someone else"
    with pytest.raises(AppendOnlyError):
        meeting.save()
    with pytest.raises(AppendOnlyError):
        Meeting.objects.filter(id=meeting.id).update(chair="Someone else")


def _direct(case, **fields):
    """A meeting row written around the service, as a direct database write would be."""
    town = case.town
    values = {"agency_id": town.social_care.id, "kind": "strategy_discussion",
              "held_on": clock.now().date(), "chair": "Chair", "decisions": "Decided.",
              "decision": "section_47", "recorded_by": town.social_worker,
              "recorded_at": clock.now(), **fields}  # fmt: skip
    with transaction.atomic():
        Meeting.objects.create(**values)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"decision": "plan_started", "category_of_abuse": "NEG"}, "meeting_decision_fits_kind"),
        ({"kind": "core_group"}, "meeting_decision_fits_kind"),
        ({"kind": "initial_conference", "decision": "plan_started"}, "meeting_plan_has_category"),
        ({"category_of_abuse": "NEG"}, "meeting_plan_has_category"),
        ({"decisions": "   "}, "meeting_has_decisions"),
        ({"chair": ""}, "meeting_has_chair"),
    ],
)
def test_the_database_refuses_a_meeting_the_service_would(case, fields, constraint):
    with pytest.raises(IntegrityError, match=constraint):
        _direct(case, **fields)


def test_the_database_refuses_an_unnamed_attendee_who_came(case):
    meeting = Meeting.objects.get(id=record_meeting(case).meeting_id)
    for attendance in ("attended", "apologies"):
        with pytest.raises(IntegrityError, match="meeting_attendee_named"), transaction.atomic():
            MeetingAttendee.objects.create(
                meeting=meeting, agency=case.town.police, name=" ", attendance=attendance,
                position=9,
            )  # fmt: skip


def test_each_constraint_names_its_code():
    codes = {c.name: c.violation_error_code for c in Meeting._meta.constraints}
    assert codes["meeting_decision_fits_kind"] == "decision_not_of_this_kind"
    assert codes["meeting_plan_has_category"] == "plan_without_category"


def test_problems_are_all_reported_at_once(case):
    with pytest.raises(InvalidInput) as error:
        record_meeting(case, chair="", decisions="", decision="")
    assert {"chair", "decisions", "decision"} <= set(problems_of(error))
