"""Reads of households: the memberships stored, and a household's history as one viewer may see it.

A viewer reaches a household only through one of their own agencies' records. What they see of
each member is what identity.policy lets them see of that member's records: the details of their
own agencies' records, the holding agency of the others, and nothing of another agency's
confidential or shielded record. A member all of whose records are hidden so is left out of the
household's members and of its history, so a household never reveals a record the viewer could
not know of. Once the viewer's record has left a household, they see its history up to then.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sightline.core.exceptions import NotFound
from sightline.core.scope import Scope
from sightline.core.sql import columns, subqueries_first, typed_rows_for
from sightline.households.data import (
    Basis,
    Happening,
    HistoryEntry,
    HouseholdView,
    MemberView,
    Role,
)
from sightline.households.derivation import Current
from sightline.households.models import Household, HouseholdMembership
from sightline.identity import policy
from sightline.identity.data import RecordSide
from sightline.identity.selectors import (
    membership_current_map,
    record_access_map,
    record_sides_known,
)

_ROW_FIELDS = (
    "recorded_person_id",
    "number",
    "household_id",
    "since",
    "effective_on",
    "role",
    "basis",
)
_ROLE_ORDER = {Role.ADULT: 0, Role.UNKNOWN: 1, Role.CHILD: 2}


def household_membership_current_map() -> dict[UUID, Current]:
    """Every recorded person's latest membership row (those never in a household are left
    out): what derivation compares its answer with. Ids and codes only."""
    current: dict[UUID, Current] = {}
    rows = HouseholdMembership.objects.values_list(
        "recorded_person_id", "number", "household_id", "role", "effective_on"
    )
    for record_id, number, household_id, role, effective in rows.iterator(chunk_size=5_000):
        if record_id not in current or current[record_id].number < number:
            current[record_id] = Current(
                number, household_id, Role(role) if role else None, effective
            )
    return current


def _latest_rows(ids: Iterable[UUID], as_of: datetime | None) -> dict[UUID, tuple[int, Any]]:
    """recorded person → (number, its latest membership row's household and role), as of."""
    rows = HouseholdMembership.objects.filter(recorded_person_id__in=list(ids))
    if as_of is not None:
        rows = rows.filter(since__lte=as_of)
    latest: dict[UUID, tuple[int, Any]] = {}
    for record_id, number, household_id, role in rows.values_list(
        "recorded_person_id", "number", "household_id", "role"
    ):
        if record_id not in latest or latest[record_id][0] < number:
            latest[record_id] = (number, (household_id, role))
    return latest


def household_member_map(
    *, recorded_person_ids: Iterable[UUID], as_of: datetime | None = None
) -> dict[UUID, str]:
    """The members of the households these recorded persons live in (now, or at `as_of`),
    themselves included: recorded person → role in the household. Unscoped ids and codes, for
    the chronology, which applies the access policy."""
    households = {
        household_id
        for _, (household_id, _) in _latest_rows(recorded_person_ids, as_of).values()
        if household_id is not None
    }
    ever = HouseholdMembership.objects.filter(household_id__in=households)
    if as_of is not None:
        ever = ever.filter(since__lte=as_of)
    candidates = set(ever.values_list("recorded_person_id", flat=True))
    return {
        record_id: role
        for record_id, (_, (household_id, role)) in _latest_rows(candidates, as_of).items()
        if household_id in households
    }


# Every membership row of every record that has ever been in a household with one of `{ids}`.
_HOMES_SQL = """
    SELECT recorded_person_id, number, household_id, role FROM households_householdmembership
    WHERE recorded_person_id {IN}
        SELECT recorded_person_id FROM households_householdmembership WHERE household_id {IN}
            SELECT household_id FROM households_householdmembership
            WHERE recorded_person_id IN ({ids})
        {END}
    {END}
"""


@dataclass(frozen=True)
class Homes:
    """Where recorded persons live now, and who lives with them."""

    of: dict[UUID, tuple[UUID, str]]  # recorded person → (its household, its role there)
    members: dict[UUID, dict[UUID, str]]  # household → {recorded person: role}


def household_homes_get(*, recorded_person_ids: Iterable[UUID]) -> Homes:
    """The households these recorded persons live in now, with every member of each now. One
    query for each 2,000 records, for Sightline's own work over many records at once (risk
    evaluation). Unscoped ids and codes."""
    asked = set(recorded_person_ids)
    fields = columns(HouseholdMembership, "recorded_person", "number", "household", "role")
    rows = typed_rows_for(subqueries_first(_HOMES_SQL), asked, fields)
    latest: dict[UUID, tuple[int, UUID | None, str]] = {}
    for record, number, household, role in rows:
        if record not in latest or latest[record][0] < number:
            latest[record] = (number, household, role)
    members: dict[UUID, dict[UUID, str]] = defaultdict(dict)
    for record, (_, household, role) in latest.items():
        if household is not None:
            members[household][record] = role
    of = {}
    for record in asked:
        _, household, role = latest.get(record, (0, None, ""))
        if household is not None:
            of[record] = (household, role)
    return Homes(of=of, members={h: members[h] for h in {h for h, _ in of.values()}})


def _require_own_record(scope: Scope, recorded_person_id: UUID) -> None:
    access = record_access_map(ids=[recorded_person_id]).get(recorded_person_id)
    if access is None or not policy.may_see(scope.agency_ids, access):
        raise NotFound("There is no such person record.")


def _stints(recorded_person_id: UUID) -> dict[UUID, datetime | None]:
    """Each household the record has been part of → when it last left it (None: it is still
    there), the latest first."""
    rows: list[tuple[UUID | None, datetime]] = list(
        HouseholdMembership.objects.filter(recorded_person_id=recorded_person_id)
        .order_by("number")
        .values_list("household_id", "since")
    )
    left: dict[UUID, datetime | None] = {}
    for index, (household_id, _) in enumerate(rows):
        if household_id is not None:
            later = (since for other, since in rows[index + 1 :] if other != household_id)
            left.pop(household_id, None)  # rejoined: it moves to the end, as the latest
            left[household_id] = next(later, None)
    return dict(reversed(left.items()))


def household_history_list(*, scope: Scope, recorded_person_id: UUID) -> list[HouseholdView]:
    """The households one of the viewer's records has been part of, the latest first, each as
    far as the viewer may see it; NotFound unless the viewer's agencies hold the record."""
    _require_own_record(scope, recorded_person_id)
    return [
        _household_view(scope, household_id, until)
        for household_id, until in _stints(recorded_person_id).items()
    ]


def household_adults_list(*, scope: Scope, recorded_person_id: UUID) -> list[MemberView]:
    """The adults (and the members whose age is not known) who live in the same household as
    one of the viewer's records now, each with their records across agencies as far as the
    viewer may know of them; empty when the record is in no household."""
    _require_own_record(scope, recorded_person_id)
    for household_id, until in _stints(recorded_person_id).items():
        if until is None:
            view = _household_view(scope, household_id, None)
            return [m for m in view.adults if recorded_person_id not in {s.id for s in m.records}]
    return []


# ---------------------------------------------------------------------------- one household


def _rows_of(household_id: UUID, until: datetime | None) -> list[dict[str, Any]]:
    """The rows that name the household and the row after each (which ends it), oldest first;
    with `until`, only those written by then."""
    records = set(
        HouseholdMembership.objects.filter(household_id=household_id).values_list(
            "recorded_person_id", flat=True
        )
    )
    every = HouseholdMembership.objects.filter(recorded_person_id__in=records).values(*_ROW_FIELDS)
    numbered = {(row["recorded_person_id"], row["number"]): row for row in every}
    wanted = [
        row
        for (record_id, number), row in numbered.items()
        if row["household_id"] == household_id
        or numbered.get((record_id, number - 1), {}).get("household_id") == household_id
    ]
    if until is not None:
        wanted = [row for row in wanted if row["since"] <= until]
    return sorted(wanted, key=lambda r: (r["since"], r["number"], str(r["recorded_person_id"])))


@dataclass
class _Member:
    """One person's state while reading a household's rows in order."""

    records: set[UUID] = field(default_factory=set)  # theirs in the household now
    ever: set[UUID] = field(default_factory=set)
    role: Role = Role.UNKNOWN
    basis: Basis = Basis.SHARED_ADDRESS
    joined_on: date | None = None


@dataclass(frozen=True)
class _Happened:
    happening: Happening
    person: UUID
    row: dict[str, Any]


def _read(
    household_id: UUID, rows: list[dict[str, Any]], person_of: dict[UUID, UUID]
) -> tuple[dict[UUID, _Member], list[_Happened]]:
    """Record rows → what happened to persons: a person joins when the first of their records
    does, leaves when the last one does, and changes role once however many records say so."""
    members: dict[UUID, _Member] = defaultdict(_Member)
    happened: list[_Happened] = []
    for row in rows:
        record_id, person = row["recorded_person_id"], person_of[row["recorded_person_id"]]
        member = members[person]
        if row["household_id"] != household_id:
            if record_id in member.records:
                member.records.discard(record_id)
                if not member.records:
                    happened.append(_Happened(Happening.LEFT, person, row))
            continue
        role = Role(row["role"])
        if not member.records:
            happened.append(_Happened(Happening.JOINED, person, row))
            member.basis, member.joined_on = Basis(row["basis"]), row["effective_on"]
        elif record_id in member.records and role != member.role:
            happened.append(_Happened(Happening.ROLE_CHANGED, person, row))
        member.role = role
        member.records.add(record_id)
        member.ever.add(record_id)
    return members, happened


def _sides(records: Iterable[UUID], known: dict[UUID, RecordSide]) -> tuple[RecordSide, ...]:
    shown = [known[r] for r in records if r in known]
    shown.sort(key=lambda s: (not s.visible, s.agency_name, s.family_name, s.given_name, s.id))
    return tuple(shown)


def _household_view(scope: Scope, household_id: UUID, until: datetime | None) -> HouseholdView:
    household = Household.objects.get(id=household_id)
    rows = _rows_of(household_id, until)
    records = {row["recorded_person_id"] for row in rows}
    known = record_sides_known(scope=scope, ids=records)
    rows = [row for row in rows if row["recorded_person_id"] in known]
    linked = membership_current_map(ids=known)
    person_of = {r: (linked.get(r, (0, None))[1] or r) for r in known}
    members, happened = _read(household_id, rows, person_of)
    views = {
        person: MemberView(
            key=person,
            records=_sides(state.records or state.ever, known),
            role=state.role,
            basis=state.basis,
            joined_on=state.joined_on,
        )
        for person, state in members.items()
    }
    now = [views[p] for p, state in members.items() if state.records]
    now.sort(key=lambda m: (_ROLE_ORDER[m.role], m.joined_on or date.min, m.name, m.key))
    return HouseholdView(
        id=household.id,
        formed_at=household.formed_at,
        current=until is None,
        members=tuple(now),
        history=tuple(sorted((_entry(h, views[h.person]) for h in happened), key=_when)),
    )


def _when(entry: HistoryEntry) -> tuple[date, datetime]:
    """In the order things happened, as the records date them; undated ones when found."""
    return (entry.on or entry.derived_at.date(), entry.derived_at)


def _entry(happened: _Happened, member: MemberView) -> HistoryEntry:
    row = happened.row
    joining = happened.happening == Happening.JOINED
    return HistoryEntry(
        happening=happened.happening,
        member=member,
        on=row["effective_on"],
        derived_at=row["since"],
        role=Role(row["role"]) if happened.happening != Happening.LEFT else None,
        basis=Basis(row["basis"]) if joining else None,
    )
