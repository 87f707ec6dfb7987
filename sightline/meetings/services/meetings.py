"""Recording a meeting, and opening one (or a child's list of them), each audited.

Recording writes the meeting, who came, what was shared and decided, and, for each child, an
event in the recording agency's records (a strategy discussion, a child protection conference
or a meeting, with its structured details), so the meeting joins the child's chronology and is
routed and evaluated like any event. All in one transaction: the meeting and its events are
stored together or not at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from django.db import IntegrityError, transaction

from sightline.agencies.data import RECORDING_ROLES
from sightline.agencies.selectors import agency_list, scope_for_user
from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record_many
from sightline.core import clock
from sightline.core.exceptions import FieldProblem, InvalidInput, NotPermitted
from sightline.core.scope import Scope
from sightline.meetings.data import ChildMeetings, MeetingIn, MeetingRecorded, MeetingView
from sightline.meetings.models import InformationShared, Meeting, MeetingAttendee, MeetingChild
from sightline.meetings.rules import meeting_event_raw, meeting_problems
from sightline.meetings.selectors import (
    child_meetings_get,
    local_today,
    meeting_get,
    recording_option_list,
)
from sightline.records.services import event_record

if TYPE_CHECKING:
    from sightline.accounts.models import User


def _submitted_before(meeting: MeetingIn) -> MeetingRecorded | None:
    if not meeting.submission_key:
        return None
    found = Meeting.objects.filter(
        agency_id=meeting.agency_id, submission_key=meeting.submission_key
    ).first()
    if found is None:
        return None
    events = tuple(found.children.order_by("id").values_list("event_id", flat=True))
    return MeetingRecorded(found.id, events, already=True)


def _children(actor: User, meeting: MeetingIn) -> tuple[list[UUID], list[FieldProblem]]:
    """The recording agency's own record of each child, once each. A child the actor may not
    see raises NotFound, as a missing one would."""
    found: list[UUID] = []
    problems = []
    for index, child in enumerate(meeting.child_ids):
        options = recording_option_list(user_id=actor.pk, recorded_person_id=child)
        own = next((o.child_id for o in options if o.agency_id == meeting.agency_id), None)
        if own is None:
            problems.append(
                FieldProblem(
                    f"children.{index}",
                    "your agency holds no record of this child: record them first, so that the "
                    "meeting joins their chronology",
                )
            )
        elif own not in found:
            found.append(own)
    return found, problems


def _agency_names(meeting: MeetingIn) -> tuple[dict[UUID, str], list[FieldProblem]]:
    names = {agency.id: agency.name for agency in agency_list()}
    mentioned = [a.agency_id for a in meeting.attendees] + [
        i.agency_id for i in meeting.information
    ]
    unknown = [agency for agency in mentioned if agency not in names]
    return names, [FieldProblem("attendees", "choose agencies from the list")] if unknown else []


def _permitted(
    actor: User, scope: Scope, meeting: MeetingIn
) -> tuple[list[UUID], list[FieldProblem]]:
    """The recording agency's record of each child, and the children it holds none of. Raises
    NotPermitted unless the actor records for the agency, and NotFound for a child they may not
    see: before anything else, so that nothing is told to someone who may not record it."""
    if not scope.roles_in(meeting.agency_id) & RECORDING_ROLES:
        raise NotPermitted("There is no such agency among yours.")
    return _children(actor, meeting)


def _checked(meeting: MeetingIn, child_problems: list[FieldProblem]) -> dict[UUID, str]:
    """The agencies' names, once the meeting has nothing wrong with it (else InvalidInput)."""
    names, unknown = _agency_names(meeting)
    problems = meeting_problems(meeting, today=local_today()) + child_problems + unknown
    if problems:
        raise InvalidInput(problems)
    return names


