"""The database itself keeps the membership invariants, whatever code writes the rows."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sightline.core.models import AppendOnlyError
from sightline.households.models import Household, HouseholdMembership
from tests.households.conftest import TODAY
from tests.households.factories import ELM_ROAD, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(dsl, school):
    return person(dsl, school, ELM_ROAD)[0]


@pytest.fixture
def household(db):
    return Household.objects.create(formed_at=TODAY)


def membership(record, household, **fields):
    values = {"number": 1, "since": TODAY, "role": "child", "basis": "shared_address"}
    values.update(fields)
    return HouseholdMembership(recorded_person_id=record, household=household, **values)


def violation_codes(row) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        row.validate_constraints()
    return {str(e.code) for errors in caught.value.error_dict.values() for e in errors}


def refused(row) -> bool:
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return True
    return False


def test_a_record_has_one_row_of_each_number(record, household):
    membership(record, household).save()
    assert refused(membership(record, household))


def test_rows_are_numbered_from_one(record, household):
    row = membership(record, household, number=0)
    assert "membership_number_below_one" in violation_codes(row)
    assert refused(row)


def test_a_row_in_a_household_says_in_what_role_and_why(record, household):
    row = membership(record, household, role="")
    assert violation_codes(row) == {"membership_role_without_household"}
    assert refused(row)
    assert refused(membership(record, household, basis="rumour"))


def test_a_first_row_cannot_leave_and_a_leaving_row_has_no_role(record, household):
    assert refused(membership(record, None, role="", basis=""))
    assert refused(membership(record, None, number=2, role="adult", basis=""))
    membership(record, None, number=2, role="", basis="").save()


def test_rows_are_never_changed_or_removed(record, household):
    row = membership(record, household)
    row.save()
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        HouseholdMembership.objects.filter(id=row.id).update(role="adult")
    with pytest.raises(AppendOnlyError):
        household.delete()
