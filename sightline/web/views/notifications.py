"""The practitioner's inbox of notifications, acknowledging one, and a manager's board of their
team's overdue notifications."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sightline.notifications import selectors, services
from sightline.web.permissions import ANY_ROLE, Access, practitioner, practitioner_view

# Who sees the overdue board: the roles notifications are escalated to.
MANAGING_ROLES = frozenset(selectors.MANAGING_ROLES)


@practitioner_view(roles=ANY_ROLE)
def inbox(request: HttpRequest, access: Access) -> HttpResponse:
    """Your notifications: waiting ones first, soonest due first."""
    items = selectors.notification_list(viewer_id=access.scope.user_id)
    context = {
        "waiting": [item for item in items if not item.acknowledged],
        "done": [item for item in items if item.acknowledged],
        "manages": bool(selectors.managed_agency_ids(user_id=access.scope.user_id)),
    }
    return render(request, "notifications/inbox.html", context)


@require_POST
@practitioner_view(roles=ANY_ROLE)
def notification_acknowledge(
    request: HttpRequest, access: Access, notification_id: UUID
) -> HttpResponse:
    """Acknowledge one of your notifications, then back to the inbox."""
    result = services.notification_acknowledge(
        actor=practitioner(request), notification_id=notification_id
    )
    done = "That notification was already acknowledged" if result.already else "Acknowledged"
    messages.success(request, done)
    return redirect("web:inbox")


@practitioner_view(roles=MANAGING_ROLES)
def notifications_overdue(request: HttpRequest, access: Access) -> HttpResponse:
    """Your team's overdue, unacknowledged notifications, and those escalated to you."""
    board = selectors.overdue_board(viewer_id=access.scope.user_id)
    return render(request, "notifications/overdue.html", {"board": board})
