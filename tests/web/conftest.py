import pytest

from tests.assessments.factories import Family, family_make
from tests.web.fixtures import child, injury

__all__ = ["child", "injury"]


@pytest.fixture
def dsl_client(client, dsl):
    client.force_login(dsl)
    return client


@pytest.fixture
def police_officer(make_practitioner, police):
    return make_practitioner(police, role="practitioner", username="officer")


@pytest.fixture
def family(make_agency, make_practitioner, school, police, dsl) -> Family:
    """A child known to several agencies, with children's social care's staff (assessments)."""
    return family_make(make_agency, make_practitioner, school, police, dsl)
