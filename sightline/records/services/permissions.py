"""Who may write records for an agency: a member of it, in a role that records."""

from uuid import UUID

from sightline.agencies.data import RECORDING_ROLES
from sightline.core.exceptions import NotPermitted
from sightline.core.scope import Scope


def require_recording_role(scope: Scope, agency_id: UUID) -> None:
    """Analysts, IG leads and administrators read and govern; they do not record about children.
    Refused exactly as a missing agency is, so membership of other agencies is not revealed."""
    if not scope.roles_in(agency_id) & RECORDING_ROLES:
        raise NotPermitted("There is no such agency among yours.")
