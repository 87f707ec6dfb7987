"""Agencies, reviewers and recorded persons for the identity tests."""

import pytest

from sightline.agencies.selectors import scope_for_user
from tests.identity.factories import record_model, record_person


@pytest.fixture
def gp(make_agency):
    return make_agency("gp", code="mill-lane-surgery", name="Mill Lane Surgery")


@pytest.fixture
def police_mash(make_practitioner, police):
    return make_practitioner(police, role="mash", username="police-mash")


@pytest.fixture
def police_mash_scope(police_mash):
    return scope_for_user(user_id=police_mash.pk)


@pytest.fixture
def gp_lead(make_practitioner, gp):
    return make_practitioner(gp, role="dsl", username="gp-lead")


@pytest.fixture
def gp_lead_scope(gp_lead):
    return scope_for_user(user_id=gp_lead.pk)


@pytest.fixture
def linkage_model(db):
    return record_model()


@pytest.fixture
def school_child(dsl, school):
    return record_person(dsl, school, given_name="Daniel", family_name="Łuczak")


@pytest.fixture
def police_child(police_mash, police):
    return record_person(police_mash, police, given_name="Danny", family_name="Luczak")


@pytest.fixture
def gp_child(gp_lead, gp):
    return record_person(gp_lead, gp, given_name="Daniel", family_name="Lucak")
