"""Notifications, as their recipient sees them: what happened, without the child's name, and
the recipient's own agency's record of the child."""

from datetime import datetime
from uuid import UUID

from ninja import Schema

from sightline.notifications.data import NotificationView


class EscalationOut(Schema):
    to: str
    escalated_at: datetime


class NotificationOut(Schema):
    id: UUID
    rule_id: str
    rule_version: int
    title: str
    reason: str
    agency_name: str
    child_recorded_person_id: UUID
    created_at: datetime
    due_at: datetime
    overdue: bool
    acknowledged_at: datetime | None
    escalations: list[EscalationOut]

    @classmethod
    def of(cls, view: NotificationView) -> "NotificationOut":
        return cls(
            id=view.id,
            rule_id=view.rule_id,
            rule_version=view.rule_version,
            title=view.title,
            reason=view.reason,
            agency_name=view.agency_name,
            child_recorded_person_id=view.child_id,
            created_at=view.created_at,
            due_at=view.due_at,
            overdue=view.overdue,
            acknowledged_at=view.acknowledged_at,
            escalations=[
                EscalationOut(to=e.to_name, escalated_at=e.escalated_at) for e in view.escalations
            ],
        )
