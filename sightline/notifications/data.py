"""Plain results of the notifications app, for the web pages, the API and the command line."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class EscalationView:
    to_name: str
    escalated_at: datetime


@dataclass(frozen=True)
class NotificationView:
    """One notification, as its recipient (or their manager) sees it."""

    id: UUID
    rule_id: str
    rule_version: int
    title: str
    reason: str
    agency_name: str  # the agency the recipient was told as a member of
    child_id: UUID  # that agency's record of the child
    recipient_name: str
    created_at: datetime
    due_at: datetime
    acknowledged_at: datetime | None
    escalations: tuple[EscalationView, ...]
    overdue: bool  # past due and not acknowledged

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


@dataclass(frozen=True)
class EscalatedToMe:
    """A notification escalated to the viewer because its recipient had not acknowledged it."""

    notification: NotificationView
    escalated_at: datetime


@dataclass(frozen=True)
class OverdueBoard:
    """A manager's view: their agencies' overdue, unacknowledged notifications, and what has
    been escalated to them."""

    overdue: tuple[NotificationView, ...]
    escalated_to_me: tuple[EscalatedToMe, ...]


@dataclass(frozen=True)
class Acknowledged:
    notification_id: UUID
    acknowledged_at: datetime
    already: bool  # it had been acknowledged before: nothing was written


@dataclass(frozen=True)
class EscalationSummary:
    escalated: int  # escalations written
    without_manager: int  # overdue notifications whose agency has no one to escalate to


@dataclass(frozen=True)
class RoutingSummary:
    events_routed: int  # events some rule fired on
    created: int  # notifications written (existing ones are left as they are)


@dataclass(frozen=True)
class NotificationDraft:
    """A notification another app has decided to send (a risk signal's, say): the sender
    chose the recipient, the basis and the words; notifications stores, audits and emails it."""

    recipient_id: int
    agency_id: UUID  # the agency the recipient is told as a member of
    rule_id: str
    rule_version: int
    basis: str
    event_id: UUID
    event_version_id: UUID
    child_id: UUID  # the recipient agency's record of the child where it has one
    reason: str
    due_at: datetime
