"""The meetings app's codes, what its services take, and the plain results its selectors give to
the web pages, the command line and the oversight dashboard. No queries here."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from sightline.chronology.data import PurposeRequired
from sightline.records.schema.codes import CIN_CATEGORY_OF_ABUSE


class MeetingKind(StrEnum):
    STRATEGY_DISCUSSION = "strategy_discussion"
    INITIAL_CONFERENCE = "initial_conference"
    REVIEW_CONFERENCE = "review_conference"
    CORE_GROUP = "core_group"
    TEAM_AROUND_THE_FAMILY = "team_around_the_family"


MEETING_KIND_LABELS = {
    MeetingKind.STRATEGY_DISCUSSION: "Strategy discussion",
    MeetingKind.INITIAL_CONFERENCE: "Initial child protection conference",
    MeetingKind.REVIEW_CONFERENCE: "Review child protection conference",
    MeetingKind.CORE_GROUP: "Core group meeting",
    MeetingKind.TEAM_AROUND_THE_FAMILY: "Team around the family meeting",
}

CONFERENCE_KINDS = frozenset({MeetingKind.INITIAL_CONFERENCE, MeetingKind.REVIEW_CONFERENCE})


class Attendance(StrEnum):
    ATTENDED = "attended"
    APOLOGIES = "apologies"
    # Invited, and neither came nor sent apologies: the absence a review looks for.
    DID_NOT_ATTEND = "did_not_attend"


ATTENDANCE_LABELS = {
    Attendance.ATTENDED: "Attended",
    Attendance.APOLOGIES: "Sent apologies",
    Attendance.DID_NOT_ATTEND: "Invited, did not attend",
}

# The coded decision of each kind that has one: a strategy discussion's decision (as records'
# StrategyDiscussionDetails codes it), a conference's outcome for the child's plan (records'
# ChildProtectionConferenceDetails). An initial conference starts a plan or does not; a review
# continues or ends one.
DECISION_LABELS: dict[MeetingKind, dict[str, str]] = {
    MeetingKind.STRATEGY_DISCUSSION: {
        "section_47": "Section 47 enquiry",
        "single_assessment": "Single assessment",
        "no_further_action": "No further action",
        "other": "Something else (say what in the decisions)",
    },
    MeetingKind.INITIAL_CONFERENCE: {
        "plan_started": "Child protection plan started",
        "no_plan": "No child protection plan",
    },
    MeetingKind.REVIEW_CONFERENCE: {
        "plan_continued": "Child protection plan continues",
        "plan_ended": "Child protection plan ended",
    },
}
# Outcomes that put the child on a plan, which must name the category of abuse.
PLAN_OUTCOMES = frozenset({"plan_started", "plan_continued"})
CATEGORY_LABELS = CIN_CATEGORY_OF_ABUSE


class ActionStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


ACTION_STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.COMPLETED: "Completed",
    ActionStatus.CANCELLED: "Cancelled",
}


# ---------------------------------------------------------------- what the services take


@dataclass(frozen=True)
class AttendeeIn:
    """Someone an agency sent (or was asked to send): with attendance "did not attend", the name
    may be empty, since the agency sent no one."""

    agency_id: UUID
    name: str
    role: str
    attendance: str


@dataclass(frozen=True)
class InformationIn:
    """What one agency told the meeting."""

    agency_id: UUID
    text: str


@dataclass(frozen=True)
class MeetingIn:
    agency_id: UUID  # the recording agency: it holds the children's records the events are about
    kind: str
    held_on: date
    chair: str  # who chaired it: name and role
    # Recorded persons: the recording agency's own records, or records of children the recorder
    # may see under access (their agency's linked record is used).
    child_ids: tuple[UUID, ...]
    attendees: tuple[AttendeeIn, ...]
    information: tuple[InformationIn, ...]
    decisions: str
    decision: str = ""  # the coded decision, for the kinds that have one
    category_of_abuse: str = ""  # a CIN category, when the outcome is a plan
    submission_key: str = ""  # the form's own key: a double-submitted form records once


@dataclass(frozen=True)
class ActionIn:
    """An action for a child: from a meeting (meeting_id, and child_id one of the meeting's
    children), or on its own (agency_id, the agency setting it, and child_id a record the
    setter may see)."""

    child_id: UUID
    description: str
    owner_id: int
    owner_agency_id: UUID  # the agency the owner acts for: its managers are escalated to
    due_on: date
    what_will_be_different: str  # for the child, once the action is done
    meeting_id: UUID | None = None
    agency_id: UUID | None = None
    submission_key: str = ""


# ---------------------------------------------------------------- what the services return


@dataclass(frozen=True)
class MeetingRecorded:
    meeting_id: UUID
    event_ids: tuple[UUID, ...]  # one event per child, in the recording agency's records
    already: bool  # the same form was submitted before: nothing was written


@dataclass(frozen=True)
class ActionSet:
    action_id: UUID
    already: bool


@dataclass(frozen=True)
class ActionClosed:
    action_id: UUID
    status: str
    already: bool  # it had been completed or cancelled before: nothing was written


@dataclass(frozen=True)
class ActionEscalationSummary:
    escalated: int  # escalations written: one for each action and manager told of it
    without_manager: int  # overdue actions whose owner's agency has no one to escalate to
    overdue: int = 0  # open actions past their due date
    actions_escalated: int = 0  # overdue actions with at least one escalation written


# ---------------------------------------------------------------- what the selectors return


class PurposeFirst(PurposeRequired):
    """The viewer may see the meeting only through their relationship with the child, and has
    not yet said why they are opening the child's information: they say so on the child's
    chronology first."""

    def __init__(self, recorded_person_id: UUID) -> None:
        super().__init__()
        self.recorded_person_id = recorded_person_id


@dataclass(frozen=True)
class RecordingOption:
    """An agency the viewer may record a meeting or an action for, about a child: one of
    theirs, in a recording role, holding a record of the child."""

    agency_id: UUID
    agency_name: str
    child_id: UUID  # that agency's record of the child
    child_name: str


@dataclass(frozen=True)
class OwnerChoice:
    user_id: int
    name: str
    role: str


@dataclass(frozen=True)
class OwnerGroup:
    """Who may own an action: the case workers of one agency."""

    agency_id: UUID
    agency_name: str
    members: tuple[OwnerChoice, ...]


@dataclass(frozen=True)
class EscalationView:
    to_name: str
    escalated_at: datetime


@dataclass(frozen=True)
class ChildRef:
    """The child an action or meeting is about, as the viewer may see them: named from their own
    agency's linked record when they hold one, otherwise only by the agency that holds it."""

    recorded_person_id: UUID  # the recording agency's record
    agency_name: str  # the agency holding that record
    name: str = ""
    own_record_id: UUID | None = None  # the viewer's own agency's record, to link to


