"""Deriving households in the store: rows written only for changes, each with its audit entry."""

from datetime import date, datetime, timedelta

import pytest

from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.core import clock
from sightline.households import services
from sightline.households.data import Basis, Role
from sightline.households.models import Household, HouseholdMembership
from sightline.households.services import households_derive
from tests.households.conftest import TODAY
from tests.households.factories import (
    BIRCH_CLOSE,
    ELM_ROAD,
    REFUGE,
    home,
    lives_with,
    move,
    person,
)
from tests.identity.factories import apply_run, scored

pytestmark = pytest.mark.django_db

CHILD = {"given_name": "Daniel", "date_of_birth": "2016-04-02"}
ADULT = {"given_name": "Magdalena", "date_of_birth": "1988-02-01", "sex": "F"}


def rows_of(record):
    return list(HouseholdMembership.objects.filter(recorded_person_id=record).order_by("number"))


def household_entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


@pytest.fixture
def family(dsl, school, officer, police):
    """A child at school and an adult known to the police, both at 12 Elm Road."""
    child, child_ref = person(dsl, school, ELM_ROAD, **CHILD)
    adult, adult_ref = person(officer, police, ELM_ROAD, **ADULT)
    return child, adult, child_ref, adult_ref


def test_two_agencies_people_at_one_address_become_a_household(dsl, school, police, family):
    child, adult, *_ = family
    summary = households_derive(actor=dsl)
    assert (summary.households_formed, summary.joined, summary.left) == (1, 2, 0)
    (child_row,), (adult_row,) = rows_of(child), rows_of(adult)
    assert child_row.household_id == adult_row.household_id == Household.objects.get().id
    assert (child_row.number, child_row.role, child_row.basis) == (
        1,
        Role.CHILD,
        Basis.SHARED_ADDRESS,
    )
    assert adult_row.role == Role.ADULT
    assert child_row.effective_on == date(2020, 1, 1)
    assert child_row.since == TODAY


def test_each_joining_record_has_its_audit_entry_naming_its_agency(dsl, school, police, family):
    child, adult, *_ = family
    households_derive(actor=dsl)
    entries = {e.recorded_person_id: e for e in household_entries(AuditAction.HOUSEHOLD_JOINED)}
    assert set(entries) == {child, adult}
    assert entries[adult].agency_id == police.id and entries[child].agency_id == school.id
    assert entries[adult].actor_id == dsl.pk
    household = str(Household.objects.get().id)
    assert entries[child].payload == {
        "membership_id": str(rows_of(child)[0].id),
        "number": 1,
        "household_id": household,
        "previous_household_id": None,
        "role": "child",
        "basis": "shared_address",
    }


def test_deriving_again_with_nothing_changed_writes_nothing(dsl, family):
    households_derive(actor=dsl)
    rows, entries = HouseholdMembership.objects.count(), AuditEntry.objects.count()
    summary = households_derive(actor=dsl)
    assert not summary.changed
    assert (HouseholdMembership.objects.count(), AuditEntry.objects.count()) == (rows, entries)


def test_moving_away_is_a_new_row_that_leaves_dated_by_the_new_address(
    dsl, school, officer, family
):
    child, adult, _, adult_ref = family
    partner, _ = person(dsl, school, ELM_ROAD, **ADULT)
    households_derive(actor=dsl)
    household = rows_of(child)[0].household_id
    move(officer, adult, adult_ref, home(end="2025-09-01"), BIRCH_CLOSE, **ADULT)
    summary = households_derive(actor=officer)
    assert (summary.joined, summary.left) == (0, 1)
    first, second = rows_of(adult)
    assert (second.number, second.household_id, second.role) == (2, None, "")
    assert second.effective_on == date(2025, 9, 1)
    assert rows_of(child)[-1].household_id == rows_of(partner)[-1].household_id == household
    (entry,) = household_entries(AuditAction.HOUSEHOLD_LEFT)
    assert entry.recorded_person_id == adult and entry.actor_id == officer.pk
    assert entry.payload["household_id"] == str(household)
    assert entry.payload["next_household_id"] is None


def test_twins_a_sibling_and_their_mother_are_one_household_across_agencies(
    dsl, school, gp_lead, gp, linkage_model
):
    twin_a, _ = person(dsl, school, ELM_ROAD, given_name="Ada", date_of_birth="2016-04-02")
    twin_b, _ = person(dsl, school, ELM_ROAD, given_name="Ben", date_of_birth="2016-04-02")
    sibling, _ = person(dsl, school, ELM_ROAD, given_name="Cy", date_of_birth="2012-09-30")
    mother, _ = person(gp_lead, gp, ELM_ROAD, **ADULT)
    # The GP's record of Ada holds no address: it is in the household through her person.
    twin_a_at_gp, _ = person(gp_lead, gp, given_name="Ada", date_of_birth="2016-04-02")
    apply_run(scored(twin_a, twin_a_at_gp, 15.0))
    summary = households_derive(actor=None)
    assert (summary.households_formed, summary.joined) == (1, 5)
    records = (twin_a, twin_b, sibling, mother, twin_a_at_gp)
    assert len({rows_of(r)[0].household_id for r in records}) == 1
    assert [rows_of(r)[0].role for r in records] == ["child", "child", "child", "adult", "child"]


