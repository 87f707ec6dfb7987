import pytest

from tests.web.fixtures import child, injury

__all__ = ["child", "injury"]


@pytest.fixture
def dsl_client(client, dsl):
    client.force_login(dsl)
    return client


@pytest.fixture
def police_officer(make_practitioner, police):
    return make_practitioner(police, role="practitioner", username="officer")
