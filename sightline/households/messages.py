"""Domain messages the households app publishes (see sightline.core.messages)."""

from dataclasses import dataclass
from uuid import UUID

from sightline.core.messages import DomainMessage


@dataclass(frozen=True)
class HouseholdsChanged(DomainMessage):
    """These recorded persons joined, left or changed role in a household: whatever is worked
    out over a child's household (the adults whose incidents a child's case holds) may have
    changed for them and the children they live with."""

    recorded_person_ids: tuple[UUID, ...]