def test_a_refuge_address_never_puts_anyone_in_a_household(
    dsl, school, refuge, refuge_worker, officer, police
):
    person(refuge_worker, refuge, REFUGE, **ADULT)
    person(officer, police, home("1 Haven Street", "CV4 4DD", start="2026-03-01"), **ADULT)
    assert households_derive(actor=None).households_formed == 0
    assert not HouseholdMembership.objects.exists()


def test_fleeing_to_a_refuge_takes_her_out_of_the_household_without_saying_where_or_when(
    dsl, school, officer, police, refuge, refuge_worker, linkage_model, family
):
    child, adult, *_ = family
    father, _ = person(officer, police, ELM_ROAD, given_name="Mark", date_of_birth="1985-03-03")
    households_derive(actor=None)
    at_refuge, _ = person(refuge_worker, refuge, REFUGE, **ADULT)
    apply_run(scored(adult, at_refuge, 15.0))
    households_derive(actor=None)
    left = rows_of(adult)[-1]
    assert (left.number, left.household_id, left.effective_on) == (2, None, None)
    assert rows_of(at_refuge) == []  # never part of a household
    assert rows_of(child)[-1].household_id == rows_of(father)[-1].household_id is not None


def test_a_stated_relationship_ties_a_mother_with_no_address(dsl, school):
    child, child_ref = person(dsl, school, ELM_ROAD, **CHILD)
    mother, mother_ref = person(dsl, school, **ADULT)
    lives_with(dsl, school, child_ref, mother_ref, relationship="mother")
    households_derive(actor=None)
    assert rows_of(mother)[0].basis == Basis.STATED_RELATIONSHIP
    assert rows_of(mother)[0].effective_on == date(2021, 1, 1)
    assert rows_of(child)[0].household_id == rows_of(mother)[0].household_id


def test_a_parent_recorded_as_not_living_with_the_child_is_not_household(dsl, dsl_scope, school):
    child, child_ref = person(dsl, school, ELM_ROAD, **CHILD)
    _, father_ref = person(dsl, school, **ADULT)
    lives_with(
        dsl,
        school,
        child_ref,
        father_ref,
        relationship="father",
        details={"relationship": "father", "lives_with": False},
    )
    assert households_derive(actor=None).households_formed == 0


def test_an_eighteenth_birthday_is_an_audited_role_change(dsl, school, monkeypatch, family):
    _, adult, *_ = family
    son, _ = person(dsl, school, ELM_ROAD, given_name="Tom", date_of_birth="2008-06-15")
    households_derive(actor=None)
    assert rows_of(son)[0].role == Role.CHILD
    monkeypatch.setattr(clock, "now", lambda: TODAY + timedelta(days=30))
    summary = households_derive(actor=None)
    assert (summary.role_changed, summary.joined, summary.left) == (1, 0, 0)
    second = rows_of(son)[-1]
    assert (second.number, second.role, second.effective_on) == (2, Role.ADULT, date(2026, 6, 15))
    assert second.household_id == rows_of(adult)[0].household_id
    (entry,) = household_entries(AuditAction.HOUSEHOLD_ROLE_CHANGED)
    assert (entry.payload["role"], entry.payload["previous_role"]) == ("adult", "child")


def test_rows_and_their_audit_entries_are_written_together_or_not_at_all(monkeypatch, family):
    def failing(drafts):
        list(drafts)
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(services, "audit_record_many", failing)
    with pytest.raises(RuntimeError):
        households_derive(actor=None)
    assert not HouseholdMembership.objects.exists()
    assert not Household.objects.exists()


def test_the_day_of_derivation_is_the_uk_date(dsl, school, monkeypatch, family):
    # 23:30 UTC on 31 August is already 1 September in London (BST): an address starting on
    # 1 September is current.
    child, *_ = family
    newcomer, _ = person(dsl, school, home(start="2026-09-01"), **ADULT)
    late = datetime(2026, 8, 31, 23, 30, tzinfo=TODAY.tzinfo)
    monkeypatch.setattr(clock, "now", lambda: late)
    households_derive(actor=None)
    assert rows_of(newcomer)[0].household_id == rows_of(child)[0].household_id
