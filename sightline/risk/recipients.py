"""Who a new signal reaches: the child's allocated worker and their manager, or, when nobody
holds the child, the front door of children's social care and its manager. Pure Python, so
that live routing and replay choose in the same way; each resolves an addressee to people its
own way (users of the agency's roles live, a description in replay)."""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Basis(StrEnum):
    ALLOCATED_WORKER = "allocated_worker"
    ALLOCATING_MANAGER = "allocating_manager"  # the allocated worker's team manager
    FRONT_DOOR = "front_door"  # MASH: children's social care's front door
    FRONT_DOOR_MANAGER = "front_door_manager"


ALLOCATED_WORKER = Basis.ALLOCATED_WORKER
ALLOCATING_MANAGER = Basis.ALLOCATING_MANAGER
FRONT_DOOR = Basis.FRONT_DOOR
FRONT_DOOR_MANAGER = Basis.FRONT_DOOR_MANAGER


@dataclass(frozen=True)
class Allocation:
    """A worker allocation open on the day: which agency allocated the child, and to whom."""

    agency: str  # the agency's id or code
    agency_name: str
    worker: str = ""  # the worker's Sightline username or id, when known
    worker_name: str = ""  # the worker's name as recorded


@dataclass(frozen=True)
class FrontDoor:
    """Children's social care for the child: whose front door a signal goes to."""

    agency: str  # the agency's id or code; "" when none is known
    agency_name: str


@dataclass(frozen=True)
class Addressee:
    basis: Basis
    description: str  # as a person reads it: "Sam Patel (allocated worker, …)"
    agency: str  # the agency's id or code, "" when none is known
    worker: str = ""  # for the allocated worker: their username or id, when known


def addressees(allocations: Sequence[Allocation], front_door: FrontDoor | None) -> list[Addressee]:
    """Every allocated worker open on the day, then each allocating agency's manager once; with
    no allocation, the front door and its manager (nobody, when there is no front door)."""
    if not allocations:
        if front_door is None:
            return []
        where = front_door.agency_name or "children's social care"
        return [
            Addressee(Basis.FRONT_DOOR, f"MASH / front door of {where}", front_door.agency),
            Addressee(
                Basis.FRONT_DOOR_MANAGER, f"manager of the front door of {where}", front_door.agency
            ),
        ]
    found: list[Addressee] = []
    for allocation in allocations:
        who = allocation.worker_name or allocation.worker or "the allocated worker"
        found.append(
            Addressee(
                Basis.ALLOCATED_WORKER,
                f"{who} (allocated worker, {allocation.agency_name})",
                allocation.agency,
                allocation.worker,
            )
        )
    for agency in dict.fromkeys((a.agency, a.agency_name) for a in allocations):
        found.append(Addressee(Basis.ALLOCATING_MANAGER, f"manager of {agency[1]}", agency[0]))
    return found
