"""Who lives with whom, from plain facts: worked examples of each rule of the derivation."""

from dataclasses import replace
from datetime import date

from sightline.households.data import Basis, Role
from sightline.households.derivation import derive, eighteenth_birthday, role_of
from tests.households.facts import (
    GP,
    ON,
    POLICE,
    REFUGE,
    address,
    derived,
    ids,
    lives_with,
    member_of,
    record,
    run,
    together,
)

HOME = address()
ELSEWHERE = address("3 Birch Close", "CV2 2BB", start=date(2025, 9, 1))


def test_two_agencies_writing_one_address_differently_put_its_people_together():
    mother = record(address("12 ELM RD", "cv11aa"), agency=GP)
    child = record(address("12 Elm Road, Coventry", "CV1 1AA"), born=date(2015, 3, 7))
    assert together(derived(mother, child)) == {ids(mother, child)}


def test_neighbours_sharing_a_postcode_are_not_one_household():
    first = record(address("12 Elm Road"))
    second = record(address("14 Elm Road"))
    assert together(derived(first, second)) == set()


def test_flats_in_one_building_are_told_apart_by_the_whole_first_line():
    first = record(address("Flat 1, 17 Ash Road", "CV3 3CC"))
    second = record(address("Flat 2, 17 Ash Road", "CV3 3CC"))
    assert together(derived(first, second)) == set()


def test_an_address_without_a_postcode_puts_nobody_together():
    first = record(address(postcode=""))
    second = record(address(postcode=""))
    assert together(derived(first, second)) == set()


def test_twins_their_sibling_and_their_mother_are_one_household():
    mother = record(HOME, agency=GP)
    twins = [record(HOME, born=date(2016, 4, 2)) for _ in range(2)]
    sibling = record(HOME, born=date(2012, 9, 30))
    result = derived(mother, *twins, sibling)
    assert together(result) == {ids(mother, *twins, sibling)}
    assert [member_of(result, t).role for t in twins] == [Role.CHILD, Role.CHILD]
    assert member_of(result, mother).role == Role.ADULT


def test_a_person_s_records_across_agencies_are_in_one_household():
    at_school = record(HOME, born=date(2016, 4, 2))
    at_gp = record(address(start=None), born=date(2016, 4, 2), agency=GP)
    mother = record(HOME, agency=GP)
    result = derived(at_school, at_gp, mother, same_person=((at_school, at_gp),))
    assert together(result) == {ids(at_school, at_gp, mother)}
    assert member_of(result, at_school) == member_of(result, at_gp)


def test_the_latest_address_wins_over_one_an_agency_never_ended():
    # The school still holds the old home; the GP knows the family moved.
    stale = record(HOME, born=date(2016, 4, 2))
    moved = record(ELSEWHERE, born=date(2016, 4, 2), agency=GP)
    new_tenant = record(address(start=date(2025, 10, 1)))
    new_neighbour = record(ELSEWHERE, agency=POLICE)
    result = derived(stale, moved, new_tenant, new_neighbour, same_person=((stale, moved),))
    assert together(result) == {ids(stale, moved, new_neighbour)}


def test_an_ended_or_future_address_is_not_where_someone_lives():
    left = record(address(end=date(2026, 1, 1)))
    coming = record(address(start=date(2026, 9, 1)))
    here = record(HOME)
    assert together(derived(left, coming, here)) == set()


def test_a_refuge_address_groups_nobody_even_when_it_matches():
    refuge = address("1 Haven Street", "CV4 4DD", start=date(2026, 2, 1))
    protected = address(
        "1 Haven Street", "CV4 4DD", start=date(2026, 2, 1), confidentiality="confidential"
    )
    mother = record(protected, agency=REFUGE)
    other_resident = record(refuge, agency=POLICE)
    assert together(derived(mother, other_resident)) == set()


def test_a_person_whose_latest_address_is_a_refuge_is_in_no_household_at_all():
    # The police still hold the family home; the refuge holds where she is now. She must not be
    # placed back in the home she fled, with the man she fled.
    at_home = record(HOME, agency=POLICE)
    at_refuge = record(
        HOME,
        address(
            "1 Haven Street", "CV4 4DD", start=date(2026, 2, 1), confidentiality="confidential"
        ),
    )
    father = record(HOME, agency=POLICE)
    result = derived(at_home, at_refuge, father, same_person=((at_home, at_refuge),))
    assert together(result) == set()
    assert all(at_home.recorded_person_id not in m.records for g in result.groups for m in g)


def test_a_confidential_record_of_the_same_home_does_not_take_anyone_out_of_it():
    at_school = record(HOME, born=date(2016, 4, 2))
    at_gp = record(HOME, born=date(2016, 4, 2), agency=GP, confidentiality="confidential")
    mother = record(HOME)
    result = derived(at_school, at_gp, mother, same_person=((at_school, at_gp),))
    assert together(result) == {ids(at_school, at_gp, mother)}


