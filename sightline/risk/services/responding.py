"""Responding to a signal: acknowledging it, saying what was done, or dismissing it with a
reason. Each response is a row of its own (append-only) with its audit entry.

Whoever may open the child's chronology may respond: the people a signal reaches are among
them (the allocated worker and their managers, the front door while a contact is open), and
so are the other professionals around the child, whose response is as much on the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction

from sightline.agencies.selectors import memberships_for_user
from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import audit_record
from sightline.chronology.data import Chronology, PurposeRequired
from sightline.chronology.services import child_access_require, chronology_open
from sightline.core import clock
from sightline.core.exceptions import InvalidTransition, NotFound
from sightline.identity.selectors import record_access_map, same_person_ids
from sightline.risk.data import SignalPurposeRequired, SignalView
from sightline.risk.models import RiskSignal, SignalResponse, SignalStatus
from sightline.risk.selectors import signal_get

if TYPE_CHECKING:
    from sightline.accounts.models import User

# From each status, the responses allowed (a dismissed or actioned signal is closed: new
# evidence raises a new signal instead).
NEXT: dict[str, frozenset[str]] = {
    SignalStatus.OPEN: frozenset(
        {SignalStatus.ACKNOWLEDGED, SignalStatus.ACTIONED, SignalStatus.DISMISSED}
    ),
    SignalStatus.ACKNOWLEDGED: frozenset({SignalStatus.ACTIONED, SignalStatus.DISMISSED}),
    SignalStatus.ACTIONED: frozenset(),
    SignalStatus.DISMISSED: frozenset(),
}
NEEDS_WORDS: dict[str, str] = {
    SignalStatus.ACTIONED: "Say what was done",
    SignalStatus.DISMISSED: "Say why the signal is dismissed",
}


@dataclass(frozen=True)
class Responded:
    signal_id: UUID
    status: str
    responded_at: datetime


def _own_record(actor: User, child_id: UUID) -> UUID:
    """The viewer's own agency's record of the child where it holds one (the record their
    purpose is asked on and their chronology opened from), else the signal's."""
    own = {m.agency_id for m in memberships_for_user(user_id=actor.pk)}
    linked = record_access_map(ids=same_person_ids(recorded_person_id=child_id))
    mine = sorted(record for record, access in linked.items() if access.agency_id in own)
    return mine[0] if mine else child_id


@dataclass(frozen=True)
class SignalPage:
    signal: SignalView
    chronology: Chronology  # the child's, as the viewer may see it: the evidence is in it


def signal_open(*, actor: User, signal_id: UUID) -> SignalPage:
    """A signal, why it fired and its evidence, for someone who may open the child's
    chronology (PurposeRequired until they have said why; NotFound otherwise). Audited."""
    signal = signal_get(signal_id=signal_id)
    if signal is None:
        raise NotFound("There is no such signal.")
    record = _own_record(actor, signal.child_id)
    try:
        chronology = chronology_open(actor=actor, recorded_person_id=record)
    except PurposeRequired:
        raise SignalPurposeRequired(record) from None
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.SIGNAL_VIEWED,
            subject=SubjectRef("risk", "risksignal", str(signal_id)),
            agency_id=signal.agency_id,
            recorded_person_id=signal.child_id,
            payload={"signal_id": signal_id},
        )
    return SignalPage(signal, chronology)


@transaction.atomic
def signal_respond(*, actor: User, signal_id: UUID, status: str, reason: str = "") -> Responded:
    signal = signal_get(signal_id=signal_id)
    if signal is None:
        raise NotFound("There is no such signal.")
    child_access_require(actor=actor, recorded_person_id=signal.child_id)
    # One response at a time per signal: the second of two racing clicks sees the first.
    RiskSignal.objects.select_for_update().filter(id=signal_id).first()
    current = (
        SignalResponse.objects.filter(signal_id=signal_id)
        .order_by("-responded_at")
        .values_list("status", flat=True)
        .first()
        or SignalStatus.OPEN
    )
    if status not in NEXT[current]:
        raise InvalidTransition(f"This signal is {current}: it cannot now be marked {status}.")
    words = reason.strip()
    if status in NEEDS_WORDS and not words:
        raise InvalidTransition(f"{NEEDS_WORDS[status]}.")
    row = SignalResponse.objects.create(
        signal_id=signal_id,
        status=status,
        reason=words,
        responded_by=actor,
        responded_at=clock.now(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.SIGNAL_RESPONDED,
        subject=SubjectRef("risk", "risksignal", str(signal_id)),
        agency_id=signal.agency_id,
        recorded_person_id=signal.child_id,
        payload={"signal_id": signal_id, "response_id": row.id, "status": status},
    )
    return Responded(signal_id, status, row.responded_at)
