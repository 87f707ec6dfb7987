"""Reads of meetings and actions, and whom each is shown to."""

from datetime import timedelta
from uuid import UUID

import pytest

from sightline.access.services import purpose_state
from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.core.exceptions import NotFound
from sightline.meetings.data import PurposeFirst
from sightline.meetings.models import Action
from sightline.meetings.selectors import (
    action_get,
    action_list_for_owner,
    action_overdue_list,
    child_meetings_get,
    may_record_about,
    meeting_get,
    recording_option_list,
)
from sightline.meetings.services import action_complete, action_set, meeting_open
from tests.meetings.factories import action_in, record_meeting, set_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(case):
    return record_meeting(case).meeting_id


def due_on(action):
    return Action.objects.get(id=action).due_on


def test_the_overdue_list_holds_the_open_overdue_actions_of_the_agencies_asked_about(case, meeting):
    town = case.town
    school_soon = set_action(case, meeting)
    school_first = set_action(case, meeting, due_on=due_on(school_soon) - timedelta(days=2))
    nurses = set_action(case, meeting, owner_id=town.nurse.pk, owner_agency_id=town.nursing.id)
    done = set_action(case, meeting)
    action_complete(actor=town.dsl, action_id=done, evidence="Done.")
    today = due_on(school_soon) + timedelta(days=1)

    overdue = action_overdue_list(agency_ids={town.school.id}, today=today)

    assert [a.id for a in overdue] == [school_first, school_soon]  # longest overdue first
    assert nurses not in {a.id for a in overdue} and done not in {a.id for a in overdue}
    assert overdue[0].days_overdue == 3 and overdue[0].overdue
    assert action_overdue_list(agency_ids={town.school.id}, today=due_on(school_first)) == []
    assert [a.id for a in action_overdue_list(agency_ids={town.nursing.id}, today=today)] == [
        nurses
    ]


def test_the_overdue_list_holds_what_the_agencies_set_for_others_and_says_why(case, meeting):
    # Social care's strategy discussion gave one action to the school's DSL and one to its own
    # social worker; the school set one on its own for a school nurse.
    town = case.town
    school = set_action(case, meeting)
    own = set_action(case, meeting, owner_id=town.social_worker.pk,
                     owner_agency_id=town.social_care.id)  # fmt: skip
    nurses = action_set(actor=town.dsl, action=action_in(
        case, None, child_id=town.school_child, agency_id=town.school.id,
        owner_id=town.nurse.pk, owner_agency_id=town.nursing.id)).action_id  # fmt: skip
    today = max(due_on(a) for a in (school, own, nurses)) + timedelta(days=1)

    def why(agency) -> dict[UUID, tuple[str, ...]]:
        listed = action_overdue_list(agency_ids={agency.id}, today=today)
        return {a.id: a.listed_because for a in listed}

    assert why(town.social_care) == {
        school: ("Set by your agency's meeting",),
        own: ("Owned by your agency", "Set by your agency's meeting"),
    }
    assert why(town.school) == {school: ("Owned by your agency",), nurses: ("Set by your agency",)}
    assert why(town.nursing) == {nurses: ("Owned by your agency",)}


def test_the_overdue_list_keeps_to_its_limit_longest_overdue_first(case, meeting):
    later = set_action(case, meeting)
    first = set_action(case, meeting, due_on=due_on(later) - timedelta(days=3))
    today = due_on(later) + timedelta(days=1)
    agencies = {case.town.school.id}
    assert [a.id for a in action_overdue_list(agency_ids=agencies, today=today, limit=1)] == [first]
    assert len(action_overdue_list(agency_ids=agencies, today=today)) == 2


def test_a_child_is_named_only_from_the_asking_agencies_own_record(case, meeting):
    town = case.town
    set_action(case, meeting)
    set_action(case, meeting, owner_id=town.visitor.pk, owner_agency_id=town.visiting.id)
    today = due_on(Action.objects.order_by("due_on")[0].id) + timedelta(days=1)

    [school] = action_overdue_list(agency_ids={town.school.id}, today=today)
    assert (school.child.name, school.child.own_record_id) == ("Daniel Łuczak", town.school_child)
    # Health visiting holds no record of Daniel: it learns only who does.
    [visiting] = action_overdue_list(agency_ids={town.visiting.id}, today=today)
    assert (visiting.child.name, visiting.child.own_record_id) == ("", None)
    assert visiting.child.agency_name == "Children's Services"


def test_the_owner_sees_open_actions_first_then_those_done(case, meeting):
    town = case.town
    later = set_action(case, meeting)
    sooner = set_action(case, meeting, due_on=due_on(later) - timedelta(days=5))
    done = set_action(case, meeting)
    action_complete(actor=town.dsl, action_id=done, evidence="Done.")

    mine = action_list_for_owner(owner_id=town.dsl.pk)

    assert [(a.id, a.status) for a in mine] == [
        (sooner, "open"), (later, "open"), (done, "completed")
    ]  # fmt: skip
    assert mine[2].evidence == "Done." and mine[2].closed_by_name == town.dsl.display_name
    assert action_list_for_owner(owner_id=town.teacher.pk) == []


