"""Domain messages the identity app publishes (see sightline.core.messages)."""

from dataclasses import dataclass
from uuid import UUID

from sightline.core.messages import DomainMessage


@dataclass(frozen=True)
class RecordsRelinked(DomainMessage):
    """These recorded persons joined, left or moved between persons: whatever is worked out
    over a person's joined records (a child's risk signals, say) may have changed."""

    recorded_person_ids: tuple[UUID, ...]
