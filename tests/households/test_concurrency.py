"""Two derivations at once write each change once: the second waits, then finds none left."""

import threading

import pytest
from django.db import connection, connections

from sightline.households.models import Household, HouseholdMembership
from sightline.households.services import households_derive
from tests.households.factories import ELM_ROAD, person


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_derivations_at_the_same_time_form_one_household(dsl, school):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write transaction at a time; this is about PostgreSQL")
    person(dsl, school, ELM_ROAD, date_of_birth="2016-04-02")
    person(dsl, school, ELM_ROAD, given_name="Magdalena", date_of_birth="1988-02-01")
    start = threading.Barrier(2)
    summaries, errors = [], []

    def derive() -> None:
        try:
            start.wait(5)
            summaries.append(households_derive(actor=None))
        except Exception as error:  # reported below, with the other thread's
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=derive) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(s.households_formed for s in summaries) == [0, 1]
    assert Household.objects.count() == 1
    assert HouseholdMembership.objects.count() == 2
