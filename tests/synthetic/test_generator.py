"""Generating populations: the same seed gives the same bytes, sizes are exact, and the files
hold what their names say."""

import hashlib
from pathlib import Path

import pytest

from sightline.synthetic import generator
from sightline.synthetic.agencies import KINDS, catalogue_build
from sightline.synthetic.generator import generate, persons_for_children
from sightline.synthetic.profile import profile_load
from tests.synthetic.conftest import read_lines

FILES = ("agencies.json", "records.jsonl", "truth.jsonl", "truth.json")


def _digests(out: Path) -> dict[str, str]:
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in FILES}


def test_the_same_seed_gives_byte_identical_files(tmp_path):
    generate(persons=600, seed=3, out=tmp_path / "first")
    generate(persons=600, seed=3, out=tmp_path / "second")
    assert _digests(tmp_path / "first") == _digests(tmp_path / "second")


def test_a_different_seed_gives_a_different_population(tmp_path):
    generate(persons=600, seed=3, out=tmp_path / "three")
    generate(persons=600, seed=4, out=tmp_path / "four")
    three, four = _digests(tmp_path / "three"), _digests(tmp_path / "four")
    assert three["records.jsonl"] != four["records.jsonl"]
    assert three["truth.jsonl"] != four["truth.jsonl"]


def test_worker_processes_do_not_change_a_byte(tmp_path, monkeypatch):
    monkeypatch.setattr(generator, "_PARALLEL_FROM", 0)
    generate(persons=1_500, seed=5, out=tmp_path / "alone", workers=1)
    generate(persons=1_500, seed=5, out=tmp_path / "shared", workers=2)
    assert _digests(tmp_path / "alone") == _digests(tmp_path / "shared")
    assert not (tmp_path / "shared" / ".parts").exists()


@pytest.mark.parametrize("persons", [100, 1_234])
def test_exactly_the_persons_asked_for(tmp_path, persons):
    summary = generate(persons=persons, seed=11, out=tmp_path)
    truth_persons = [t for t in read_lines(tmp_path / "truth.jsonl") if t["type"] == "person"]
    assert summary.persons == len(truth_persons) == persons
    assert len({t["person_id"] for t in truth_persons}) == persons


@pytest.mark.parametrize("persons", [99, 1_000_001])
def test_sizes_outside_the_range_are_refused(tmp_path, persons):
    with pytest.raises(ValueError, match="persons must be from 100 to 1,000,000"):
        generate(persons=persons, seed=1, out=tmp_path)


def test_agencies_scale_with_the_population():
    profile = profile_load()
    small, large = catalogue_build(profile, 500), catalogue_build(profile, 1_000_000)
    for kind in KINDS:
        assert small.by_kind[kind], f"a small population still has a {kind}"
    assert len(large.by_kind["school"]) > 10 * len(small.by_kind["school"])
    assert len(large.by_kind["gp"]) > 10 * len(small.by_kind["gp"])
    assert large.primary and large.secondary
    codes = [a.code for a in large.agencies]
    assert len(codes) == len(set(codes)) and max(len(c) for c in codes) <= 40


def test_each_person_is_recorded_about_three_times(population):
    per_person = population.summary.recorded_persons / population.summary.persons
    assert 2.5 <= per_person <= 3.7


def test_a_population_sized_for_children_has_about_that_many(tmp_path):
    persons = persons_for_children(500, seed=2)
    summary = generate(persons=persons, seed=2, out=tmp_path)
    assert 480 <= summary.children <= 520


def test_the_manifest_summarises_the_files(population):
    manifest = population.manifest
    assert manifest["persons"] == population.summary.persons
    assert manifest["events"] == len(population.of_type("event"))
    assert manifest["recorded_persons"] == len(population.of_type("person"))
    assert manifest["relationships"] == len(population.of_type("relationship"))
    assert manifest["profile_sha256"] == profile_load().digest