def test_a_confidential_record_ties_nobody_by_its_address_or_its_relationships():
    hidden = record(HOME, agency=GP, confidentiality="confidential")
    child = record(address("7 Oak Lane", "CV5 5EE"), born=date(2016, 1, 1))
    resident = record(HOME)
    stated = (lives_with(child, hidden),)
    assert together(derived(hidden, child, resident, stated=stated)) == set()


def test_a_stated_living_together_ties_someone_with_no_address_recorded():
    child = record(HOME, born=date(2016, 1, 1))
    partner = record(agency=POLICE)  # no address
    result = derived(
        child, partner, stated=(lives_with(child, partner, relationship="partner_of_parent"),)
    )
    assert together(result) == {ids(child, partner)}
    assert member_of(result, partner).basis == Basis.STATED_RELATIONSHIP
    assert member_of(result, partner).joined_on == date(2021, 1, 1)


def test_a_stated_tie_joins_two_addresses_into_one_household():
    # A partner who keeps his own flat but is said to live with the family is household.
    child, mother = record(HOME, born=date(2016, 1, 1)), record(HOME)
    partner = record(ELSEWHERE, agency=POLICE)
    stated = (lives_with(child, partner, relationship="partner_of_parent"),)
    assert together(derived(child, mother, partner, stated=stated)) == {ids(child, mother, partner)}


def test_an_ended_or_future_stated_tie_ties_nobody():
    child = record(HOME, born=date(2016, 1, 1))
    father = record(agency=POLICE)
    ended = lives_with(child, father, end=date(2025, 1, 1), relationship="father")
    future = lives_with(child, father, start=date(2027, 1, 1), relationship="father")
    assert together(derived(child, father, stated=(ended, future))) == set()


def test_someone_who_has_died_is_in_no_household():
    died = record(HOME, died=date(2026, 3, 1))
    widow = record(HOME)
    assert together(derived(died, widow)) == set()


def test_joining_is_dated_when_the_second_person_arrived():
    mother = record(address(start=date(2019, 5, 1)))
    partner = record(address(start=date(2025, 11, 20)), agency=POLICE)
    result = derived(mother, partner)
    assert member_of(result, mother).joined_on == date(2025, 11, 20)
    assert member_of(result, partner).joined_on == date(2025, 11, 20)
    assert member_of(result, partner).basis == Basis.SHARED_ADDRESS


# ---------------------------------------------------------------------------------- roles


def test_an_adult_from_the_eighteenth_birthday():
    born = record(born=date(2008, 6, 1))
    assert role_of([born], date(2026, 5, 31)) == (Role.CHILD, None)
    assert role_of([born], date(2026, 6, 1)) == (Role.ADULT, date(2026, 6, 1))


def test_a_year_of_birth_alone_counts_as_its_last_day():
    born = record(born=date(2008, 1, 1), precision="year")
    assert role_of([born], date(2026, 12, 30))[0] == Role.CHILD
    assert role_of([born], date(2026, 12, 31))[0] == Role.ADULT


def test_a_month_of_birth_alone_counts_as_its_last_day():
    born = record(born=date(2008, 4, 1), precision="month")
    assert role_of([born], date(2026, 4, 29))[0] == Role.CHILD
    assert role_of([born], date(2026, 4, 30))[0] == Role.ADULT


def test_born_on_29_february_of_age_on_1_march():
    assert eighteenth_birthday(date(2008, 2, 29)) == date(2026, 3, 1)
    leapling = record(born=date(2008, 2, 29))
    assert role_of([leapling], date(2026, 2, 28))[0] == Role.CHILD
    assert role_of([leapling], date(2026, 3, 1))[0] == Role.ADULT


def test_records_that_disagree_about_age_make_it_unknown_not_a_child():
    assert role_of([record(born=date(2010, 1, 1)), record(born=date(1990, 1, 1))], ON)[0] == (
        Role.UNKNOWN
    )


def test_no_date_of_birth_is_unknown_and_an_expected_one_is_a_child():
    assert role_of([record(born=None)], ON)[0] == Role.UNKNOWN
    assert role_of([record(born=None, expected=date(2026, 8, 1))], ON)[0] == Role.CHILD


def test_a_confidential_record_s_date_of_birth_is_not_used():
    hidden = record(born=date(2015, 1, 1), confidentiality="confidential")
    assert role_of([hidden, record(born=date(1990, 1, 1))], ON)[0] == Role.ADULT


# ---------------------------------------------------------------------------------- plans


def test_a_group_forms_a_household_and_a_person_alone_does_not():
    mother, child, alone = record(HOME), record(HOME, born=date(2016, 1, 1)), record(ELSEWHERE)
    result, after = run(derived(mother, child, alone))
    assert len(result.formed) == 1
    assert {c.recorded_person_id for c in result.changes} == ids(mother, child)
    assert all(c.joined and c.number == 1 for c in result.changes)
    assert alone.recorded_person_id not in after