def test_one_action_is_shown_to_those_who_may_complete_it(case, meeting):
    town = case.town
    action = set_action(case, meeting)
    for who in (town.dsl, town.social_worker, town.school_manager):
        assert action_get(viewer_id=who.pk, action_id=action).id == action
    for who in (town.teacher, town.care_manager, town.officer):
        with pytest.raises(NotFound):
            action_get(viewer_id=who.pk, action_id=action)


def test_the_recording_agency_sees_its_meeting_with_everything_recorded(case, meeting):
    set_action(case, meeting)
    view = meeting_get(viewer_id=case.town.care_manager.pk, meeting_id=meeting)

    assert view.kind_label == "Strategy discussion"
    assert view.decision_label == "Section 47 enquiry"
    assert [c.name for c in view.children] == ["Daniel Łuczak"]
    assert [(a.agency_name, a.attendance) for a in view.attendees][-1] == (
        "City Hospital", "did_not_attend"
    )  # fmt: skip
    assert view.agencies_absent == ("City Hospital", "School Nursing")
    assert [i.agency_name for i in view.information] == ["West Midlands Police",
                                                         "Oak Primary School"]  # fmt: skip
    assert len(view.actions) == 1 and view.may_set_actions


def test_others_see_the_meeting_through_the_child_once_they_have_said_why(case, meeting):
    town = case.town
    with pytest.raises(PurposeFirst) as first:
        meeting_get(viewer_id=town.dsl.pk, meeting_id=meeting)
    assert first.value.recorded_person_id == case.care_child

    purpose_state(actor=town.dsl, recorded_person_id=town.school_child, purpose="meeting")
    view = meeting_get(viewer_id=town.dsl.pk, meeting_id=meeting)
    assert not view.may_set_actions
    # Named from the school's own record of Daniel.
    assert [c.own_record_id for c in view.children] == [town.school_child]


@pytest.mark.parametrize("who", ["hospital_nurse", "officer", "teacher", "visitor"])
def test_a_meeting_is_missing_to_those_without_a_relationship(case, meeting, who):
    with pytest.raises(NotFound):
        meeting_get(viewer_id=getattr(case.town, who).pk, meeting_id=meeting)


def test_opening_a_meeting_is_audited_for_each_child(case):
    recorded = record_meeting(case, child_ids=(case.care_child, case.care_sister))
    meeting_open(actor=case.town.social_worker, meeting_id=recorded.meeting_id)
    entries = AuditEntry.objects.filter(action=AuditAction.MEETING_VIEWED)
    assert {e.recorded_person_id for e in entries} == {case.care_child, case.care_sister}


def test_a_child_s_meetings_and_actions_follow_the_viewer_s_relationship(case, meeting):
    town = case.town
    action = set_action(case, meeting)
    school = record_meeting(case, actor=town.dsl, agency_id=town.school.id, kind="core_group",
                            decision="", child_ids=(town.school_child,))  # fmt: skip

    # Through their own agency's record: their agency's meetings; once they have said why they
    # open Daniel's chronology, every agency's.
    worker = child_meetings_get(viewer_id=town.social_worker.pk, recorded_person_id=case.care_child)
    assert [m.id for m in worker.meetings] == [meeting]
    purpose_state(actor=town.social_worker, recorded_person_id=case.care_child, purpose="plan")
    worker = child_meetings_get(viewer_id=town.social_worker.pk, recorded_person_id=case.care_child)
    assert {m.id for m in worker.meetings} == {meeting, school.meeting_id}
    assert [a.id for a in worker.actions] == [action]
    assert [o.agency_name for o in worker.recording] == ["Children's Services"]

    # The teacher has no relationship that opens Daniel's chronology: only the school's own.
    teacher = child_meetings_get(viewer_id=town.teacher.pk, recorded_person_id=town.school_child)
    assert [m.id for m in teacher.meetings] == [school.meeting_id] and teacher.actions == ()
    with pytest.raises(NotFound):
        child_meetings_get(viewer_id=town.hospital_nurse.pk, recorded_person_id=case.care_child)


def test_recording_options_name_the_viewer_s_own_record_of_the_child(case):
    town = case.town
    [option] = recording_option_list(user_id=town.dsl.pk, recorded_person_id=town.nursing_child)
    assert (option.agency_id, option.child_id) == (town.school.id, town.school_child)
    with pytest.raises(NotFound):
        recording_option_list(user_id=town.hospital_nurse.pk, recorded_person_id=case.care_child)


def test_who_may_record_about_a_child(case):
    town = case.town
    assert may_record_about(user_id=town.dsl.pk, recorded_person_id=town.school_child)
    # From the school nurses' record: the school holds one linked with it.
    assert may_record_about(user_id=town.dsl.pk, recorded_person_id=town.nursing_child)
    assert not may_record_about(
        user_id=town.hospital_nurse.pk, recorded_person_id=town.school_child
    )
    assert not may_record_about(user_id=town.visitor.pk, recorded_person_id=case.care_sister)
