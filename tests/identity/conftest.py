"""Agencies, reviewers and recorded persons for the identity tests; and a small synthetic
population in the linkage column format with a model trained on it once (training from scratch
needs a few thousand records to estimate anything; the population comes from the project's
generator, seeded, so every run trains on the same records)."""

import csv
from datetime import datetime
from pathlib import Path

import pytest

from benchmarks.linkage_data import GENERATOR_TRUTH, generated_csv
from sightline.agencies.selectors import scope_for_user
from sightline.identity.linkage.engine import LinkageRun, ModelDocument
from sightline.identity.services import linkage_model_record
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


@pytest.fixture(scope="session")
def population_csv(tmp_path_factory) -> Path:
    """About 2,000 recorded persons of 600 persons, with their true person as person_id."""
    return generated_csv(600, 5, tmp_path_factory.mktemp("population"))


@pytest.fixture(scope="session")
def population_rows(population_csv) -> list[dict[str, str]]:
    with open(population_csv, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="session")
def trained_model(population_csv) -> ModelDocument:
    run = LinkageRun()
    try:
        run.load_csv(population_csv, truth_column=GENERATOR_TRUTH)
        run.build_features()
        return run.train(seed=1)
    finally:
        run.close()


@pytest.fixture
def saved_model(db, trained_model):
    """The trained model, recorded in the store as `sightline link` records it."""
    return linkage_model_record(
        actor=None,
        version=trained_model.model_version,
        parameters=trained_model.as_json(),
        trained_at=datetime.fromisoformat(trained_model.trained_at),
        summary=trained_model.training_summary,
    )
