"""`sightline households`: work out households again and say in one line what changed."""

from io import StringIO

import pytest
from django.core.management import call_command

from sightline.cli.main import translate
from tests.households.factories import ELM_ROAD, person

pytestmark = pytest.mark.django_db


def test_the_households_verb_runs_the_command():
    assert translate(["households"]) == ["households_derive"]


def test_it_reports_what_changed_and_then_that_nothing_did(dsl, school):
    person(dsl, school, ELM_ROAD, date_of_birth="2016-04-02")
    person(dsl, school, ELM_ROAD, given_name="Magdalena", date_of_birth="1988-02-01")
    first, second = StringIO(), StringIO()
    call_command("households_derive", stdout=first)
    call_command("households_derive", stdout=second)
    assert first.getvalue().strip() == (
        "Households: 1 formed; 2 records joined one, 0 left one, 0 changed role "
        "(2 recorded persons read)."
    )
    assert second.getvalue().strip() == (
        "Households: nothing changed since they were last worked out (2 recorded persons read)."
    )
