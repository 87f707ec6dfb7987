"""Setting an action, and completing or cancelling it: each one transaction with its audit entry.

An action is set by an agency about its own record of the child: from one of its meetings, or
on its own. Its owner may work for another agency; their managers are the ones it escalates to.
Completing it needs evidence of what was done, cancelling it a reason: each is a row of its own
(the action itself is never changed), written once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from django.db import IntegrityError, transaction

from sightline.agencies.data import RECORDING_ROLES
from sightline.agencies.selectors import scope_for_user
from sightline.audit.data import AuditAction
from sightline.audit.services import audit_record
from sightline.core import clock
from sightline.core.exceptions import FieldProblem, InvalidInput, NotFound
from sightline.meetings.data import ActionClosed, ActionIn, ActionSet, ActionStatus
from sightline.meetings.models import Action, ActionUpdate, Meeting
from sightline.meetings.rules import action_problems, closing_problems
from sightline.meetings.selectors import (
    evidence_event_list,
    local_today,
    may_own,
    recording_option_list,
)
from sightline.meetings.selectors.actions import may_update
from sightline.meetings.services.mail import action_emails_after_commit

if TYPE_CHECKING:
    from datetime import date

    from sightline.accounts.models import User


def _from_meeting(actor: User, action: ActionIn) -> tuple[UUID, UUID, date]:
    """(agency, child record, date set) of an action from a meeting: set by a recorder of the
    meeting's agency, for one of its children, no earlier than the meeting."""
    assert action.meeting_id is not None
    meeting = Meeting.objects.filter(id=action.meeting_id).first()
    recording = scope_for_user(user_id=actor.pk).roles_in
    if meeting is None or not recording(meeting.agency_id) & RECORDING_ROLES:
        raise NotFound("There is no such meeting.")
    if not meeting.children.filter(child_id=action.child_id).exists():
        raise InvalidInput(
            [FieldProblem("child_id", "choose one of the children the meeting was about")]
        )
    return meeting.agency_id, action.child_id, meeting.held_on


def _on_its_own(actor: User, action: ActionIn) -> tuple[UUID, UUID, date]:
    """(agency, child record, date set) of an action set on its own: for the setting agency's
    own record of a child the actor may see (NotFound otherwise)."""
    options = recording_option_list(user_id=actor.pk, recorded_person_id=action.child_id)
    own = next((o for o in options if o.agency_id == action.agency_id), None)
    if own is None:
        raise NotFound("There is no such person record.")
    return own.agency_id, own.child_id, local_today()


def _submitted_before(agency_id: UUID, key: str) -> ActionSet | None:
    if not key:
        return None
    found = Action.objects.filter(agency_id=agency_id, submission_key=key).values_list(
        "id", flat=True
    )
    return ActionSet(found[0], already=True) if found else None


@transaction.atomic
def action_set(*, actor: User, action: ActionIn) -> ActionSet:
    """Give an action for a child to a named practitioner, by a date, saying what will be
    different for the child; audited, and the owner emailed after the commit. A form submitted
    twice sets one action."""
    where = _from_meeting if action.meeting_id else _on_its_own
    agency_id, child_id, set_on = where(actor, action)
    if (before := _submitted_before(agency_id, action.submission_key)) is not None:
        return before
    problems = action_problems(action, set_on=set_on)
    if not may_own(user_id=action.owner_id, agency_id=action.owner_agency_id):
        problems.append(FieldProblem("owner", "choose someone who works with children"))
    if problems:
        raise InvalidInput(problems)
    row = Action(
        id=uuid4(), agency_id=agency_id, child_id=child_id, meeting_id=action.meeting_id,
        description=action.description.strip(),
        what_will_be_different=action.what_will_be_different.strip(),
        owner_id=action.owner_id, owner_agency_id=action.owner_agency_id, set_on=set_on,
        due_on=action.due_on, set_by=actor, set_at=clock.now(),
        submission_key=action.submission_key,
    )  # fmt: skip
    try:
        with transaction.atomic():  # a savepoint: a second submission racing this one loses
            row.save()
    except IntegrityError:
        if (before := _submitted_before(agency_id, action.submission_key)) is None:
            raise
        return before
    audit_record(
        actor=actor,
        action=AuditAction.ACTION_CREATED,
        subject=row,
        agency_id=agency_id,
        recorded_person_id=child_id,
        payload={"action_id": row.id, "meeting_id": row.meeting_id, "due_on": str(row.due_on)},
    )
    if action.owner_id != actor.pk:
        action_emails_after_commit([row.id])
    return ActionSet(row.id, already=False)


def _closable(actor: User, action_id: UUID) -> Action:
    row = Action.objects.filter(id=action_id).first()
    if row is None or not may_update(actor.pk, row):
        raise NotFound("There is no such action.")
    return row


def _closed_before(action_id: UUID) -> ActionClosed | None:
    status = ActionUpdate.objects.filter(action_id=action_id).values_list("status", flat=True)
    return ActionClosed(action_id, status[0], already=True) if status else None


def _close(actor: User, row: Action, update: ActionUpdate) -> ActionClosed:
    try:
        with transaction.atomic():  # a savepoint: a second click racing this one loses here
            update.save()
    except IntegrityError:
        if (before := _closed_before(row.id)) is None:
            raise
        return before
    audit_record(
        actor=actor,
        action=AuditAction.ACTION_UPDATED,
        subject=update,
        agency_id=row.agency_id,
        recorded_person_id=row.child_id,
        payload={"action_id": row.id, "update_id": update.id, "status": update.status},
    )
    return ActionClosed(row.id, update.status, already=False)


@transaction.atomic
def action_complete(
    *, actor: User, action_id: UUID, evidence: str, evidence_event_id: UUID | None = None
) -> ActionClosed:
    """Mark the action done, with evidence of what was done (and, if there is one, an event
    the actor's agency recorded about the child that shows it). For its owner, whoever set
    it, or a manager of the owner's agency; once."""
    row = _closable(actor, action_id)
    if (before := _closed_before(action_id)) is not None:
        return before
    problems = closing_problems(completing=True, text=evidence)
    if evidence_event_id is not None and evidence_event_id not in {
        event.id for event in evidence_event_list(viewer_id=actor.pk, action_id=action_id)
    }:
        problems.append(
            FieldProblem("evidence_event", "choose an event your agency recorded about the child")
        )
    if problems:
        raise InvalidInput(problems)
    update = ActionUpdate(
        id=uuid4(), action=row, status=ActionStatus.COMPLETED.value, evidence=evidence.strip(),
        evidence_event_id=evidence_event_id, updated_by=actor, updated_at=clock.now(),
    )  # fmt: skip
    return _close(actor, row, update)


@transaction.atomic
def action_cancel(*, actor: User, action_id: UUID, reason: str) -> ActionClosed:
    """Cancel the action, saying why (it is no longer needed, another action replaces it). For
    the same people as completing it; once."""
    row = _closable(actor, action_id)
    if (before := _closed_before(action_id)) is not None:
        return before
    if problems := closing_problems(completing=False, text=reason):
        raise InvalidInput(problems)
    update = ActionUpdate(
        id=uuid4(), action=row, status=ActionStatus.CANCELLED.value, reason=reason.strip(),
        updated_by=actor, updated_at=clock.now(),
    )  # fmt: skip
    return _close(actor, row, update)
