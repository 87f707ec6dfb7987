"""Reads of notifications: a practitioner's own inbox, and a manager's overdue board.

A notification is only ever shown to its recipient, and to the managers of the agency it was
sent through; anyone else asking for it is answered as for one that does not exist.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet

from sightline.agencies.data import Role
from sightline.agencies.selectors import memberships_for_user
from sightline.core import clock
from sightline.core.exceptions import NotFound
from sightline.notifications.calendar import Term
from sightline.notifications.data import (
    EscalatedToMe,
    EscalationView,
    NotificationView,
    OverdueBoard,
)
from sightline.notifications.models import Escalation, Notification, SchoolTerm
from sightline.notifications.rules import title_of

# Who sees their agencies' overdue notifications, and is escalated to.
MANAGING_ROLES = frozenset({Role.MANAGER.value, Role.SENIOR_MANAGER.value})
_INBOX_LIMIT = 200


def _name(display_name: str, username: str) -> str:
    return display_name or username


def _with_everything(rows: QuerySet[Notification]) -> QuerySet[Notification]:
    escalations = Escalation.objects.select_related("to_user").order_by("escalated_at")
    return rows.select_related("agency", "recipient", "acknowledgement").prefetch_related(
        Prefetch("escalations", queryset=escalations)
    )


def _view(row: Notification, now: datetime) -> NotificationView:
    acknowledgement = getattr(row, "acknowledgement", None)
    acknowledged_at = acknowledgement.acknowledged_at if acknowledgement else None
    return NotificationView(
        id=row.id,
        rule_id=row.rule_id,
        rule_version=row.rule_version,
        title=title_of(row.rule_id),
        reason=row.reason,
        agency_name=row.agency.name,
        child_id=row.child_id,
        recipient_name=_name(row.recipient.display_name, row.recipient.username),
        created_at=row.created_at,
        due_at=row.due_at,
        acknowledged_at=acknowledged_at,
        escalations=tuple(
            EscalationView(_name(e.to_user.display_name, e.to_user.username), e.escalated_at)
            for e in row.escalations.all()
        ),
        overdue=acknowledged_at is None and row.due_at < now,
    )


def notification_list(*, viewer_id: int, limit: int = _INBOX_LIMIT) -> list[NotificationView]:
    """The viewer's own notifications: those waiting for acknowledgement, soonest due first,
    then the latest of those acknowledged, newest first (up to `limit` of each)."""
    now = clock.now()
    own = _with_everything(Notification.objects.filter(recipient_id=viewer_id))
    waiting = own.filter(acknowledgement__isnull=True).order_by("due_at")[:limit]
    done = own.filter(acknowledgement__isnull=False).order_by("-created_at")[:limit]
    return [_view(row, now) for row in [*waiting, *done]]


def notification_get(*, viewer_id: int, notification_id: UUID) -> NotificationView:
    """One of the viewer's own notifications (anyone else's is NotFound)."""
    row = _with_everything(
        Notification.objects.filter(id=notification_id, recipient_id=viewer_id)
    ).first()
    if row is None:
        raise NotFound("There is no such notification.")
    return _view(row, clock.now())


def managed_agency_ids(*, user_id: int) -> frozenset[UUID]:
    """The agencies in which the user holds a managing role."""
    return frozenset(
        m.agency_id for m in memberships_for_user(user_id=user_id) if m.role in MANAGING_ROLES
    )


def overdue_board(*, viewer_id: int) -> OverdueBoard:
    """For a manager: the unacknowledged, overdue notifications of the agencies they manage
    (their team's), and every notification escalated to them, most recent first."""
    now = clock.now()
    agencies = managed_agency_ids(user_id=viewer_id)
    overdue = _with_everything(
        Notification.objects.filter(
            agency_id__in=agencies, due_at__lt=now, acknowledgement__isnull=True
        )
    ).order_by("due_at")
    escalated = (
        Escalation.objects.filter(to_user_id=viewer_id)
        .select_related("notification")
        .order_by("-escalated_at")[:_INBOX_LIMIT]
    )
    escalated_rows = list(escalated)
    notifications = {
        row.id: _view(row, now)
        for row in _with_everything(
            Notification.objects.filter(id__in=[e.notification_id for e in escalated_rows])
        )
    }
    return OverdueBoard(
        overdue=tuple(_view(row, now) for row in overdue[:_INBOX_LIMIT]),
        escalated_to_me=tuple(
            EscalatedToMe(notifications[e.notification_id], e.escalated_at) for e in escalated_rows
        ),
    )


def school_term_map(*, agency_ids: Iterable[UUID]) -> tuple[dict[UUID, list[Term]], list[Term]]:
    """The recorded terms of each of these agencies that has any, and the default calendar's."""
    own: dict[UUID, list[Term]] = defaultdict(list)
    default: list[Term] = []
    wanted = Q(agency_id__in=list(set(agency_ids))) | Q(agency__isnull=True)
    for row in SchoolTerm.objects.filter(wanted).only("agency_id", "starts_on", "ends_on"):
        term = Term(row.starts_on, row.ends_on)
        if row.agency_id is None:
            default.append(term)
        else:
            own[row.agency_id].append(term)
    return dict(own), default


def notification_count_by_username() -> dict[str, int]:
    """How many notifications each practitioner has been sent (for the demo's summary)."""
    counts: dict[str, int] = defaultdict(int)
    for username in Notification.objects.values_list("recipient__username", flat=True):
        counts[username] += 1
    return dict(sorted(counts.items()))
