"""Agencies and practitioners for the households tests, and a fixed today: addresses start and
end on fixed dates, so whether one is current must not depend on when the tests run."""

from datetime import UTC, datetime

import pytest

from sightline.agencies.selectors import scope_for_user
from sightline.core import clock
from tests.identity.factories import record_model

TODAY = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: TODAY)
    return TODAY


@pytest.fixture
def gp(make_agency):
    return make_agency("gp", code="mill-lane-surgery", name="Mill Lane Surgery")


@pytest.fixture
def refuge(make_agency):
    return make_agency("other", code="haven-refuge", name="Haven Women's Refuge")


@pytest.fixture
def gp_lead(make_practitioner, gp):
    return make_practitioner(gp, role="dsl", username="gp-lead")


@pytest.fixture
def officer(make_practitioner, police):
    return make_practitioner(police, role="practitioner", username="officer")


@pytest.fixture
def refuge_worker(make_practitioner, refuge):
    return make_practitioner(refuge, role="practitioner", username="refuge-worker")


@pytest.fixture
def officer_scope(officer):
    return scope_for_user(user_id=officer.pk)


@pytest.fixture
def gp_scope(gp_lead):
    return scope_for_user(user_id=gp_lead.pk)


@pytest.fixture
def linkage_model(db):
    return record_model()
