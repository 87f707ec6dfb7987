"""Meetings and actions as a form would send them, through the real services. Tests change one
field at a time from these, so each says what it is about."""

from datetime import date, timedelta
from typing import Any

from sightline.core import clock
from sightline.meetings.data import ActionIn, AttendeeIn, InformationIn, MeetingIn
from sightline.meetings.services import (
    action_complete,
    action_set,
    actions_escalate_overdue,
    meeting_record,
)
from tests.identity.factories import apply_run, record_person, scored


def last_week() -> date:
    return clock.now().date() - timedelta(days=7)


def meeting_in(case, **overrides: Any) -> MeetingIn:
    """A strategy discussion held by social care last week about Daniel: the police and the
    school came, the school nurses sent apologies and the hospital was invited but did not
    come."""
    town = case.town
    fields: dict[str, Any] = {
        "agency_id": town.social_care.id,
        "kind": "strategy_discussion",
        "held_on": last_week(),
        "chair": "Team manager, children's services",
        "child_ids": (case.care_child,),
        "attendees": (
            AttendeeIn(town.social_care.id, "Social worker", "Allocated social worker", "attended"),
            AttendeeIn(town.police.id, "DC Patel", "Public protection unit", "attended"),
            AttendeeIn(town.school.id, "Ms Owusu", "Designated safeguarding lead", "attended"),
            AttendeeIn(town.nursing.id, "Nurse Lee", "School nurse", "apologies"),
            AttendeeIn(town.hospital.id, "", "", "did_not_attend"),
        ),
        "information": (
            InformationIn(town.police.id, "Three call-outs to the home since March."),
            InformationIn(town.school.id, "Food-seeking at lunch; weight down since autumn."),
        ),
        "decisions": "Threshold met for a section 47 enquiry; joint visit tomorrow.",
        "decision": "section_47",
    }
    fields.update(overrides)
    return MeetingIn(**fields)


def record_meeting(case, actor=None, **overrides: Any):
    """A meeting recorded by Daniel's social worker (unless another actor is given)."""
    return meeting_record(
        actor=actor or case.town.social_worker, meeting=meeting_in(case, **overrides)
    )


def action_in(case, meeting_id, **overrides: Any) -> ActionIn:
    """The school's DSL to check Daniel's lunch every school day, due in a fortnight."""
    fields: dict[str, Any] = {
        "child_id": case.care_child,
        "description": "Check that Daniel eats a full lunch every school day and record it.",
        "owner_id": case.town.dsl.pk,
        "owner_agency_id": case.town.school.id,
        "due_on": clock.now().date() + timedelta(days=14),
        "what_will_be_different": "Daniel is no longer hungry at school and gains weight.",
        "meeting_id": meeting_id,
    }
    fields.update(overrides)
    return ActionIn(**fields)


def set_action(case, meeting_id, actor=None, **overrides: Any):
    return action_set(
        actor=actor or case.town.social_worker, action=action_in(case, meeting_id, **overrides)
    ).action_id


def more_children(case, names: tuple[str, ...]) -> list[tuple[Any, Any]]:
    """Children social care and the school each hold a record of, linked as one person:
    (social care's record, the school's record) for each name."""
    town = case.town
    pairs = [
        (
            record_person(
                town.social_worker,
                town.social_care,
                source_reference=f"CSC-{name}",
                given_name=name,
            ),
            record_person(town.dsl, town.school, source_reference=f"SCH-{name}", given_name=name),
        )  # fmt: skip
        for name in names
    ]
    apply_run(*(scored(care, school, 15.0) for care, school in pairs))
    return pairs


def actions_for_several_children(case) -> Any:
    """A strategy discussion about Daniel, his sister and three more children, with actions
    for each spread over agencies: for the school's DSL (overdue, escalated; one done) and for a
    school nurse; and actions the school set on its own, for Daniel and the others. The
    meeting's id."""
    town = case.town
    pairs = more_children(case, ("Amira", "Bartek", "Chloe"))
    children = (case.care_child, case.care_sister, *(care for care, _ in pairs))
    meeting = record_meeting(case, child_ids=children).meeting_id
    yesterday = clock.now().date() - timedelta(days=1)
    for child in children:
        set_action(case, meeting, child_id=child, due_on=yesterday)
        set_action(case, meeting, child_id=child, owner_id=town.nurse.pk,
                   owner_agency_id=town.nursing.id)  # fmt: skip
    for school_record in (town.school_child, *(school for _, school in pairs)):
        action_set(actor=town.dsl, action=action_in(case, None, child_id=school_record,
                   agency_id=town.school.id, owner_id=town.nurse.pk,
                   owner_agency_id=town.nursing.id))  # fmt: skip
    done = set_action(case, meeting, child_id=children[-1], due_on=yesterday)
    action_complete(actor=town.dsl, action_id=done, evidence="Done.")
    actions_escalate_overdue()
    return meeting
