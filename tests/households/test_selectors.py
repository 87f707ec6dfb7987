"""A household's history and its adults, as each viewer may see them."""

from datetime import date, timedelta

import pytest

from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.core import clock
from sightline.core.exceptions import NotFound
from sightline.households.data import Basis, Happening, Role
from sightline.households.selectors import household_adults_list, household_history_list
from sightline.households.services import household_open, households_derive
from tests.households.factories import BIRCH_CLOSE, ELM_ROAD, home, move, person
from tests.identity.factories import apply_run, scored

pytestmark = pytest.mark.django_db

MOTHER = {"given_name": "Magdalena", "date_of_birth": "1988-02-01", "sex": "F"}
PARTNER = {"given_name": "Mark", "family_name": "Kowalski", "date_of_birth": "1984-11-05"}


@pytest.fixture
def home_with_partner(dsl, school, officer, police):
    """A child and his mother known to the school; her new partner, known to the police, moved
    in on 1 April 2026."""
    child, _ = person(dsl, school, ELM_ROAD, given_name="Daniel", date_of_birth="2016-04-02")
    mother, _ = person(dsl, school, ELM_ROAD, **MOTHER)
    partner, partner_ref = person(officer, police, home(start="2026-04-01"), **PARTNER)
    households_derive(actor=None)
    return child, mother, partner, partner_ref


def names(members):
    return [m.name for m in members]


def test_the_history_says_who_joined_when_and_why_oldest_first(dsl_scope, home_with_partner):
    child, *_ = home_with_partner
    (view,) = household_history_list(scope=dsl_scope, recorded_person_id=child)
    assert view.current
    assert [(e.happening, e.on) for e in view.history] == [
        (Happening.JOINED, date(2020, 1, 1)),
        (Happening.JOINED, date(2020, 1, 1)),
        (Happening.JOINED, date(2026, 4, 1)),
    ]
    assert set(names(e.member for e in view.history[:2])) == {"Daniel Łuczak", "Magdalena Łuczak"}
    newest = view.history[-1]
    assert (newest.role, newest.basis) == (Role.ADULT, Basis.SHARED_ADDRESS)


def test_another_agency_s_member_is_named_only_by_the_agency_holding_them(
    dsl_scope, home_with_partner
):
    child, *_ = home_with_partner
    (view,) = household_history_list(scope=dsl_scope, recorded_person_id=child)
    partner = view.history[-1].member
    assert not partner.visible
    assert partner.name == "A person known to West Midlands Police"
    assert "Mark" not in repr(partner) and "Kowalski" not in repr(partner)


def test_the_police_see_the_school_s_members_only_as_known_to_the_school(
    officer_scope, home_with_partner
):
    *_, partner, _ = home_with_partner
    (view,) = household_history_list(scope=officer_scope, recorded_person_id=partner)
    assert names(view.members) == [
        "A person known to Oak Primary School",
        "Mark Kowalski",
        "A person known to Oak Primary School",
    ]
    assert [m.role for m in view.members] == [Role.ADULT, Role.ADULT, Role.CHILD]


def test_a_household_is_reached_only_through_one_s_own_record(officer_scope, home_with_partner):
    child, *_ = home_with_partner
    with pytest.raises(NotFound):
        household_history_list(scope=officer_scope, recorded_person_id=child)
    with pytest.raises(NotFound):
        household_adults_list(scope=officer_scope, recorded_person_id=child)


def test_a_record_in_no_household_has_no_history(dsl, dsl_scope, school):
    alone, _ = person(dsl, school, BIRCH_CLOSE)
    households_derive(actor=None)
    assert household_history_list(scope=dsl_scope, recorded_person_id=alone) == []
    assert household_adults_list(scope=dsl_scope, recorded_person_id=alone) == []


def test_another_agency_s_confidential_record_never_shows_through_a_household(
    dsl_scope, gp_scope, gp_lead, gp, home_with_partner, linkage_model
):
    child, *_ = home_with_partner
    at_gp, _ = person(gp_lead, gp, ELM_ROAD, given_name="Daniel", confidentiality="confidential")
    apply_run(scored(child, at_gp, 15.0))
    households_derive(actor=None)
    (view,) = household_history_list(scope=dsl_scope, recorded_person_id=child)
    shown = {side.id for m in view.members for side in m.records}
    assert child in shown and at_gp not in shown
    (gp_view,) = household_history_list(scope=gp_scope, recorded_person_id=at_gp)
    assert at_gp in {side.id for m in gp_view.members for side in m.records}


