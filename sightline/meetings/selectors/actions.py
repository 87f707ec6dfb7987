"""Reads of actions: an owner's own, the overdue ones of the agencies a manager looks after,
those escalated to a manager, and one action for those who may complete or cancel it.

An action is shown to its owner, to whoever set it, to the managers of the owner's agency and
of the agency that set it (on their list of overdue actions), and, on its meeting's page, to
those who may see the meeting.
"""

from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from sightline.accounts.selectors import user_display_names
from sightline.agencies.data import RECORDING_ROLES
from sightline.agencies.selectors import (
    agency_list,
    member_contact_list,
    memberships_for_user,
    scope_for_user,
)
from sightline.core import clock
from sightline.core.exceptions import NotFound
from sightline.identity.selectors import record_access_map, same_person_ids
from sightline.meetings.data import (
    ActionStatus,
    ActionView,
    ChildRef,
    EscalatedAction,
    EscalationView,
    OwnerChoice,
    OwnerGroup,
)
from sightline.meetings.models import Action, ActionEscalation
from sightline.meetings.selectors.children import child_ref_map
from sightline.notifications.selectors import managed_agency_ids
from sightline.records.data import EventListItem
from sightline.records.selectors import event_list

_LIST_LIMIT = 200
_EVIDENCE_EVENTS = 50  # of each of the viewer's records of the child, newest first


def local_today() -> date:
    """Today in England: an action is due by the end of its day here."""
    return timezone.localdate(clock.now())


def _name(user: Any) -> str:
    return str(user.display_name or user.username)


def with_everything(rows: QuerySet[Action]) -> QuerySet[Action]:
    escalations = ActionEscalation.objects.select_related("to_user").order_by("escalated_at")
    return rows.select_related(
        "agency", "owner", "owner_agency", "set_by", "meeting", "status_update__updated_by"
    ).prefetch_related(Prefetch("escalations", queryset=escalations))


def _view(row: Action, child: ChildRef, today: date) -> ActionView:
    update = getattr(row, "status_update", None)
    meeting = row.meeting
    return ActionView(
        id=row.id,
        description=row.description,
        what_will_be_different=row.what_will_be_different,
        child=child,
        agency_name=row.agency.name,
        set_by_name=_name(row.set_by),
        set_on=row.set_on,
        due_on=row.due_on,
        owner_id=row.owner_id,
        owner_name=_name(row.owner),
        owner_agency_id=row.owner_agency_id,
        owner_agency_name=row.owner_agency.name,
        meeting_id=meeting.id if meeting else None,
        meeting_kind=meeting.kind if meeting else "",
        meeting_held_on=meeting.held_on if meeting else None,
        status=update.status if update else ActionStatus.OPEN.value,
        closed_at=update.updated_at if update else None,
        closed_by_name=_name(update.updated_by) if update else "",
        evidence=update.evidence if update else "",
        evidence_event_id=update.evidence_event_id if update else None,
        reason=update.reason if update else "",
        escalations=tuple(
            EscalationView(_name(e.to_user), e.escalated_at) for e in row.escalations.all()
        ),
        days_overdue=(today - row.due_on).days if update is None and row.due_on < today else 0,
        agency_id=row.agency_id,
    )


def action_views(
    rows: Iterable[Action], *, agency_ids: Collection[UUID], today: date
) -> list[ActionView]:
    """Actions (read through with_everything), their children named as these agencies may."""
    found = list(rows)
    refs = child_ref_map(
        agency_ids=agency_ids, children={row.child_id: row.agency.name for row in found}
    )
    return [_view(row, refs[row.child_id], today) for row in found]


def action_overdue_list(
    *, agency_ids: Collection[UUID], today: date | None = None, limit: int = _LIST_LIMIT
) -> list[ActionView]:
    """The open actions past their due date that are these agencies' to chase, the longest
    overdue first (up to `limit`): those whose owners act for them, and those they set for
    anyone, at their meetings or on their own. Each says which; children are named as these
    agencies' own records name them."""
    today = today or local_today()
    wanted = frozenset(agency_ids)
    theirs = Q(owner_agency_id__in=list(wanted)) | Q(agency_id__in=list(wanted))
    rows = with_everything(
        Action.objects.filter(theirs, due_on__lt=today, status_update__isnull=True)
    ).order_by("due_on", "set_at")[:limit]
    return [
        replace(
            view,
            owned_by_listed_agency=view.owner_agency_id in wanted,
            set_by_listed_agency=view.agency_id in wanted,
        )
        for view in action_views(rows, agency_ids=wanted, today=today)
    ]


