"""Stating a purpose and breaking the glass: each one transaction with its audit entry."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.mail import send_mass_mail
from django.db import transaction

from sightline.access import policy
from sightline.access.data import (
    BREAK_GLASS_DURATION,
    BreakGlassReason,
    LawfulBasis,
    Purpose,
    SharingOutcome,
)
from sightline.access.models import (
    BreakGlassAlert,
    BreakGlassGrant,
    PurposeStatement,
    SharingDecision,
    SharingRecipient,
)
from sightline.access.selectors import viewer_get
from sightline.agencies.selectors import member_contact_list
from sightline.audit.data import AuditAction
from sightline.audit.services import audit_record
from sightline.core import clock
from sightline.core.exceptions import FieldProblem, InvalidInput, NotFound
from sightline.identity import policy as identity_policy
from sightline.identity.selectors import record_access_map, same_person_ids

if TYPE_CHECKING:
    from sightline.accounts.models import User

logger = logging.getLogger(__name__)

# Told of every break-glass grant: in the practitioner's own agencies, the information
# governance lead; in each agency whose records it opens, its lead and its managers too.
_OWN_AGENCY_ROLES = ("ig_lead",)
_OWNING_AGENCY_ROLES = ("ig_lead", "manager")


def _known_record(viewer: policy.Viewer, recorded_person_id: UUID) -> UUID:
    """The record's holding agency; NotFound for a missing record or one the viewer may not
    even know of (another agency's confidential or shielded record)."""
    access = record_access_map(ids=[recorded_person_id]).get(recorded_person_id)
    if access is None or not identity_policy.may_know_of(viewer.agency_ids(), access):
        raise NotFound("There is no such person record.")
    return access.agency_id


@transaction.atomic
def purpose_state(
    *, actor: User, recorded_person_id: UUID, purpose: str, detail: str = ""
) -> PurposeStatement:
    """Record why the actor opens this child's chronology."""
    agency_id = _known_record(viewer_get(user_id=actor.pk), recorded_person_id)
    if purpose not in set(Purpose):
        raise InvalidInput([FieldProblem("purpose", "choose why you are opening the record")])
    statement = PurposeStatement(
        user=actor,
        recorded_person_id=recorded_person_id,
        purpose=purpose,
        detail=detail.strip()[:500],
        stated_at=clock.now(),
    )
    statement.save()
    audit_record(
        actor=actor,
        action=AuditAction.PURPOSE_STATED,
        subject=statement,
        agency_id=agency_id,
        recorded_person_id=recorded_person_id,
        payload={"purpose_id": statement.id, "purpose": purpose},
    )
    return statement


def _break_glass_problems(reason: str, explanation: str) -> list[FieldProblem]:
    problems = []
    if reason not in set(BreakGlassReason):
        problems.append(FieldProblem("reason", "choose why you need access now"))
    if not explanation.strip():
        problems.append(FieldProblem("explanation", "say what has happened and why it cannot wait"))
    return problems


@transaction.atomic
def break_glass_open(
    *, actor: User, recorded_person_id: UUID, reason: str, explanation: str
) -> BreakGlassGrant:
    """Open the child's chronology to the actor for BREAK_GLASS_DURATION, without a recorded
    relationship; the information governance leads and the owning agencies are told at once."""
    viewer = viewer_get(user_id=actor.pk)
    if not any(post.role in policy.CASEWORK_ROLES for post in viewer.posts):
        raise NotFound("There is no such person record.")
    _known_record(viewer, recorded_person_id)
    if problems := _break_glass_problems(reason, explanation):
        raise InvalidInput(problems)
    now = clock.now()
    grant = BreakGlassGrant(
        user=actor,
        recorded_person_id=recorded_person_id,
        reason=reason,
        explanation=explanation.strip(),
        opened_at=now,
        expires_at=now + BREAK_GLASS_DURATION,
    )
    grant.save()
    owning = set(record_access_map(ids=same_person_ids(recorded_person_id=recorded_person_id)))
    _alert(actor, grant, viewer, owning_agencies=_agencies_of(owning) - viewer.agency_ids())
    audit_record(
        actor=actor,
        action=AuditAction.BREAK_GLASS_OPENED,
        subject=grant,
        recorded_person_id=recorded_person_id,
        payload={
            "grant_id": grant.id,
            "reason": reason,
            "expires_at": grant.expires_at.isoformat(),
        },
    )
    return grant


def _agencies_of(record_ids: set[UUID]) -> frozenset[UUID]:
    return frozenset(access.agency_id for access in record_access_map(ids=record_ids).values())


def _alert(
    actor: User,
    grant: BreakGlassGrant,
    viewer: policy.Viewer,
    *,
    owning_agencies: frozenset[UUID],
) -> None:
    contacts = member_contact_list(agency_ids=viewer.agency_ids(), roles=_OWN_AGENCY_ROLES)
    contacts += member_contact_list(agency_ids=owning_agencies, roles=_OWNING_AGENCY_ROLES)
    recipients = {c.user_id: c for c in contacts if c.user_id != actor.pk}
    BreakGlassAlert.objects.bulk_create(
        BreakGlassAlert(grant=grant, recipient_id=c.user_id, agency_id=c.agency_id,
                        created_at=grant.opened_at)
        for c in recipients.values()
    )  # fmt: skip
    subject = "Sightline: break-glass access to a child's record"
    body = (
        f"{actor} opened a child's joined chronology"
        f" without a recorded relationship, until {grant.expires_at:%d %B %Y %H:%M} UTC."
        f" Reason: {grant.reason}. Review it in Sightline (grant {grant.id})."
    )
    messages = [(subject, body, None, [c.email]) for c in recipients.values() if c.email]
    if messages:
        transaction.on_commit(lambda: _send(messages))


def _send(messages: list[tuple[str, str, None, list[str]]]) -> None:
    # The alerts are stored and shown in Sightline whatever happens to the email.
    try:
        send_mass_mail(messages)
    except Exception:  # noqa: BLE001 - any mail failure: log it, the grant stands
        logger.exception("Break-glass alert emails could not be sent")


def _sharing_problems(
    outcome: str, lawful_basis: str, purpose: str, recipients: list[UUID], reason: str
) -> list[FieldProblem]:
    problems = []
    if outcome not in set(SharingOutcome):
        problems.append(FieldProblem("outcome", "say whether you shared or decided not to"))
    if lawful_basis not in set(LawfulBasis):
        problems.append(FieldProblem("lawful_basis", "choose the lawful basis"))
    if not purpose.strip():
        problems.append(FieldProblem("purpose", "say what sharing is (or would be) for"))
    if not recipients:
        problems.append(FieldProblem("recipients", "choose at least one agency"))
    if outcome == SharingOutcome.NOT_SHARED and not reason.strip():
        problems.append(FieldProblem("reason", "say why you decided not to share"))
    return problems


@transaction.atomic
def sharing_decision_record(
    *,
    actor: User,
    recorded_person_id: UUID,
    outcome: str,
    lawful_basis: str,
    purpose: str,
    recipient_agency_ids: list[UUID],
    information: str = "",
    reason: str = "",
) -> SharingDecision:
    """Record that the actor's agency shared information about a child with other agencies,
    or decided not to, and why. Only for a record the actor's own agency holds."""
    viewer = viewer_get(user_id=actor.pk)
    agency_id = _known_record(viewer, recorded_person_id)
    if agency_id not in {p.agency_id for p in viewer.posts if p.role in policy.CASEWORK_ROLES}:
        raise NotFound("There is no such person record.")
    recipients = [a for a in dict.fromkeys(recipient_agency_ids) if a != agency_id]
    if problems := _sharing_problems(outcome, lawful_basis, purpose, recipients, reason):
        raise InvalidInput(problems)
    decision = SharingDecision(
        recorded_person_id=recorded_person_id,
        agency_id=agency_id,
        decided_by=actor,
        outcome=outcome,
        lawful_basis=lawful_basis,
        purpose=purpose.strip()[:500],
        information=information.strip(),
        reason=reason.strip(),
        decided_at=clock.now(),
    )
    decision.save()
    SharingRecipient.objects.bulk_create(
        SharingRecipient(decision=decision, agency_id=agency) for agency in recipients
    )
    audit_record(
        actor=actor,
        action=AuditAction.SHARING_RECORDED,
        subject=decision,
        agency_id=agency_id,
        recorded_person_id=recorded_person_id,
        payload={
            "decision_id": decision.id,
            "decision": outcome,
            "lawful_basis": lawful_basis,
            "recipient_agency_ids": [str(a) for a in recipients],
        },
    )
    return decision