@dataclass(frozen=True)
class ActionView:
    id: UUID
    description: str
    what_will_be_different: str
    child: ChildRef
    agency_name: str  # the agency that set it
    set_by_name: str
    set_on: date
    due_on: date
    owner_id: int
    owner_name: str
    owner_agency_id: UUID
    owner_agency_name: str
    meeting_id: UUID | None
    meeting_kind: str  # "" for an action set on its own
    meeting_held_on: date | None
    status: str
    closed_at: datetime | None = None
    closed_by_name: str = ""
    evidence: str = ""
    evidence_event_id: UUID | None = None
    reason: str = ""
    escalations: tuple[EscalationView, ...] = ()
    days_overdue: int = 0  # days past its due date, while open
    agency_id: UUID | None = None  # the agency that set it
    # On a manager's list of overdue actions: whether the owner acts for one of the agencies
    # asked about, and whether one of them set it (at its meeting, or on its own).
    owned_by_listed_agency: bool = False
    set_by_listed_agency: bool = False

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN

    @property
    def status_label(self) -> str:
        return ACTION_STATUS_LABELS[ActionStatus(self.status)]

    @property
    def meeting_kind_label(self) -> str:
        return MEETING_KIND_LABELS[MeetingKind(self.meeting_kind)] if self.meeting_kind else ""

    @property
    def listed_because(self) -> tuple[str, ...]:
        """Why it is on a manager's list of overdue actions, in words."""
        reasons = []
        if self.owned_by_listed_agency:
            reasons.append("Owned by your agency")
        if self.set_by_listed_agency:
            reasons.append(
                "Set by your agency's meeting" if self.meeting_id else "Set by your agency"
            )
        return tuple(reasons)


@dataclass(frozen=True)
class EscalatedAction:
    action: ActionView
    escalated_at: datetime


@dataclass(frozen=True)
class AttendeeView:
    agency_id: UUID
    agency_name: str
    name: str
    role: str
    attendance: str

    @property
    def attendance_label(self) -> str:
        return ATTENDANCE_LABELS[Attendance(self.attendance)]


@dataclass(frozen=True)
class InformationView:
    agency_name: str
    text: str


@dataclass(frozen=True)
class MeetingSummary:
    """A meeting in a list: what, when, who recorded it."""

    id: UUID
    kind: str
    held_on: date
    agency_id: UUID
    agency_name: str
    chair: str
    decision: str
    open_actions: int

    @property
    def kind_label(self) -> str:
        return MEETING_KIND_LABELS[MeetingKind(self.kind)]

    @property
    def decision_label(self) -> str:
        return DECISION_LABELS.get(MeetingKind(self.kind), {}).get(self.decision, "")


@dataclass(frozen=True)
class MeetingView:
    id: UUID
    agency_id: UUID
    agency_name: str
    kind: str
    held_on: date
    chair: str
    recorded_by_name: str
    recorded_at: datetime
    children: tuple[ChildRef, ...]
    attendees: tuple[AttendeeView, ...]
    information: tuple[InformationView, ...]
    decisions: str
    decision: str
    category_of_abuse: str
    actions: tuple[ActionView, ...] = ()
    may_set_actions: bool = False  # the viewer records for the meeting's agency
    event_ids: tuple[UUID, ...] = field(default_factory=tuple)

    @property
    def kind_label(self) -> str:
        return MEETING_KIND_LABELS[MeetingKind(self.kind)]

    @property
    def decision_label(self) -> str:
        return DECISION_LABELS.get(MeetingKind(self.kind), {}).get(self.decision, "")

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS.get(self.category_of_abuse, "")

    @property
    def agencies_absent(self) -> tuple[str, ...]:
        """Agencies invited that nobody attended for: what a review of the meeting notices."""
        present = {a.agency_id for a in self.attendees if a.attendance == Attendance.ATTENDED}
        return tuple(sorted({a.agency_name for a in self.attendees if a.agency_id not in present}))


@dataclass(frozen=True)
class ChildMeetings:
    """The meetings and actions about a child that the viewer may see, and the agencies they may
    record new ones for."""

    recorded_person_id: UUID
    meetings: tuple[MeetingSummary, ...]
    actions: tuple[ActionView, ...]
    recording: tuple[RecordingOption, ...]
