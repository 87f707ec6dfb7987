import pytest

from tests.assessments.factories import Family, family_make


@pytest.fixture
def family(make_agency, make_practitioner, school, police, dsl) -> Family:
    return family_make(make_agency, make_practitioner, school, police, dsl)
