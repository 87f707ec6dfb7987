"""docs/access-matrix.csv, the reviewed table of access outcomes, read as its header says: the
first row that matches a case gives the outcome ("*" matches anything). The tests compare the
policy, and the pages, with this table rather than with the policy's own code."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from uuid import UUID, uuid4

from sightline.access.policy import About, Action, ChildTies, Post, Viewer
from sightline.agencies.data import Role

MATRIX = Path(__file__).resolve().parents[2] / "docs" / "access-matrix.csv"
ROLES = tuple(role.value for role in Role)
# Each relationship the table names, as the kind of agency the viewer works in.
RELATIONSHIPS = {
    "none": "hospital",
    "allocated_worker": "childrens_social_care",
    "allocating_agency": "childrens_social_care",
    "school_enrolment": "school",
    "gp_registration": "gp",
    "health_visiting_caseload": "health_visiting",
    "school_nursing_caseload": "school_nursing",
    "open_contact": "childrens_social_care",
    "household_incident": "police",
    "break_glass": "hospital",
}
ENTRY_FROM = ("own_agency", "other_agency")
SENSITIVITIES = ("standard", "sensitive", "restricted")


@dataclass(frozen=True)
class Case:
    role: str
    relationship: str
    action: str
    entry_from: str = "other_agency"
    about: str = "child"
    sensitivity: str = "standard"


@cache
def rows() -> list[dict[str, str]]:
    with open(MATRIX, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def expected(case: Case) -> str:
    for row in rows():
        if all(row[key] in ("*", getattr(case, key)) for key in _KEYS):
            return row["outcome"]
    raise AssertionError(f"docs/access-matrix.csv has no row for {case}")


_KEYS = ("role", "relationship", "action", "entry_from", "about", "sensitivity")


@dataclass(frozen=True)
class World:
    """A viewer and a child tied to each other by one relationship."""

    viewer: Viewer
    ties: ChildTies
    own_agency: UUID


def world(role: str, relationship: str, user_id: int = 7) -> World:
    agency = uuid4()
    viewer = Viewer(user_id, frozenset({Post(agency, RELATIONSHIPS[relationship], role)}))
    service = {
        kind: frozenset({(kind, agency)})
        for kind in (
            "school_enrolment",
            "gp_registration",
            "health_visiting_caseload",
            "school_nursing_caseload",
        )
    }
    ties = {
        "none": ChildTies(),
        "allocated_worker": ChildTies(allocations=frozenset({(user_id, agency)})),
        "allocating_agency": ChildTies(allocations=frozenset({(user_id + 1, agency)})),
        "open_contact": ChildTies(open_contacts=frozenset({agency})),
        "household_incident": ChildTies(household_incidents=frozenset({agency})),
        "break_glass": ChildTies(break_glass=True),
    }.get(relationship) or ChildTies(services=service[relationship])
    return World(viewer, ties, agency)


ACTIONS = tuple(action.value for action in Action)
ABOUT = tuple(about.value for about in About)
