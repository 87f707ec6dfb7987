"""What ties a viewer to a child today, for the policy to decide on; who has been told of a
break-glass grant. Reads of ids, codes and dates only."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from django.utils import timezone

from sightline.access import policy
from sightline.access.data import BreakGlassReview, HeldElsewhere, SharingDecisionView
from sightline.access.models import (
    BreakGlassAlert,
    BreakGlassGrant,
    PurposeStatement,
    SharingDecision,
    SharingRecipient,
)
from sightline.access.policy import ChildAccess
from sightline.agencies.selectors import agency_list, member_contact_list, memberships_for_user
from sightline.core import clock
from sightline.households.selectors import household_member_map
from sightline.identity.selectors import other_holders_map, same_person_ids
from sightline.records.schema.catalogue import EventKind
from sightline.records.schema.relationships import RelationshipKind
from sightline.records.selectors import event_agency_list, service_tie_list

_SERVICE_KINDS = frozenset(
    {
        RelationshipKind.SCHOOL_ENROLMENT,
        RelationshipKind.GP_REGISTRATION,
        RelationshipKind.HEALTH_VISITING_CASELOAD,
        RelationshipKind.SCHOOL_NURSING_CASELOAD,
    }
)


def viewer_get(*, user_id: int) -> policy.Viewer:
    posts = frozenset(
        policy.Post(m.agency_id, m.agency_kind, m.role)
        for m in memberships_for_user(user_id=user_id)
    )
    return policy.Viewer(user_id, posts)


def _household_incidents(ids: list[UUID]) -> frozenset[UUID]:
    """Police forces that recorded a domestic abuse incident about the child or anyone in the
    child's household."""
    household = household_member_map(recorded_person_ids=ids)
    incidents = event_agency_list(
        person_ids=set(household) | set(ids), kind=EventKind.DOMESTIC_ABUSE_INCIDENT
    )
    return frozenset(agency for agency, kind in incidents if kind == "police")


def child_ties_get(
    *, viewer: policy.Viewer, record_ids: Iterable[UUID], now: datetime | None = None
) -> tuple[policy.ChildTies, datetime | None]:
    """The child's ties to services, workers and police today, over all its recorded persons,
    and until when the viewer's break-glass grant lasts (None: they hold none). Ties that
    cannot matter to this viewer are not read."""
    ids = list(record_ids)
    now = now or clock.now()
    ties = service_tie_list(person_ids=ids, on=timezone.localdate(now))
    incidents = (
        _household_incidents(ids) if policy.needs_household_incidents(viewer) else frozenset()
    )
    grant = break_glass_until(user_id=viewer.user_id, record_ids=ids, now=now)
    return (
        policy.ChildTies(
            services=frozenset((t.kind, t.agency_id) for t in ties if t.kind in _SERVICE_KINDS),
            allocations=frozenset(
                (t.worker_id, t.agency_id)
                for t in ties
                if t.kind == RelationshipKind.WORKER_ALLOCATION and t.worker_id is not None
            ),
            open_contacts=frozenset(
                t.agency_id
                for t in ties
                if t.kind == RelationshipKind.EPISODE and t.episode_type == "contact"
            ),
            household_incidents=incidents,
            break_glass=grant is not None,
        ),
        grant,
    )


def break_glass_until(
    *, user_id: int, record_ids: Iterable[UUID], now: datetime
) -> datetime | None:
    """When the viewer's latest unexpired break-glass grant for the child ends, if any."""
    return (
        BreakGlassGrant.objects.filter(
            user_id=user_id, recorded_person_id__in=list(record_ids), expires_at__gt=now
        )
        .order_by("-expires_at")
        .values_list("expires_at", flat=True)
        .first()
    )


def child_access_get(
    *, user_id: int, recorded_person_id: UUID, now: datetime | None = None
) -> ChildAccess:
    """Everything the policy decides on for this viewer and the child this record is about."""
    record_ids = frozenset(same_person_ids(recorded_person_id=recorded_person_id))
    viewer = viewer_get(user_id=user_id)
    ties, grant = child_ties_get(viewer=viewer, record_ids=record_ids, now=now)
    stated = PurposeStatement.objects.filter(
        user_id=user_id, recorded_person_id__in=record_ids
    ).exists()
    return ChildAccess(
        viewer=viewer,
        ties=ties,
        bases=policy.bases(viewer, ties),
        record_ids=record_ids,
        purpose_stated=stated,
        break_glass_until=grant,
    )


def break_glass_review_list(*, user_id: int, limit: int = 100) -> list[BreakGlassReview]:
    """The break-glass grants this user was told of, newest first."""
    rows = (
        BreakGlassAlert.objects.filter(recipient_id=user_id)
        .order_by("-created_at")
        .values_list(
            "grant_id", "grant__opened_at", "grant__expires_at", "grant__user__display_name",
            "grant__user__username", "grant__reason", "grant__explanation",
            "grant__recorded_person_id", "agency__name",
        )[:limit]
    )  # fmt: skip
    return [
        BreakGlassReview(grant, opened, expires, shown or username, reason, why, record, agency)
        for grant, opened, expires, shown, username, reason, why, record, agency in rows
    ]


def sharing_decision_list(*, record_ids: Iterable[UUID]) -> list[SharingDecisionView]:
    """Every sharing decision about these records, newest first (for viewers who may open the
    child's chronology)."""
    decisions = list(
        SharingDecision.objects.filter(recorded_person_id__in=list(record_ids))
        .order_by("-decided_at")
        .values(
            "id", "decided_at", "agency__name", "decided_by__display_name",
            "decided_by__username", "outcome", "lawful_basis", "purpose", "information", "reason",
        )
    )  # fmt: skip
    names: dict[UUID, list[str]] = defaultdict(list)
    for decision_id, name in (
        SharingRecipient.objects.filter(decision_id__in=[d["id"] for d in decisions])
        .order_by("agency__name")
        .values_list("decision_id", "agency__name")
    ):
        names[decision_id].append(name)
    return [
        SharingDecisionView(
            id=d["id"],
            decided_at=d["decided_at"],
            agency_name=d["agency__name"],
            decided_by=d["decided_by__display_name"] or d["decided_by__username"],
            outcome=d["outcome"],
            lawful_basis=d["lawful_basis"],
            purpose=d["purpose"],
            information=d["information"],
            reason=d["reason"],
            recipients=tuple(names[d["id"]]),
        )
        for d in decisions
    ]


# Whom a search result names as the people to ask at another agency.
_CONTACT_ROLES = ("dsl", "mash")


def held_elsewhere_map(
    *, viewer_agency_ids: frozenset[UUID], record_ids: Iterable[UUID]
) -> dict[UUID, list[HeldElsewhere]]:
    """For each of the viewer's records, the other agencies that hold records linked with it
    (never one whose linked record the viewer may not even know of), and whom to contact."""
    others = other_holders_map(viewer_agencies=viewer_agency_ids, ids=record_ids)
    agencies = {a for held in others.values() for a in held}
    if not agencies:
        return {}
    names = {a.id: a.name for a in agency_list() if a.id in agencies}
    contacts: dict[UUID, list[str]] = defaultdict(list)
    for contact in member_contact_list(agency_ids=agencies, roles=_CONTACT_ROLES):
        if contact.email:
            contacts[contact.agency_id].append(contact.email)
    return {
        record_id: sorted(
            (HeldElsewhere(names[a], tuple(contacts[a])) for a in held),
            key=lambda h: h.agency_name,
        )
        for record_id, held in others.items()
    }
