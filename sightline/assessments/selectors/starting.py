"""Whether to offer a practitioner "Start an assessment" on a child's page: the same rule
(policy.startable) that the service applies when they start one."""

from collections.abc import Iterable

from sightline.access.policy import Basis, Post
from sightline.agencies.selectors import memberships_for_user
from sightline.assessments.policy import startable


def assessment_start_offered(*, user_id: int, bases: Iterable[str]) -> bool:
    """Whether the practitioner may start some kind of assessment about a child to whom they
    have these bases (the chronology's). One query (their memberships). Which agency
    allocated them, when they are the allocated worker, is not known here: any of theirs is
    assumed, which changes nothing, since whoever may open the chronology in a case work role
    may start an early help assessment. Starting checks again, exactly."""
    found = frozenset(Basis(basis) for basis in bases)
    posts = [
        Post(agency_id=m.agency_id, agency_kind=m.agency_kind, role=m.role)
        for m in memberships_for_user(user_id=user_id)
    ]
    allocated_by = {post.agency_id for post in posts} if Basis.ALLOCATED_WORKER in found else set()
    return bool(startable(posts, found, allocated_by))