def _write(actor: User, meeting: MeetingIn) -> Meeting | None:
    """The meeting's own rows; None if the same form's submission won the race to write it."""
    row = Meeting(
        id=uuid4(),
        agency_id=meeting.agency_id,
        kind=meeting.kind,
        held_on=meeting.held_on,
        chair=meeting.chair.strip(),
        decisions=meeting.decisions.strip(),
        decision=meeting.decision,
        category_of_abuse=meeting.category_of_abuse,
        recorded_by=actor,
        recorded_at=clock.now(),
        submission_key=meeting.submission_key,
    )
    try:
        with transaction.atomic():  # a savepoint: a second submission racing this one loses
            row.save()
    except IntegrityError:
        if _submitted_before(meeting) is None:
            raise
        return None
    MeetingAttendee.objects.bulk_create(
        MeetingAttendee(meeting=row, agency_id=a.agency_id, name=a.name.strip(),
                        role=a.role.strip(), attendance=a.attendance, position=position)
        for position, a in enumerate(meeting.attendees)
    )  # fmt: skip
    InformationShared.objects.bulk_create(
        InformationShared(meeting=row, agency_id=i.agency_id, text=i.text.strip(), position=n)
        for n, i in enumerate(meeting.information)
    )
    return row


@transaction.atomic
def meeting_record(*, actor: User, meeting: MeetingIn) -> MeetingRecorded:
    """Record a meeting for one of the actor's agencies, with an event in that agency's records
    for each child, each audited. A form submitted twice records one meeting."""
    scope = scope_for_user(user_id=actor.pk)
    children, child_problems = _permitted(actor, scope, meeting)
    if (before := _submitted_before(meeting)) is not None:
        return before
    names = _checked(meeting, child_problems)
    row = _write(actor, meeting)
    if row is None:
        before = _submitted_before(meeting)
        assert before is not None
        return before
    events = []
    for child in children:
        raw = meeting_event_raw(
            meeting,
            child_id=child,
            agency_names=names,
            reference=f"meeting:{row.id}:{child}",
            recorded_by=str(actor),
        )
        result = event_record(actor=actor, scope=scope, agency_id=meeting.agency_id, raw=raw)
        MeetingChild.objects.create(meeting=row, child_id=child, event_id=result.record_id)
        events.append(result.record_id)
    payload = {"meeting_id": row.id, "kind": row.kind, "children": [str(c) for c in children],
               "event_ids": [str(e) for e in events]}  # fmt: skip
    audit_record_many(
        AuditDraft(
            action=AuditAction.MEETING_RECORDED,
            subject=SubjectRef("meetings", "meeting", str(row.id)),
            actor_id=actor.pk,
            agency_id=row.agency_id,
            recorded_person_id=child,
            payload=payload,
        )
        for child in children
    )
    return MeetingRecorded(row.id, tuple(events), already=False)


def _audit_views(actor: User, meetings: list[tuple[UUID, UUID]], child_ids: list[UUID]) -> None:
    """One "meeting viewed" entry for each (meeting, agency) and child, so each child's access
    log shows who looked."""
    audit_record_many(
        AuditDraft(
            action=AuditAction.MEETING_VIEWED,
            subject=SubjectRef("meetings", "meeting", str(meeting_id)),
            actor_id=actor.pk,
            agency_id=agency_id,
            recorded_person_id=child,
            payload={"meeting_id": meeting_id},
        )
        for meeting_id, agency_id in meetings
        for child in child_ids
    )


@transaction.atomic
def meeting_open(*, actor: User, meeting_id: UUID) -> MeetingView:
    """The meeting as the actor may see it (meeting_get), audited."""
    meeting = meeting_get(viewer_id=actor.pk, meeting_id=meeting_id)
    children = [child.recorded_person_id for child in meeting.children]
    _audit_views(actor, [(meeting.id, meeting.agency_id)], children)
    return meeting


@transaction.atomic
def child_meetings_open(*, actor: User, recorded_person_id: UUID) -> ChildMeetings:
    """The meetings and actions about a child that the actor may see (child_meetings_get),
    each meeting listed audited as viewed."""
    found = child_meetings_get(viewer_id=actor.pk, recorded_person_id=recorded_person_id)
    _audit_views(actor, [(m.id, m.agency_id) for m in found.meetings], [recorded_person_id])
    return found
