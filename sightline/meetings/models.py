"""Meetings about children, and the actions they set. Append-only: a meeting, who came, what
was shared and decided, an action and its completion or cancellation are each written once
and never changed, so what was agreed, and what became of it, can always be read back.

A meeting is recorded by one agency, about that agency's own records of the children; each
child's record also gets an event in records, so the meeting joins the child's chronology.
"""

import uuid

from django.db import models

from sightline.core.models import AppendOnlyModel
from sightline.meetings.data import (
    ACTION_STATUS_LABELS,
    ATTENDANCE_LABELS,
    DECISION_LABELS,
    MEETING_KIND_LABELS,
    PLAN_OUTCOMES,
    ActionStatus,
    Attendance,
    MeetingKind,
)


def _written(field: str) -> models.Q:
    """The text has something in it besides white space (spaces, tabs, line breaks)."""
    return models.Q(**{f"{field}__regex": r"\S"})


def _decision_fits_kind() -> models.Q:
    kinds_with_codes = models.Q()
    for kind, codes in DECISION_LABELS.items():
        kinds_with_codes |= models.Q(kind=kind.value, decision__in=list(codes))
    without = [k.value for k in MeetingKind if k not in DECISION_LABELS]
    return kinds_with_codes | models.Q(kind__in=without, decision="")


class Meeting(AppendOnlyModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The recording agency: it holds the records of the children the meeting was about.
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32, choices=list(MEETING_KIND_LABELS.items()))
    held_on = models.DateField()
    chair = models.CharField(max_length=200)  # who chaired it: name and role
    decisions = models.TextField()
    decision = models.CharField(max_length=32, blank=True)  # coded: see data.DECISION_LABELS
    category_of_abuse = models.CharField(max_length=8, blank=True)  # CIN code, for a plan
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    recorded_at = models.DateTimeField()
    # The recording form's own key: a form submitted twice records one meeting.
    submission_key = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="meeting_submitted_once",
            ),
            models.CheckConstraint(
                condition=_written("chair"),
                name="meeting_has_chair",
                violation_error_code="meeting_without_chair",
            ),
            models.CheckConstraint(
                condition=_written("decisions"),
                name="meeting_has_decisions",
                violation_error_code="meeting_without_decisions",
            ),
            models.CheckConstraint(
                condition=_decision_fits_kind(),
                name="meeting_decision_fits_kind",
                violation_error_code="decision_not_of_this_kind",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(decision__in=sorted(PLAN_OUTCOMES)) & ~models.Q(category_of_abuse="")
                )
                | (~models.Q(decision__in=sorted(PLAN_OUTCOMES)) & models.Q(category_of_abuse="")),
                name="meeting_plan_has_category",
                violation_error_code="plan_without_category",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.held_on}"


class MeetingChild(AppendOnlyModel):
    """A child the meeting was about: the recording agency's record of them, and the event that
    puts the meeting in their chronology."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="children", db_index=False
    )
    child = models.ForeignKey("records.RecordedPerson", on_delete=models.PROTECT, related_name="+")
    event = models.ForeignKey("records.Event", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "child"], name="meeting_child_once")
        ]


class MeetingAttendee(AppendOnlyModel):
    """Someone an agency sent, or an agency invited that sent no one."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendees")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=200, blank=True)
    attendance = models.CharField(max_length=16, choices=list(ATTENDANCE_LABELS.items()))
    position = models.PositiveSmallIntegerField()  # the order they were listed in

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(attendance=Attendance.DID_NOT_ATTEND.value) | _written("name"),
                name="meeting_attendee_named",
                violation_error_code="attendee_without_name",
            )
        ]


class InformationShared(AppendOnlyModel):
    """What one agency told the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="information")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=_written("text"),
                name="meeting_information_written",
                violation_error_code="information_empty",
            )
        ]


class Action(AppendOnlyModel):
    """Something a named professional will do for a child, by a date, and what will be different
    for the child once it is done: calling a meeting is not the same as protecting a child."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The agency that set it, and its record of the child.
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("records.RecordedPerson", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    description = models.TextField()
    what_will_be_different = models.TextField()
    owner = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    # The agency the owner acts for: its managers are escalated to when the action is overdue.
    owner_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # The meeting's date, or the day an action was set on its own: it cannot be due before.
    set_on = models.DateField()
    due_on = models.DateField()
    set_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    set_at = models.DateTimeField()
    submission_key = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="action_submitted_once",
            ),
            models.CheckConstraint(
                condition=_written("description"),
                name="action_has_description",
                violation_error_code="action_without_description",
            ),
            models.CheckConstraint(
                condition=_written("what_will_be_different"),
                name="action_says_what_will_be_different",
                violation_error_code="nothing_will_be_different",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("set_on")),
                name="action_not_due_before_set",
                violation_error_code="due_before_set",
            ),
        ]
        indexes = [models.Index(fields=["owner_agency", "due_on"], name="action_agency_due")]

    def __str__(self) -> str:
        return f"action {self.id} due {self.due_on}"


class ActionUpdate(AppendOnlyModel):
    """An action's change of status, kept as its own row, and made once: completed, with the
    evidence of what was done, or cancelled, with the reason. By whom and when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="status_update")
    status = models.CharField(
        max_length=12,
        choices=[
            (s.value, ACTION_STATUS_LABELS[s]) for s in ActionStatus if s != ActionStatus.OPEN
        ],
    )
    evidence = models.TextField(blank=True)
    # An event in the child's chronology that shows it was done (a visit, a measurement).
    evidence_event = models.ForeignKey(
        "records.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[ActionStatus.COMPLETED, ActionStatus.CANCELLED]),
                name="action_update_status_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ActionStatus.COMPLETED.value) | _written("evidence"),
                name="action_completed_with_evidence",
                violation_error_code="completed_without_evidence",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ActionStatus.CANCELLED.value) | _written("reason"),
                name="action_cancelled_with_reason",
                violation_error_code="cancelled_without_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(evidence_event__isnull=True)
                | models.Q(status=ActionStatus.COMPLETED.value),
                name="action_evidence_event_only_when_completed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status} {self.action_id}"


class ActionEscalation(AppendOnlyModel):
    """An overdue action brought to one of its owner's managers: once per manager."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Found through the unique (action, manager) index.
    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="escalations", db_index=False
    )
    to_user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    escalated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "to_user"],
                name="action_escalated_once_per_manager",
                violation_error_code="already_escalated",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action_id} ↑ {self.to_user_id}"