def test_nothing_changes_when_nothing_has():
    people = (record(HOME), record(HOME, born=date(2016, 1, 1)))
    _, after = run(derived(*people))
    again, _ = run(derived(*people), after)
    assert again.changes == () and again.formed == ()


def test_someone_moving_out_leaves_and_whoever_stays_keeps_the_household():
    father, mother, child = (
        record(HOME, agency=POLICE),
        record(HOME),
        record(HOME, born=date(2016, 1, 1)),
    )
    first, before = run(derived(father, mother, child))
    household = first.formed[0]
    moved = replace(father, addresses=(HOME, ELSEWHERE))  # his record amended: a new address
    result, after = run(derived(moved, mother, child), before)
    (change,) = result.changes
    assert change.recorded_person_id == father.recorded_person_id
    assert (change.left, change.household, change.number) == (True, None, 2)
    assert change.effective_on == ELSEWHERE.start
    assert after[mother.recorded_person_id].household == household


def test_a_new_adult_moving_in_joins_the_household_that_is_there():
    mother, child = record(HOME), record(HOME, born=date(2016, 1, 1))
    first, before = run(derived(mother, child))
    partner = record(address(start=date(2026, 4, 1)), agency=POLICE)
    result, _ = run(derived(mother, child, partner), before)
    (change,) = result.changes
    assert change.household == first.formed[0]
    assert (change.joined, change.role, change.effective_on) == (True, Role.ADULT, date(2026, 4, 1))


def test_a_family_moving_home_together_stays_one_household():
    mother, child = record(HOME), record(HOME, born=date(2016, 1, 1))
    _, before = run(derived(mother, child))
    moved = [replace(r, addresses=(HOME, ELSEWHERE)) for r in (mother, child)]
    result, _ = run(derived(*moved), before)
    assert result.changes == ()


def test_an_eighteenth_birthday_is_a_role_change_dated_that_day():
    mother, son = record(HOME), record(HOME, born=date(2008, 7, 15))
    _, before = run(derived(mother, son, on=date(2026, 7, 1)))
    result, _ = run(derived(mother, son, on=date(2026, 8, 1)), before)
    (change,) = result.changes
    assert change.role_changed and not (change.joined or change.left)
    assert (change.role, change.previous_role) == (Role.ADULT, Role.CHILD)
    assert change.effective_on == date(2026, 7, 15)


def test_a_household_split_in_two_keeps_its_id_with_the_larger_part():
    a, b, c = record(HOME), record(HOME), record(HOME)
    first, before = run(derived(a, b, c))
    d = record(ELSEWHERE)
    c_moved = replace(c, addresses=(HOME, ELSEWHERE))
    result, after = run(derived(a, b, c_moved, d), before)
    assert after[a.recorded_person_id].household == first.formed[0]
    assert after[c.recorded_person_id].household == result.formed[0] != first.formed[0]
    (move,) = [ch for ch in result.changes if ch.recorded_person_id == c.recorded_person_id]
    assert move.left and move.joined and move.number == 2


def test_a_record_in_no_group_that_was_in_a_household_leaves_it():
    mother, child = record(HOME), record(HOME, born=date(2016, 1, 1))
    _, before = run(derived(mother, child))
    gone = replace(mother, addresses=())
    result, _ = run(derive(on=ON, residences=[gone, child], cohabitations=[], person_of={}), before)
    (change,) = result.changes
    assert change.recorded_person_id == mother.recorded_person_id and change.left
    assert before[child.recorded_person_id].household == change.previous_household
    assert change.effective_on is None  # nothing in the records says when


def test_the_one_who_stays_leaves_on_the_day_the_others_moved():
    father, mother, child = (
        record(HOME, agency=POLICE),
        record(HOME),
        record(HOME, born=date(2016, 1, 1)),
    )
    first, before = run(derived(father, mother, child))
    moved = [
        replace(r, addresses=(replace(HOME, end=ELSEWHERE.start), ELSEWHERE))
        for r in (mother, child)
    ]
    result, after = run(derived(father, *moved), before)
    (change,) = result.changes
    assert change.recorded_person_id == father.recorded_person_id and change.left
    assert change.effective_on == ELSEWHERE.start
    assert after[child.recorded_person_id].household == first.formed[0]


def test_leaving_for_a_refuge_is_not_dated_by_the_refuge_address():
    mother, child = record(HOME), record(HOME, born=date(2016, 1, 1))
    _, before = run(derived(mother, child))
    fled = replace(mother, addresses=(HOME, replace(ELSEWHERE, confidentiality="confidential")))
    result, _ = run(derived(fled, child), before)
    (change,) = result.changes
    assert change.left and change.effective_on is None
