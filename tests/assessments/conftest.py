import pytest

from tests.assessments.factories import Family, family_make
from tests.assessments.flushing import _assessment_guards_lifted_for_the_flush

# Tests here that commit (the concurrency tests) end with a flush of assessment rows.
__all__ = ["_assessment_guards_lifted_for_the_flush"]


@pytest.fixture
def family(make_agency, make_practitioner, school, police, dsl) -> Family:
    return family_make(make_agency, make_practitioner, school, police, dsl)
