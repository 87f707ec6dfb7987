"""The links to a child's meetings and actions, on pages of the child's records."""

from typing import Any
from uuid import UUID

from django import template

from sightline.meetings.selectors import may_record_about

register = template.Library()


@register.inclusion_tag("meetings/_links.html", takes_context=True)
def meeting_links(context: template.Context, person_id: UUID) -> dict[str, Any]:
    """Meetings and actions about the child; and "Record a meeting" for those whose agency
    holds a record of the child, in a role that records."""
    user = getattr(context.get("request"), "user", None)
    may_record = bool(user and may_record_about(user_id=user.pk, recorded_person_id=person_id))
    return {"person_id": person_id, "may_record": may_record}
