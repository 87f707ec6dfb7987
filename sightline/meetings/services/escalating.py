"""Escalating overdue actions to their owners' managers: `sightline actions escalate`, run
daily or more often (docs/meetings.md)."""

from collections.abc import Mapping
from datetime import date, datetime
from uuid import UUID, uuid4

from django.db import transaction

from sightline.agencies.data import Role
from sightline.agencies.selectors import member_ids_by_agency_role
from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record_many
from sightline.core import clock
from sightline.core.ids import id_chunks
from sightline.core.locks import take_turn
from sightline.meetings.data import ActionEscalationSummary
from sightline.meetings.models import Action, ActionEscalation
from sightline.meetings.selectors import local_today
from sightline.meetings.services.mail import escalation_emails_after_commit

# Any constant will do: it names the PostgreSQL advisory lock that makes runs take turns.
_ESCALATION_LOCK_KEY = 0x5167_AC71


def _managers(
    agency_id: UUID, owner_id: int, members: Mapping[tuple[UUID, str], tuple[int, ...]]
) -> tuple[int, ...]:
    """The managers of the agency the owner acts for, or, when it has none (but the owner), its
    senior managers. Never the owner: a manager's own overdue action goes to a senior manager."""
    for role in (Role.MANAGER, Role.SENIOR_MANAGER):
        found = tuple(u for u in members.get((agency_id, role.value), ()) if u != owner_id)
        if found:
            return found
    return ()


def _escalated(action_ids: list[UUID]) -> set[tuple[UUID, int]]:
    return {
        pair
        for chunk in id_chunks(action_ids)
        for pair in ActionEscalation.objects.filter(action_id__in=chunk).values_list(
            "action_id", "to_user_id"
        )
    }


Overdue = list[tuple[UUID, UUID, int, UUID]]  # (action, owner's agency, owner, child record)


def _escalations(
    overdue: Overdue, members: Mapping[tuple[UUID, str], tuple[int, ...]], now: datetime
) -> tuple[list[ActionEscalation], list[AuditDraft], int]:
    """The escalations still to write, their audit entries, and how many actions have no
    manager to go to."""
    done = _escalated([action for action, _, _, _ in overdue])
    rows, drafts, without = [], [], 0
    for action_id, agency_id, owner_id, child_id in overdue:
        managers = _managers(agency_id, owner_id, members)
        without += not managers
        for manager in (m for m in managers if (action_id, m) not in done):
            row = ActionEscalation(
                id=uuid4(), action_id=action_id, to_user_id=manager, escalated_at=now
            )
            rows.append(row)
            drafts.append(
                AuditDraft(
                    action=AuditAction.ACTION_ESCALATED,
                    subject=SubjectRef("meetings", "actionescalation", str(row.id)),
                    agency_id=agency_id,
                    recorded_person_id=child_id,
                    payload={
                        "action_id": action_id,
                        "escalation_id": row.id,
                        "to_user_id": manager,
                    },
                )
            )
    return rows, drafts, without


@transaction.atomic
def actions_escalate_overdue(*, today: date | None = None) -> ActionEscalationSummary:
    """Escalate every open action past its due date to each of its owner's managers not yet
    told of it: one escalation row per action and manager, each audited, with an email to each
    manager after the commit. Running it again escalates nothing twice; a manager who joins
    later is told of the actions still overdue.

    An action whose owner's agency has no manager and no senior manager besides the owner has
    no one to escalate to: it stays overdue (on the owner's list, marked overdue), is counted
    in `without_manager` on every run, which the command reports. The summary counts actions
    (`overdue`, `actions_escalated`) apart from escalations (`escalated`, one for each action
    and manager)."""
    take_turn(_ESCALATION_LOCK_KEY)
    today = today or local_today()
    overdue = list(
        Action.objects.filter(due_on__lt=today, status_update__isnull=True).values_list(
            "id", "owner_agency_id", "owner_id", "child_id"
        )
    )
    members = member_ids_by_agency_role(
        agency_ids={agency for _, agency, _, _ in overdue},
        roles=(Role.MANAGER.value, Role.SENIOR_MANAGER.value),
    )
    rows, drafts, without = _escalations(overdue, members, clock.now())
    # Runs take turns (above), so the pairs found unescalated are still unescalated here; the
    # unique (action, manager) index holds it on SQLite and without the lock.
    ActionEscalation.objects.bulk_create(rows, batch_size=2_000)
    audit_record_many(drafts)
    escalation_emails_after_commit(row.id for row in rows)
    return ActionEscalationSummary(
        escalated=len(rows),
        without_manager=without,
        overdue=len(overdue),
        actions_escalated=len({row.action_id for row in rows}),
    )
