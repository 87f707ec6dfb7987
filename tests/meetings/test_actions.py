"""Setting actions, and completing or cancelling them: what each needs, who may, and what the
database refuses even when the services are bypassed."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.core import clock
from sightline.core.exceptions import InvalidInput, NotFound
from sightline.meetings.models import Action, ActionUpdate
from sightline.meetings.selectors import local_today
from sightline.meetings.services import action_cancel, action_complete, action_set
from tests.meetings.factories import action_in, last_week, record_meeting, set_action
from tests.notifications.factories import incident, record
from tests.records.factories import injury_raw

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(case):
    return record_meeting(case).meeting_id


@pytest.fixture
def action(case, meeting):
    return set_action(case, meeting)


def problems_of(error) -> dict[str, str]:
    return {p.field: p.message for p in error.value.problems}


def test_an_action_from_a_meeting_is_set_for_another_agency_s_practitioner_and_audited(
    case, meeting, django_capture_on_commit_callbacks
):
    case.town.dsl.email = "dsl@oak.example"
    case.town.dsl.save()
    with django_capture_on_commit_callbacks(execute=True):
        action_id = set_action(case, meeting)

    row = Action.objects.get(id=action_id)
    assert (row.owner, row.owner_agency, row.agency) == (
        case.town.dsl, case.town.school, case.town.social_care
    )  # fmt: skip
    assert row.set_on == last_week()  # the meeting's date
    entry = AuditEntry.objects.get(action=AuditAction.ACTION_CREATED)
    assert entry.recorded_person_id == case.care_child
    assert entry.payload == {"action_id": str(action_id), "meeting_id": str(meeting),
                             "due_on": str(row.due_on)}  # fmt: skip
    [email] = mail.outbox
    assert email.to == ["dsl@oak.example"] and "Daniel" not in f"{email.subject} {email.body}"


def test_an_action_must_say_what_will_be_different_for_the_child(case, meeting):
    with pytest.raises(InvalidInput) as error:
        set_action(case, meeting, what_will_be_different="  ")
    assert "what will be different" in problems_of(error)["what_will_be_different"]
    assert not Action.objects.exists()


def test_an_action_cannot_be_due_before_its_meeting(case, meeting):
    with pytest.raises(InvalidInput) as error:
        set_action(case, meeting, due_on=last_week() - timedelta(days=1))
    assert "due_on" in problems_of(error)
    # Due on the day of the meeting, or after it (even if that is already past), is fine.
    set_action(case, meeting, due_on=last_week())


def test_the_owner_must_work_with_children_at_the_agency_they_act_for(case, meeting):
    with pytest.raises(InvalidInput) as error:
        set_action(case, meeting, owner_agency_id=case.town.police.id)
    assert "owner" in problems_of(error)


def test_an_action_from_a_meeting_is_for_one_of_its_children(case, meeting):
    with pytest.raises(InvalidInput) as error:
        set_action(case, meeting, child_id=case.care_sister)
    assert "child_id" in problems_of(error)


@pytest.mark.parametrize("who", ["dsl", "care_manager_elsewhere", "hospital_nurse"])
def test_only_the_meeting_s_agency_sets_its_actions(case, meeting, make_practitioner, who):
    actor = (
        make_practitioner(case.town.hospital, role="manager")
        if who == "care_manager_elsewhere"
        else getattr(case.town, who)
    )
    with pytest.raises(NotFound):
        set_action(case, meeting, actor=actor)


def test_an_action_set_on_its_own_is_set_today_for_the_setter_s_own_record(case):
    town = case.town
    # The school's DSL, from the school nurses' record (which the DSL may see through the
    # enrolment), sets an action on the school's own record of Daniel.
    action = action_in(case, None, child_id=town.nursing_child, agency_id=town.school.id,
                       owner_id=town.nurse.pk, owner_agency_id=town.nursing.id)  # fmt: skip
    result = action_set(actor=town.dsl, action=action)

    row = Action.objects.get(id=result.action_id)
    assert (row.child_id, row.meeting, row.set_on) == (town.school_child, None, local_today())
    with pytest.raises(InvalidInput):
        action_set(actor=town.dsl, action=replace(action, due_on=local_today() - timedelta(1)))
    with pytest.raises(NotFound):  # the hospital may not see Daniel
        action_set(actor=town.hospital_nurse, action=replace(action, agency_id=town.hospital.id))


def test_the_same_form_submitted_twice_sets_one_action(case, meeting):
    first = action_set(actor=case.town.social_worker,
                       action=action_in(case, meeting, submission_key="form:a"))  # fmt: skip
    again = action_set(actor=case.town.social_worker,
                       action=action_in(case, meeting, submission_key="form:a"))  # fmt: skip
    assert (first.already, again.already, again.action_id) == (False, True, first.action_id)


def test_completing_needs_evidence_and_is_audited_once(case, action):
    owner = case.town.dsl
    with pytest.raises(InvalidInput) as error:
        action_complete(actor=owner, action_id=action, evidence=" ")
    assert "evidence" in problems_of(error)

    done = action_complete(actor=owner, action_id=action, evidence="Lunch checked daily.")
    again = action_complete(actor=owner, action_id=action, evidence="Twice")
    cancelled = action_cancel(actor=owner, action_id=action, reason="Changed my mind")

    assert (done.already, again.already, cancelled.already) == (False, True, True)
    assert cancelled.status == "completed"
    update = ActionUpdate.objects.get(action_id=action)
    assert (update.status, update.evidence, update.updated_by) == (
        "completed", "Lunch checked daily.", owner
    )  # fmt: skip
    entry = AuditEntry.objects.get(action=AuditAction.ACTION_UPDATED)
    assert entry.payload == {"action_id": str(action), "update_id": str(update.id),
                             "status": "completed"}  # fmt: skip


def test_completion_may_point_to_an_event_the_completer_s_agency_recorded(case, action):
    town = case.town
    ours = record(town.dsl, town.school, injury_raw("SCH-1", source_reference="INJ-9"))
    theirs = incident(town.officer, town.police, "POL-1")
    with pytest.raises(InvalidInput) as error:
        action_complete(actor=town.dsl, action_id=action, evidence="See the police record.",
                        evidence_event_id=theirs)  # fmt: skip
    assert "evidence_event" in problems_of(error)

    action_complete(actor=town.dsl, action_id=action, evidence="Bruise seen and recorded.",
                    evidence_event_id=ours)  # fmt: skip
    assert ActionUpdate.objects.get(action_id=action).evidence_event_id == ours


def test_cancelling_needs_a_reason(case, action):
    with pytest.raises(InvalidInput) as error:
        action_cancel(actor=case.town.social_worker, action_id=action, reason="")
    assert "reason" in problems_of(error)
    action_cancel(actor=case.town.social_worker, action_id=action, reason="Family moved away.")
    assert ActionUpdate.objects.get(action_id=action).status == "cancelled"


@pytest.mark.parametrize("who", ["dsl", "social_worker", "school_manager", "school_senior_manager"])
def test_the_owner_the_setter_and_the_owner_s_managers_may_complete_it(case, action, who):
    result = action_complete(actor=getattr(case.town, who), action_id=action, evidence="Done.")
    assert result.status == "completed"


@pytest.mark.parametrize("who", ["teacher", "care_manager", "nurse", "officer"])
def test_anyone_else_is_answered_as_for_an_action_that_does_not_exist(case, action, who):
    with pytest.raises(NotFound):
        action_complete(actor=getattr(case.town, who), action_id=action, evidence="Done.")
    with pytest.raises(NotFound):
        action_cancel(actor=getattr(case.town, who), action_id=action, reason="Not needed.")
    assert not ActionUpdate.objects.exists()


def _update(action, **fields):
    values = {"action_id": action, "updated_by_id": Action.objects.get(id=action).owner_id,
              "updated_at": clock.now(), **fields}  # fmt: skip
    with transaction.atomic():
        ActionUpdate.objects.create(**values)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"status": "completed"}, "action_completed_with_evidence"),
        ({"status": "completed", "evidence": "   "}, "action_completed_with_evidence"),
        ({"status": "cancelled"}, "action_cancelled_with_reason"),
        ({"status": "cancelled", "reason": "\n"}, "action_cancelled_with_reason"),
        ({"status": "open", "evidence": "x", "reason": "x"}, "action_update_status_known"),
    ],
)
def test_the_database_refuses_a_completion_without_evidence(case, action, fields, constraint):
    with pytest.raises(IntegrityError, match=constraint):
        _update(action, **fields)


def test_the_database_refuses_a_second_change_of_status(case, action):
    _update(action, status="completed", evidence="Done.")
    with pytest.raises(IntegrityError):
        _update(action, status="cancelled", reason="Not needed.")


def _action(case, meeting, **fields):
    town = case.town
    values = {"agency": town.social_care, "child_id": case.care_child, "meeting_id": meeting,
              "description": "Visit.", "what_will_be_different": "Safer at home.",
              "owner": town.dsl, "owner_agency": town.school, "set_on": last_week(),
              "due_on": last_week(), "set_by": town.social_worker, "set_at": clock.now(),
              **fields}  # fmt: skip
    with transaction.atomic():
        Action.objects.create(**values)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"what_will_be_different": " "}, "action_says_what_will_be_different"),
        ({"description": ""}, "action_has_description"),
        ({"due_on": last_week() - timedelta(days=1)}, "action_not_due_before_set"),
    ],
)
def test_the_database_refuses_an_action_the_service_would(case, meeting, fields, constraint):
    with pytest.raises(IntegrityError, match=constraint):
        _action(case, meeting, **fields)
    _action(case, meeting)  # and takes the same action, complete


def test_each_constraint_names_its_code():
    codes = {c.name: c.violation_error_code for c in ActionUpdate._meta.constraints}
    assert codes["action_completed_with_evidence"] == "completed_without_evidence"
    assert codes["action_cancelled_with_reason"] == "cancelled_without_reason"
    codes = {c.name: c.violation_error_code for c in Action._meta.constraints}
    assert codes["action_says_what_will_be_different"] == "nothing_will_be_different"
