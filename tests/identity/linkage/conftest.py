"""A small synthetic population in the linkage column format, and a model trained on it once.

Training from scratch needs a few thousand records to estimate anything; the population comes
from the project's generator (seeded), so every run trains on the same records.
"""

import csv
from pathlib import Path

import pytest

from benchmarks.linkage_data import GENERATOR_TRUTH, generated_csv
from sightline.identity.linkage.engine import LinkageRun, ModelDocument


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
