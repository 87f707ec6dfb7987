"""Reads of meetings: one meeting, and the meetings and actions about one child.

A meeting is its recording agency's record: that agency's case workers see it, as they see its
other records. Anyone else sees it only through a relationship with one of its children that
opens the child's chronology (access), once they have said why they are opening it; a meeting
they may not see answers as a missing one.
"""

from collections import Counter
from collections.abc import Iterable
from uuid import UUID

from django.db.models import Q

from sightline.access.selectors import child_access_get
from sightline.core.exceptions import NotFound
from sightline.identity.selectors import record_access_map, same_person_ids
from sightline.meetings.data import (
    AttendeeView,
    ChildMeetings,
    InformationView,
    MeetingSummary,
    MeetingView,
    PurposeFirst,
)
from sightline.meetings.models import Action, Meeting, MeetingChild
from sightline.meetings.selectors.actions import action_views, local_today, with_everything
from sightline.meetings.selectors.children import (
    child_ref_map,
    recording_agency_ids,
    recording_options_for,
)

_LIST_LIMIT = 200


def _require_visible(
    user_id: int, recording: frozenset[UUID], meeting: Meeting, child_ids: Iterable[UUID]
) -> None:
    """recording: the agencies the viewer records for, whose meetings they see."""
    if meeting.agency_id in recording:
        return
    for child in child_ids:
        access = child_access_get(user_id=user_id, recorded_person_id=child)
        if access.may_open:
            if not access.purpose_stated:
                raise PurposeFirst(child)
            return
    raise NotFound("There is no such meeting.")


def meeting_get(*, viewer_id: int, meeting_id: UUID) -> MeetingView:
    """The meeting with who came, what was shared, what was decided and its actions; NotFound
    for a viewer who may not see it, PurposeFirst until they have said why."""
    meeting = Meeting.objects.select_related("agency", "recorded_by").filter(id=meeting_id).first()
    if meeting is None:
        raise NotFound("There is no such meeting.")
    children = list(meeting.children.order_by("id"))
    recording = recording_agency_ids(user_id=viewer_id)
    _require_visible(viewer_id, recording, meeting, [c.child_id for c in children])
    refs = child_ref_map(
        agency_ids=recording, children={c.child_id: meeting.agency.name for c in children}
    )
    actions = with_everything(meeting.actions.all()).order_by("due_on", "set_at")
    return MeetingView(
        id=meeting.id,
        agency_id=meeting.agency_id,
        agency_name=meeting.agency.name,
        kind=meeting.kind,
        held_on=meeting.held_on,
        chair=meeting.chair,
        recorded_by_name=meeting.recorded_by.display_name or meeting.recorded_by.username,
        recorded_at=meeting.recorded_at,
        children=tuple(refs[c.child_id] for c in children),
        attendees=tuple(
            AttendeeView(a.agency_id, a.agency.name, a.name, a.role, a.attendance)
            for a in meeting.attendees.select_related("agency").order_by("position")
        ),
        information=tuple(
            InformationView(i.agency.name, i.text)
            for i in meeting.information.select_related("agency").order_by("position")
        ),
        decisions=meeting.decisions,
        decision=meeting.decision,
        category_of_abuse=meeting.category_of_abuse,
        actions=tuple(action_views(actions, agency_ids=recording, today=local_today())),
        may_set_actions=meeting.agency_id in recording,
        event_ids=tuple(c.event_id for c in children),
    )


def _about(viewer_id: int, recorded_person_id: UUID) -> tuple[set[UUID], frozenset[UUID] | None]:
    """The child's records whose meetings and actions the viewer sees, and the agencies whose
    meetings and actions those are (None: every agency's). Every agency's, to a viewer who may
    open the child's chronology and has said why; their own agencies', to a viewer whose agency
    holds this record."""
    holder = record_access_map(ids=[recorded_person_id]).get(recorded_person_id)
    if holder is None:
        raise NotFound("There is no such person record.")
    access = child_access_get(user_id=viewer_id, recorded_person_id=recorded_person_id)
    if access.may_open and access.purpose_stated:
        return set(access.record_ids), None
    own = recording_agency_ids(user_id=viewer_id)
    if holder.agency_id not in own:
        if access.may_open:
            raise PurposeFirst(recorded_person_id)
        raise NotFound("There is no such person record.")
    return same_person_ids(recorded_person_id=recorded_person_id), own


def _meetings_about(records: set[UUID], wanted: Q) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            wanted,
            id__in=MeetingChild.objects.filter(child_id__in=records).values("meeting_id"),
        )
        .select_related("agency")
        .order_by("-held_on", "-recorded_at")[:_LIST_LIMIT]
    )


def child_meetings_get(*, viewer_id: int, recorded_person_id: UUID) -> ChildMeetings:
    """The meetings about the child (latest first) and the actions for the child (open ones
    first) that the viewer may see, and whom they may record new ones for."""
    records, agencies = _about(viewer_id, recorded_person_id)
    wanted = Q(agency_id__in=agencies) if agencies is not None else Q()
    meetings = _meetings_about(records, wanted)
    rows = list(
        with_everything(Action.objects.filter(wanted, child_id__in=records)).order_by("-set_at")[
            :_LIST_LIMIT
        ]
    )
    open_actions = Counter(
        row.meeting_id for row in rows if getattr(row, "status_update", None) is None
    )
    viewer_agencies = recording_agency_ids(user_id=viewer_id)
    actions = action_views(rows, agency_ids=viewer_agencies, today=local_today())
    return ChildMeetings(
        recorded_person_id=recorded_person_id,
        meetings=tuple(
            MeetingSummary(
                m.id,
                m.kind,
                m.held_on,
                m.agency_id,
                m.agency.name,
                m.chair,
                m.decision,
                open_actions[m.id],
            )
            for m in meetings
        ),  # fmt: skip
        actions=tuple(sorted(actions, key=lambda a: (not a.is_open, a.due_on))),
        recording=tuple(
            recording_options_for(user_id=viewer_id, recorded_person_id=recorded_person_id)
        ),
    )