def test_after_leaving_a_household_a_viewer_sees_its_history_only_up_to_then(
    dsl, school, officer, officer_scope, home_with_partner, monkeypatch, today
):
    child, mother, partner, partner_ref = home_with_partner
    monkeypatch.setattr(clock, "now", lambda: today + timedelta(days=1))
    move(
        officer,
        partner,
        partner_ref,
        home(start="2026-04-01", end="2026-05-20"),
        BIRCH_CLOSE,
        **PARTNER,
    )
    households_derive(actor=None)
    monkeypatch.setattr(clock, "now", lambda: today + timedelta(days=2))
    person(dsl, school, home(start="2026-05-25"), given_name="Steve", date_of_birth="1979-01-01")
    households_derive(actor=None)
    (view,) = household_history_list(scope=officer_scope, recorded_person_id=partner)
    assert not view.current
    assert [e.happening for e in view.history][-1] == Happening.LEFT
    assert view.history[-1].member.name == "Mark Kowalski"
    assert len(view.history) == 4  # the three joinings, then his leaving; not Steve
    assert len(view.members) == 2


def test_the_adults_a_child_lives_with_with_their_records_across_agencies(
    dsl_scope, gp_lead, gp, home_with_partner, linkage_model
):
    child, mother, partner, _ = home_with_partner
    at_gp, _ = person(gp_lead, gp, **PARTNER)
    apply_run(scored(partner, at_gp, 15.0))
    households_derive(actor=None)
    adults = household_adults_list(scope=dsl_scope, recorded_person_id=child)
    assert names(adults) == [
        "Magdalena Łuczak",
        "A person known to Mill Lane Surgery and West Midlands Police",
    ]
    assert {side.id for side in adults[1].records} == {partner, at_gp}
    assert not any(side.visible for side in adults[1].records)
    assert names(household_adults_list(scope=dsl_scope, recorded_person_id=mother)) == [
        "A person known to Mill Lane Surgery and West Midlands Police"
    ]


def test_someone_whose_age_is_not_known_is_listed_with_the_adults(
    dsl, dsl_scope, school, home_with_partner
):
    child, *_ = home_with_partner
    person(dsl, school, ELM_ROAD, given_name="Lodger", date_of_birth=None)
    households_derive(actor=None)
    adults = household_adults_list(scope=dsl_scope, recorded_person_id=child)
    assert [m.role for m in adults] == [Role.ADULT, Role.ADULT, Role.UNKNOWN]


def test_opening_a_household_audits_each_record_shown_in_detail(dsl, dsl_scope, home_with_partner):
    child, mother, partner, _ = home_with_partner
    (view,) = household_open(actor=dsl, scope=dsl_scope, recorded_person_id=child)
    entries = AuditEntry.objects.filter(action=AuditAction.HOUSEHOLD_VIEWED)
    assert {e.recorded_person_id for e in entries} == {child, mother}
    assert {e.payload["household_id"] for e in entries} == {str(view.id)}
    assert all(e.actor_id == dsl.pk for e in entries)


def test_an_eighteenth_birthday_shows_in_the_history_once_however_many_records(
    dsl, dsl_scope, school, gp_lead, gp, home_with_partner, linkage_model, monkeypatch, today
):
    child, *_ = home_with_partner
    son, _ = person(dsl, school, ELM_ROAD, given_name="Tom", date_of_birth="2008-06-15")
    son_at_gp, _ = person(gp_lead, gp, ELM_ROAD, given_name="Tom", date_of_birth="2008-06-15")
    apply_run(scored(son, son_at_gp, 15.0))
    households_derive(actor=None)
    monkeypatch.setattr(clock, "now", lambda: today + timedelta(days=30))
    households_derive(actor=None)
    (view,) = household_history_list(scope=dsl_scope, recorded_person_id=child)
    changes = [e for e in view.history if e.happening == Happening.ROLE_CHANGED]
    assert [(e.text, e.on, e.member.name) for e in changes] == [
        ("Became an adult", date(2026, 6, 15), "Tom Łuczak")
    ]
