"""Who takes part in the demo's oversight picture: the children's social care agency with its
demo practitioner, manager and senior manager, and the children the work is about, chosen by
the demo's seed among those with an unanswered risk signal whose record the agency holds."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from sightline.accounts.selectors import user_get_by_username
from sightline.agencies.data import AgencyKind, Role
from sightline.agencies.selectors import agency_list, scope_for_user
from sightline.assessments.selectors import earlier_closure_on
from sightline.identity.selectors import record_access_map, record_sides_known
from sightline.risk.selectors import child_groups, signal_unanswered_list

if TYPE_CHECKING:
    from sightline.accounts.models import User
    from sightline.agencies.models import Agency

# Read every unanswered signal (a demo population raises a few hundred at most).
SIGNALS_READ = 100_000
# Old enough to be seen alone and to say something in their own words.
SPEAKING_AGE = 5


@dataclass(frozen=True)
class Team:
    """The children's social care agency and its demo practitioner, manager and senior manager."""

    agency: Agency
    practitioner: User
    manager: User
    senior_manager: User


@dataclass(frozen=True)
class Child:
    record_id: UUID  # the agency's own record of the child
    linked: frozenset[UUID]  # every record linked with it, across agencies
    name: str
    born: date | None
    rules: tuple[str, ...]  # the rules behind the child's unanswered signals, by id
    titles: tuple[str, ...]  # and their titles, in the same order

    def age_on(self, day: date) -> int:
        return (day - self.born).days // 365 if self.born else 0


def team_get() -> Team | None:
    """The first children's social care agency (by code) with its demo users; None if none."""
    agencies = [a for a in agency_list() if a.kind == AgencyKind.CHILDRENS_SOCIAL_CARE]
    for agency in sorted(agencies, key=lambda a: a.code):
        roles = (Role.PRACTITIONER, Role.MANAGER, Role.SENIOR_MANAGER)
        users = [user_get_by_username(username=f"{agency.code}.{role}") for role in roles]
        if all(users):
            return Team(agency, *users)  # type: ignore[arg-type]
    return None


def _unanswered_rules() -> dict[UUID, dict[str, str]]:
    """Record a signal was raised for → its unanswered signals' rules and titles."""
    agency_ids = [agency.id for agency in agency_list()]
    rules: dict[UUID, dict[str, str]] = defaultdict(dict)
    for signal in signal_unanswered_list(agency_ids=agency_ids, limit=SIGNALS_READ):
        rules[signal.child_id][signal.rule_id] = signal.title
    return rules


def children_with_signals(team: Team) -> list[Child]:
    """Children with an unanswered signal whose record the agency holds, in an order that
    depends only on the population (names and dates of birth), not on generated ids."""
    rules = _unanswered_rules()
    groups = child_groups(rules)
    held = record_access_map(ids=set().union(*groups)) if groups else {}
    own: dict[UUID, frozenset[UUID]] = {}
    for group in groups:
        records = sorted(r for r in group if r in held and held[r].agency_id == team.agency.id)
        if records:
            own[records[0]] = group
    sides = record_sides_known(scope=scope_for_user(user_id=team.manager.pk), ids=own)
    children = []
    for record, group in own.items():
        found = {rule: title for r in group for rule, title in rules.get(r, {}).items()}
        ids = tuple(sorted(found))
        side = sides[record]
        titles = tuple(found[rule] for rule in ids)
        children.append(Child(record, group, side.full_name, side.date_of_birth, ids, titles))
    return sorted(children, key=lambda c: (c.name, c.born or date.min, c.rules))


def _no_recent_closure(child: Child, today: date) -> bool:
    # No assessment of the child has been started here yet, so there is none to leave out.
    nothing = UUID(int=0)
    return earlier_closure_on(child_id=child.record_id, closing_on=today, excluding=nothing) is None


def cast(children: list[Child], seed: int, today: date) -> dict[str, Child]:
    """A different child for each part of the picture: "closed" (with no closure with no
    further action within the year yet, so that the first one here takes effect), "assessed"
    (old enough to speak for themselves, if any child is) and "discussed". Fewer parts when
    there are fewer children."""
    order = list(children)
    random.Random(f"demo-oversight:{seed}").shuffle(order)  # noqa: S311 (a choice, not a secret)
    wanted: list[tuple[str, Callable[[Child], bool]]] = [
        ("closed", lambda c: _no_recent_closure(c, today)),
        ("assessed", lambda c: c.age_on(today) >= SPEAKING_AGE),
        ("assessed", lambda c: True),  # a younger child, when no child is old enough
        ("discussed", lambda c: True),
    ]
    chosen: dict[str, Child] = {}
    for part, fits in wanted:
        left = [c for c in order if c not in chosen.values()]
        if part not in chosen and (child := next(filter(fits, left), None)) is not None:
            chosen[part] = child
    return chosen
