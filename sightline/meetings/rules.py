"""What makes a meeting or an action complete enough to record, and the event each meeting adds
to a child's chronology. Pure: plain data in, problems or raw event out.

The database holds the same invariants as constraints (models.py); these checks come first so
that a practitioner is told every problem at once, in words, rather than meeting the first
constraint a write trips.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from sightline.core.exceptions import FieldProblem
from sightline.meetings.data import (
    CATEGORY_LABELS,
    DECISION_LABELS,
    MEETING_KIND_LABELS,
    PLAN_OUTCOMES,
    ActionIn,
    Attendance,
    AttendeeIn,
    MeetingIn,
    MeetingKind,
)

NAME_LENGTH = 200
TEXT_LENGTH = 10_000  # records' LongText: the decisions become an event's rationale
SUMMARY_LENGTH = 2_000  # records' event summary


def _long(text: str) -> bool:
    return len(text) > TEXT_LENGTH


def _attendee_problems(index: int, attendee: AttendeeIn) -> list[FieldProblem]:
    problems = []
    where = f"attendees.{index}"
    if attendee.attendance not in set(Attendance):
        problems.append(FieldProblem(f"{where}.attendance", "say whether they attended"))
    elif attendee.attendance != Attendance.DID_NOT_ATTEND and not attendee.name.strip():
        problems.append(
            FieldProblem(f"{where}.name", "enter the name of who came or sent apologies")
        )
    if len(attendee.name) > NAME_LENGTH or len(attendee.role) > NAME_LENGTH:
        problems.append(
            FieldProblem(where, f"names and roles are {NAME_LENGTH} characters at most")
        )
    return problems


def _decision_problems(meeting: MeetingIn, kind: MeetingKind) -> list[FieldProblem]:
    codes = DECISION_LABELS.get(kind, {})
    if not codes:
        if meeting.decision or meeting.category_of_abuse:
            return [
                FieldProblem(
                    "decision", f"a {MEETING_KIND_LABELS[kind].lower()} has no coded decision"
                )
            ]
        return []
    if meeting.decision not in codes:
        return [FieldProblem("decision", "choose the decision: " + ", ".join(codes.values()))]
    if meeting.decision in PLAN_OUTCOMES and meeting.category_of_abuse not in CATEGORY_LABELS:
        return [FieldProblem("category_of_abuse", "choose the category of abuse the plan is under")]
    if meeting.decision not in PLAN_OUTCOMES and meeting.category_of_abuse:
        return [FieldProblem("category_of_abuse", "a category belongs only to a plan")]
    return []


def meeting_problems(meeting: MeetingIn, *, today: date) -> list[FieldProblem]:
    """Everything that stops the meeting being recorded as given."""
    if meeting.kind not in set(MeetingKind):
        return [FieldProblem("kind", "choose the kind of meeting")]
    kind = MeetingKind(meeting.kind)
    problems = []
    if meeting.held_on > today:
        problems.append(FieldProblem("held_on", "the meeting must have been held today or before"))
    if not meeting.chair.strip():
        problems.append(FieldProblem("chair", "enter who chaired the meeting"))
    elif len(meeting.chair) > NAME_LENGTH:
        problems.append(FieldProblem("chair", f"{NAME_LENGTH} characters at most"))
    if not meeting.child_ids:
        problems.append(FieldProblem("children", "name at least one child the meeting was about"))
    for index, attendee in enumerate(meeting.attendees):
        problems += _attendee_problems(index, attendee)
    if not any(a.attendance == Attendance.ATTENDED for a in meeting.attendees):
        problems.append(FieldProblem("attendees", "record at least one agency that attended"))
    for index, shared in enumerate(meeting.information):
        if not shared.text.strip() or _long(shared.text):
            problems.append(
                FieldProblem(f"information.{index}", f"enter up to {TEXT_LENGTH:,} characters")
            )
    if not meeting.decisions.strip():
        problems.append(FieldProblem("decisions", "enter what the meeting decided"))
    elif _long(meeting.decisions):
        problems.append(FieldProblem("decisions", f"{TEXT_LENGTH:,} characters at most"))
    return problems + _decision_problems(meeting, kind)


def action_problems(action: ActionIn, *, set_on: date) -> list[FieldProblem]:
    """Everything that stops the action being set as given. `set_on` is the meeting's date,
    or today for an action set on its own: it cannot be due before then."""
    problems = []
    if not action.description.strip():
        problems.append(FieldProblem("description", "enter what needs to be done"))
    if not action.what_will_be_different.strip():
        problems.append(
            FieldProblem(
                "what_will_be_different",
                "say what will be different for the child when this is done",
            )
        )
    for name, text in (
        ("description", action.description),
        ("what_will_be_different", action.what_will_be_different),
    ):
        if _long(text):
            problems.append(FieldProblem(name, f"{TEXT_LENGTH:,} characters at most"))
    if action.due_on < set_on:
        problems.append(FieldProblem("due_on", f"the due date cannot be before {set_on:%-d %B %Y}"))
    return problems


def closing_problems(*, completing: bool, text: str) -> list[FieldProblem]:
    """Completing needs evidence of what was done; cancelling needs the reason."""
    field, missing = (
        ("evidence", "say what was done, and how you know it made a difference")
        if completing
        else ("reason", "say why the action is cancelled")
    )
    if not text.strip():
        return [FieldProblem(field, missing)]
    if _long(text):
        return [FieldProblem(field, f"{TEXT_LENGTH:,} characters at most")]
    return []


# ---------------------------------------------------------------- the chronology's event


def _summary(meeting: MeetingIn, kind: MeetingKind, present: list[str], absent: list[str]) -> str:
    parts = [f"{MEETING_KIND_LABELS[kind]}, chaired by {meeting.chair.strip()}."]
    decision = DECISION_LABELS.get(kind, {}).get(meeting.decision)
    if decision:
        category = CATEGORY_LABELS.get(meeting.category_of_abuse)
        parts.append(f"Decision: {decision}{f' ({category})' if category else ''}.")
    parts.append(f"Agencies present: {', '.join(present)}.")
    if absent:
        parts.append(f"Invited, not present: {', '.join(absent)}.")
    summary = " ".join(parts)
    return summary if len(summary) <= SUMMARY_LENGTH else summary[: SUMMARY_LENGTH - 1] + "…"


def _agencies(
    attendees: Iterable[AttendeeIn], names: dict[UUID, str]
) -> tuple[list[str], list[str]]:
    """(agencies present, agencies invited that nobody attended for), by name."""
    listed = {a.agency_id for a in attendees}
    came = {a.agency_id for a in attendees if a.attendance == Attendance.ATTENDED}
    return sorted(names[a] for a in came), sorted(names[a] for a in listed - came)


def _details(
    meeting: MeetingIn, kind: MeetingKind, present: list[str]
) -> tuple[str, dict[str, Any]]:
    """The records event kind and its structured details (records.schema.details)."""
    if kind is MeetingKind.STRATEGY_DISCUSSION:
        return "strategy_discussion", {
            "agencies_present": present,
            "decision": meeting.decision,
            "rationale": meeting.decisions.strip(),
        }
    if kind in (MeetingKind.INITIAL_CONFERENCE, MeetingKind.REVIEW_CONFERENCE):
        return "child_protection_conference", {
            "conference_type": "initial" if kind is MeetingKind.INITIAL_CONFERENCE else "review",
            "outcome": meeting.decision,
            "category_of_abuse": meeting.category_of_abuse or None,
            "agencies_present": present,
        }
    return "meeting", {
        "meeting_type": kind.value,
        "agencies_present": present,
        "decisions": meeting.decisions.strip(),
    }


def meeting_event_raw(
    meeting: MeetingIn,
    *,
    child_id: UUID,
    agency_names: dict[UUID, str],
    reference: str,
    recorded_by: str,
) -> dict[str, Any]:
    """The event that puts the meeting in one child's chronology, in the shared schema. Nobody
    is seen at a meeting, so the child-contact questions are not applicable."""
    kind = MeetingKind(meeting.kind)
    present, absent = _agencies(meeting.attendees, agency_names)
    event_kind, details = _details(meeting, kind, present)
    return {
        "kind": event_kind,
        "source_reference": reference,
        "occurred_at": meeting.held_on.isoformat(),
        "recorded_by": recorded_by,
        "summary": _summary(meeting, kind, present, absent),
        "subjects": [{"recorded_person_id": child_id, "role": "child_subject"}],
        "child_seen": "not_applicable",
        "child_seen_alone": "not_applicable",
        "child_voice": "not_applicable",
        "interpreter": "not_applicable",
        "details": details,
    }
