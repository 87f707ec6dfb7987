"""Moving recorded persons between persons: the one place membership rows are written.

Used inside the services' transactions (runs and decisions), never on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.services import AuditDraft
from sightline.core.messages import publish
from sightline.identity.data import MembershipCause
from sightline.identity.messages import RecordsRelinked
from sightline.identity.models import Person, PersonMembership
from sightline.identity.policy import RecordAccess

if TYPE_CHECKING:
    from sightline.accounts.models import User

Current = dict[UUID, tuple[int, UUID | None]]


@dataclass
class MembershipWriter:
    """Collects membership changes and new persons; writes them, with their audit entries,
    in one go. `current` is each record's (number, person) and is kept up to date as records
    move, so a later move in the same operation numbers on from it."""

    since: datetime
    current: Current
    run_id: UUID | None = None
    decision_id: int | None = None
    rows: list[PersonMembership] = field(default_factory=list)
    new_persons: list[Person] = field(default_factory=list)
    _previous: dict[UUID, UUID | None] = field(default_factory=dict)

    def new_person(self) -> UUID:
        person = Person(id=uuid4(), created_at=self.since)
        self.new_persons.append(person)
        return person.id

    def _oldest_first(self, persons: Iterable[UUID]) -> list[UUID]:
        created = dict(Person.objects.filter(id__in=persons).values_list("id", "created_at"))
        fresh = {p.id: p.created_at for p in self.new_persons}
        return sorted(persons, key=lambda p: (created.get(p) or fresh[p], str(p)))

    def person_of(self, record_id: UUID) -> UUID | None:
        return self.current.get(record_id, (0, None))[1]

    def move(
        self,
        record_id: UUID,
        person_id: UUID | None,
        cause: MembershipCause,
        decision_id: int | None = None,
    ) -> None:
        number, previous = self.current.get(record_id, (0, None))
        if previous == person_id:
            return
        row = PersonMembership(
            recorded_person_id=record_id,
            number=number + 1,
            person_id=person_id,
            since=self.since,
            cause=cause,
            run_id=self.run_id,
            decision_id=decision_id or self.decision_id,
        )
        self.current[record_id] = (number + 1, person_id)
        self._previous[row.id] = previous
        self.rows.append(row)

    def place(self, group: Iterable[UUID], *, cause_for_new: MembershipCause) -> None:
        """Make one person of a group of records. The group keeps the person that most of its
        records are already part of (the oldest, if two have as many); records of any other
        person are merged into it."""
        members = list(group)
        sizes: dict[UUID, int] = {}
        for record_id in members:
            person = self.person_of(record_id)
            if person is not None:
                sizes[person] = sizes.get(person, 0) + 1
        if sizes:
            largest = max(sizes.values())
            keep = self._oldest_first([p for p, n in sizes.items() if n == largest])[0]
        else:
            keep = self.new_person()
        for record_id in sorted(members):
            had = self.person_of(record_id)
            self.move(record_id, keep, MembershipCause.MERGED if had else cause_for_new)

    def separate(
        self, person_id: UUID, groups: list[frozenset[UUID]], cause: MembershipCause
    ) -> None:
        """Divide a person's records into these groups: the largest group keeps the person
        (between equals, the one holding the lowest record id, so that the answer does not
        depend on the order groups were found in), every other group of two or more becomes a
        new person, and a record left on its own is part of no person."""
        ordered = sorted(groups, key=lambda g: (-len(g), min(str(r) for r in g)))
        for record_id in ordered[0]:
            self.move(record_id, person_id, cause)
        for group in ordered[1:]:
            target = self.new_person() if len(group) > 1 else None
            for record_id in sorted(group):
                self.move(record_id, target, cause)

    def write(self, *, actor: User | None, access: Mapping[UUID, RecordAccess]) -> list[AuditDraft]:
        """Insert the new persons and memberships; return their audit drafts. Those whose
        records moved are told after the commit."""
        Person.objects.bulk_create(self.new_persons)
        PersonMembership.objects.bulk_create(self.rows)
        if self.rows:
            moved = dict.fromkeys(row.recorded_person_id for row in self.rows)
            publish(RecordsRelinked(recorded_person_ids=tuple(moved)))
        return [
            AuditDraft(
                action=AuditAction.PERSON_MEMBERSHIP_CHANGED,
                subject=SubjectRef("identity", "personmembership", str(row.id)),
                actor_id=actor.pk if actor else None,
                agency_id=access[row.recorded_person_id].agency_id,
                recorded_person_id=row.recorded_person_id,
                payload={
                    "membership_id": row.id,
                    "number": row.number,
                    "person_id": _text(row.person_id),
                    "previous_person_id": _text(self._previous[row.id]),
                    "cause": row.cause,
                    "run_id": _text(row.run_id),
                    "decision_id": row.decision_id,
                },
            )
            for row in self.rows
        ]


def _text(value: UUID | None) -> str | None:
    return str(value) if value is not None else None
