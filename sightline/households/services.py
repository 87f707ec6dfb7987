"""Deriving households from the store, and opening them: each writes its audit entries in the
same transaction."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from django.db import IntegrityError, transaction

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft, audit_record_many
from sightline.core import clock
from sightline.core.exceptions import Conflict
from sightline.core.locks import take_turn
from sightline.core.messages import publish
from sightline.core.scope import Scope
from sightline.households.data import DerivationSummary, HouseholdView
from sightline.households.derivation import Change, derive, plan
from sightline.households.messages import HouseholdsChanged
from sightline.households.models import Household, HouseholdMembership
from sightline.households.selectors import (
    household_history_list,
    household_membership_current_map,
)
from sightline.identity.data import RecordSide
from sightline.identity.selectors import membership_current_map
from sightline.records.schema.times import LONDON
from sightline.records.selectors import recorded_person_residence_facts, stated_cohabitation_list

if TYPE_CHECKING:
    from sightline.accounts.models import User


# Any constant will do: it names the advisory lock that makes derivations wait for each other.
_DERIVATION_LOCK_KEY = 0x486F_7573


def _one_at_a_time() -> None:
    """On PostgreSQL a second derivation waits here for the first to commit, then reads what
    it wrote. SQLite runs one write transaction at a time; should two still overlap, the
    unique (record, number) index refuses the later one's rows."""
    take_turn(_DERIVATION_LOCK_KEY)


@transaction.atomic
def households_derive(*, actor: User | None) -> DerivationSummary:
    """Work out again who lives with whom, and write only what changed: a membership row, with
    its audit entry, for each recorded person joining, leaving or changing role, and a household
    for each group newly formed. Run again with nothing changed, it writes nothing."""
    _one_at_a_time()
    since = clock.now()
    residences = list(recorded_person_residence_facts())
    linked = membership_current_map(ids=[f.recorded_person_id for f in residences])
    derivation = derive(
        on=since.astimezone(LONDON).date(),
        residences=residences,
        cohabitations=stated_cohabitation_list(),
        person_of={record: person for record, (_, person) in linked.items() if person},
    )
    changes = plan(derivation, household_membership_current_map())
    summary = DerivationSummary(
        recorded_persons=len(residences),
        households_formed=len(changes.formed),
        joined=sum(1 for c in changes.changes if c.joined),
        left=sum(1 for c in changes.changes if c.left),
        role_changed=sum(1 for c in changes.changes if c.role_changed),
    )
    if not changes.changes:
        return summary
    Household.objects.bulk_create([Household(id=h, formed_at=since) for h in changes.formed])
    rows = [_row(change, since) for change in changes.changes]
    try:
        with transaction.atomic():
            HouseholdMembership.objects.bulk_create(rows, batch_size=2_000)
    except IntegrityError:
        raise Conflict(
            "Households were being worked out by another process at the same time. "
            "Run it again when that has finished."
        ) from None
    agency_of = {f.recorded_person_id: f.agency_id for f in residences}
    audit_record_many(
        draft
        for row, change in zip(rows, changes.changes, strict=True)
        for draft in _drafts(actor, row, change, agency_of)
    )
    changed = dict.fromkeys(row.recorded_person_id for row in rows)
    publish(HouseholdsChanged(recorded_person_ids=tuple(changed)))
    return summary


def _row(change: Change, since: datetime) -> HouseholdMembership:
    return HouseholdMembership(
        id=uuid4(),
        recorded_person_id=change.recorded_person_id,
        number=change.number,
        household_id=change.household,
        since=since,
        effective_on=change.effective_on,
        role=change.role or "",
        basis=change.basis or "",
    )


def _drafts(
    actor: User | None,
    row: HouseholdMembership,
    change: Change,
    agency_of: Mapping[UUID, UUID],
) -> Iterator[AuditDraft]:
    """A move from one household to another is one row, and two entries: left, then joined."""

    def draft(action: AuditAction, payload: dict[str, object]) -> AuditDraft:
        return AuditDraft(
            action=action,
            subject=SubjectRef("households", "householdmembership", str(row.id)),
            actor_id=actor.pk if actor else None,
            agency_id=agency_of[change.recorded_person_id],
            recorded_person_id=change.recorded_person_id,
            payload={"membership_id": row.id, "number": row.number, **payload},
        )

    if change.left:
        yield draft(
            AuditAction.HOUSEHOLD_LEFT,
            {"household_id": change.previous_household, "next_household_id": change.household},
        )
    if change.joined:
        yield draft(
            AuditAction.HOUSEHOLD_JOINED,
            {
                "household_id": change.household,
                "previous_household_id": change.previous_household,
                "role": change.role,
                "basis": change.basis,
            },
        )
    if change.role_changed:
        yield draft(
            AuditAction.HOUSEHOLD_ROLE_CHANGED,
            {
                "household_id": change.household,
                "role": change.role,
                "previous_role": change.previous_role,
            },
        )


def _shown(view: HouseholdView) -> dict[UUID, RecordSide]:
    """The records whose details the view shows, once each."""
    members = [*view.members, *(entry.member for entry in view.history)]
    return {side.id: side for member in members for side in member.records if side.visible}


@transaction.atomic
def household_open(*, actor: User, scope: Scope, recorded_person_id: UUID) -> list[HouseholdView]:
    """The households one of the actor's agencies' records has been part of; every record shown
    in detail is audited as read."""
    views = household_history_list(scope=scope, recorded_person_id=recorded_person_id)
    audit_record_many(
        AuditDraft(
            action=AuditAction.HOUSEHOLD_VIEWED,
            subject=SubjectRef("households", "household", str(view.id)),
            actor_id=actor.pk,
            agency_id=side.agency_id,
            recorded_person_id=side.id,
            payload={"household_id": view.id},
        )
        for view in views
        for side in _shown(view).values()
    )
    return views
