"""One small population, generated once and read by every test that only looks at it."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sightline.synthetic.generator import GenerationSummary, generate

PERSONS = 4_000
SEED = 7


@dataclass
class Population:
    out: Path
    summary: GenerationSummary
    agencies: list[dict[str, Any]]
    records: list[dict[str, Any]]
    truth: list[dict[str, Any]]
    manifest: dict[str, Any]

    def of_type(self, record_type: str) -> list[dict[str, Any]]:
        return [r for r in self.records if r["record_type"] == record_type]

    def truth_of_type(self, kind: str) -> list[dict[str, Any]]:
        return [t for t in self.truth if t["type"] == kind]


def read_lines(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.fixture(scope="session")
def population(tmp_path_factory: pytest.TempPathFactory) -> Population:
    out = tmp_path_factory.mktemp("population")
    summary = generate(persons=PERSONS, seed=SEED, out=out)
    return Population(
        out=out,
        summary=summary,
        agencies=json.loads((out / "agencies.json").read_text(encoding="utf-8")),
        records=read_lines(out / "records.jsonl"),
        truth=read_lines(out / "truth.jsonl"),
        manifest=json.loads((out / "truth.json").read_text(encoding="utf-8")),
    )
