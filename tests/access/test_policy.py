"""The access policy against the reviewed table, docs/access-matrix.csv: every role, every
relationship, every kind of entry and every action."""

from uuid import uuid4

from sightline.access.policy import About, Action, Basis, ChildTies, Post, Viewer, bases, decide
from tests.access.matrix import (
    ABOUT,
    ACTIONS,
    ENTRY_FROM,
    RELATIONSHIPS,
    ROLES,
    SENSITIVITIES,
    Case,
    expected,
    world,
)


def outcome(case: Case) -> str:
    w = world(case.role, case.relationship)
    entry_agency = w.own_agency if case.entry_from == "own_agency" else uuid4()
    return decide(
        w.viewer,
        w.ties,
        Action(case.action),
        entry_agency_id=entry_agency,
        sensitivity=case.sensitivity,
        about=About(case.about),
    ).value


def test_every_case_in_the_table_is_decided_as_it_says():
    # The whole product, not a sample: 8 roles x 10 relationships x 4 actions x 2 x 2 x 3.
    wrong = [
        case
        for role in ROLES
        for relationship in RELATIONSHIPS
        for action in ACTIONS
        for entry_from in ENTRY_FROM
        for about in ABOUT
        for sensitivity in SENSITIVITIES
        if outcome(case := Case(role, relationship, action, entry_from, about, sensitivity))
        != expected(case)
    ]
    assert wrong == []


def test_a_relationship_with_another_agency_gives_nothing():
    school, other_school = uuid4(), uuid4()
    dsl = Viewer(1, frozenset({Post(school, "school", "dsl")}))
    elsewhere = ChildTies(services=frozenset({("school_enrolment", other_school)}))
    assert bases(dsl, elsewhere) == frozenset()
    here = ChildTies(services=frozenset({("school_enrolment", school)}))
    assert bases(dsl, here) == {Basis.SCHOOL_DSL}


def test_a_gp_registration_gives_nothing_to_a_school_of_the_same_id():
    # The relationship kind and the agency kind must agree.
    agency = uuid4()
    teacher = Viewer(1, frozenset({Post(agency, "school", "dsl")}))
    assert bases(teacher, ChildTies(services=frozenset({("gp_registration", agency)}))) == set()
