"""Your notifications: list them, and acknowledge one. Only ever the caller's own."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from sightline.api.auth import caller
from sightline.api.schemas.notifications import NotificationOut
from sightline.api.schemas.problems import PROBLEM_RESPONSES
from sightline.notifications import selectors, services

router = Router(tags=["Notifications"])


@router.get(
    "/notifications",
    response={200: list[NotificationOut], **PROBLEM_RESPONSES},
    operation_id="notification_list",
    summary="List your notifications: those waiting for acknowledgement first",
    description=(
        "Waiting notifications soonest due first, then acknowledged ones, newest first. A "
        "notification does not name the child: `child_recorded_person_id` is your agency's "
        "record of the child, which you may open (audited) with the persons operations."
    ),
)
@paginate(LimitOffsetPagination)
def notification_list(request: HttpRequest) -> list[NotificationOut]:
    views = selectors.notification_list(viewer_id=caller(request).pk)
    return [NotificationOut.of(view) for view in views]


@router.post(
    "/notifications/{notification_id}/acknowledgement",
    response={200: NotificationOut, 201: NotificationOut, **PROBLEM_RESPONSES},
    operation_id="notification_acknowledge",
    summary="Acknowledge one of your notifications, which stops its escalation",
    description=(
        "201 when it is acknowledged now; 200 when it was already acknowledged (nothing "
        "changes). Another practitioner's notification answers 404, as a missing one does."
    ),
)
def notification_acknowledge(
    request: HttpRequest, notification_id: UUID
) -> Status[NotificationOut]:
    result = services.notification_acknowledge(
        actor=caller(request), notification_id=notification_id
    )
    view = selectors.notification_get(viewer_id=caller(request).pk, notification_id=notification_id)
    return Status(200 if result.already else 201, NotificationOut.of(view))