def action_list_for_owner(
    *, owner_id: int, today: date | None = None, limit: int = _LIST_LIMIT
) -> list[ActionView]:
    """The owner's own actions: the open ones, soonest due first, then (up to `limit`) the
    latest of those completed or cancelled."""
    today = today or local_today()
    agencies = {m.agency_id for m in memberships_for_user(user_id=owner_id)}
    own = with_everything(Action.objects.filter(owner_id=owner_id))
    waiting = own.filter(status_update__isnull=True).order_by("due_on", "set_at")[:limit]
    done = own.filter(status_update__isnull=False).order_by("-status_update__updated_at")[:limit]
    return action_views([*waiting, *done], agency_ids=agencies, today=today)


def action_escalated_list(
    *, user_id: int, today: date | None = None, limit: int = _LIST_LIMIT
) -> list[EscalatedAction]:
    """The actions escalated to this manager, most recently escalated first."""
    today = today or local_today()
    escalated = list(
        ActionEscalation.objects.filter(to_user_id=user_id)
        .order_by("-escalated_at")
        .values_list("action_id", "escalated_at")[:limit]
    )
    agencies = {m.agency_id for m in memberships_for_user(user_id=user_id)}
    rows = with_everything(Action.objects.filter(id__in=[a for a, _ in escalated]))
    views = {view.id: view for view in action_views(rows, agency_ids=agencies, today=today)}
    return [EscalatedAction(views[action], at) for action, at in escalated]


def may_update(user_id: int, action: Action) -> bool:
    """Complete or cancel: the owner, whoever set it, or a manager of the owner's agency."""
    if user_id in (action.owner_id, action.set_by_id):
        return True
    return action.owner_agency_id in managed_agency_ids(user_id=user_id)


def action_get(*, viewer_id: int, action_id: UUID) -> ActionView:
    """One action, for someone who may complete or cancel it (anyone else: NotFound)."""
    row = with_everything(Action.objects.filter(id=action_id)).first()
    if row is None or not may_update(viewer_id, row):
        raise NotFound("There is no such action.")
    agencies = {m.agency_id for m in memberships_for_user(user_id=viewer_id)}
    return action_views([row], agency_ids=agencies, today=local_today())[0]


def evidence_event_list(*, viewer_id: int, action_id: UUID) -> list[EventListItem]:
    """Events the viewer's agencies recorded about the action's child, newest first: what its
    completion may point to as evidence. Only their own agencies' events, which they may see
    whatever their relationship with the child."""
    action = Action.objects.filter(id=action_id).first()
    if action is None or not may_update(viewer_id, action):
        raise NotFound("There is no such action.")
    scope = scope_for_user(user_id=viewer_id)
    linked = same_person_ids(recorded_person_id=action.child_id)
    own = [
        r for r, held in record_access_map(ids=linked).items() if held.agency_id in scope.agency_ids
    ]
    events = {
        event.id: event
        for record in own
        for event in event_list(scope=scope, recorded_person_id=record, limit=_EVIDENCE_EVENTS)
    }
    return sorted(events.values(), key=lambda event: event.occurred_at, reverse=True)


def owner_group_list() -> list[OwnerGroup]:
    """Everyone who may own an action: the active practitioners of every agency in a role
    that works with children, by agency and name."""
    agencies = agency_list()
    contacts = member_contact_list(agency_ids=[a.id for a in agencies], roles=RECORDING_ROLES)
    names = user_display_names(ids={c.user_id for c in contacts})
    groups = []
    for agency in sorted(agencies, key=lambda a: a.name):
        members = {
            c.user_id: OwnerChoice(c.user_id, names[c.user_id], c.role)
            for c in contacts
            if c.agency_id == agency.id
        }
        if members:
            groups.append(
                OwnerGroup(agency.id, agency.name, tuple(sorted(members.values(), key=_by_name)))
            )
    return groups


def _by_name(choice: OwnerChoice) -> str:
    return choice.name.casefold()


def may_own(*, user_id: int, agency_id: UUID) -> bool:
    """The user is an active practitioner of the agency, in a role that works with children."""
    return any(
        c.user_id == user_id
        for c in member_contact_list(agency_ids=[agency_id], roles=RECORDING_ROLES)
    )
