"""Every write of the notifications app: routing events to recipients, acknowledging,
escalating, and recording term dates."""

from sightline.notifications.services.escalating import (
    notifications_escalate_overdue as notifications_escalate_overdue,
)
from sightline.notifications.services.inbox import (
    notification_acknowledge as notification_acknowledge,
)
from sightline.notifications.services.routing import (
    notifications_for_event as notifications_for_event,
)
from sightline.notifications.services.routing import (
    notifications_for_events as notifications_for_events,
)
from sightline.notifications.services.sending import notifications_send as notifications_send
from sightline.notifications.services.terms import school_terms_replace as school_terms_replace
