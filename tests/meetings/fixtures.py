"""A child protection case in the notification tests' town: children's social care holds its
own record of Daniel, linked with the police's, the school's and the school nurses', and has
allocated him a social worker; his sister Zofia is known to social care too."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.identity.factories import apply_run, record_person, scored
from tests.notifications.factories import relate


@dataclass
class Case:
    town: Any
    care_child: Any  # social care's record of Daniel
    care_sister: Any  # social care's record of his sister


@pytest.fixture
def case(town) -> Case:
    care_child = record_person(town.social_worker, town.social_care, source_reference="CSC-1")
    care_sister = record_person(
        town.social_worker,
        town.social_care,
        source_reference="CSC-2",
        given_name="Zofia",
        date_of_birth="2012-02-03",
    )
    apply_run(scored(care_child, town.school_child, 15.0))
    relate(town.social_worker, town.social_care, "worker_allocation", "CSC-1",
           worker="social_worker")  # fmt: skip
    return Case(town=town, care_child=care_child, care_sister=care_sister)
