"""Generating a whole population to disk, household by household.

Every household draws from its own random stream, seeded from the run's seed and the household's
number, so the output is the same byte for byte however many processes share the work. The
population is sized exactly first (a cheap pass over household make-ups), then built in chunks
that are written to part files and joined in order, so memory stays small at a million persons.
"""

import json
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from random import Random
from typing import Any

from sightline.synthetic.agencies import catalogue_build
from sightline.synthetic.events.background import background_household
from sightline.synthetic.events.links import family_links, service_relationships
from sightline.synthetic.events.story import Story
from sightline.synthetic.events.trajectories import trajectories_plan
from sightline.synthetic.lines import household_lines
from sightline.synthetic.population import World, compose, household_build, world_build
from sightline.synthetic.profile import Profile, profile_load

GENERATOR_VERSION = 1
MIN_PERSONS, MAX_PERSONS = 100, 1_000_000
_CHUNK_HOUSEHOLDS = 1_000
# Below this, starting worker processes costs more than it saves.
_PARALLEL_FROM = 20_000

Progress = Callable[[int, int], None]  # (persons written, persons wanted)


def household_rng(seed: int, index: int) -> Random:
    # Reproducible by design: synthetic data must come out the same for the same seed.
    return Random(f"sightline-synthetic:{seed}:{index}")  # noqa: S311


def household_story(world: World, seed: int, index: int, first_person: int, cap: int) -> Story:
    """Everything that happens to one household, as agencies record it."""
    rng = household_rng(seed, index)
    composition = compose(rng, world.profile, cap)
    household = household_build(rng, world, composition, index, first_person)
    story = Story(rng, world, household)
    trajectories_plan(story)
    background_household(story)
    service_relationships(story)
    family_links(story)
    return story


@dataclass(frozen=True)
class _Chunk:
    number: int
    first_index: int
    households: int
    first_person: int
    remaining: int  # persons still to make when the chunk's first household is built


def persons_for_children(children: int, seed: int, profile: Profile | None = None) -> int:
    """How many persons to generate for about this many children, with this seed."""
    profile = profile or profile_load()
    index = persons = made = 0
    while made < children and persons < MAX_PERSONS:
        composition = compose(household_rng(seed, index), profile, MAX_PERSONS)
        index, persons, made = index + 1, persons + composition.size, made + composition.children
    return max(MIN_PERSONS, min(persons, MAX_PERSONS))


def _chunks(seed: int, persons: int, profile: Profile, size: int) -> Iterator[_Chunk]:
    index, number, remaining, chunk = 0, 1, persons, 0
    while remaining > 0:
        first = (index, number, remaining)
        while remaining > 0 and index - first[0] < size:
            made = compose(household_rng(seed, index), profile, remaining).size
            index, number, remaining = index + 1, number + made, remaining - made
        yield _Chunk(chunk, first[0], index - first[0], first[1], first[2])
        chunk += 1


@dataclass(frozen=True)
class _Job:
    seed: int
    persons: int
    profile: Profile
    chunk: _Chunk
    parts: Path


# One encoder for every line: json.dumps builds a new one per call when given options.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _line(data: dict[str, Any]) -> str:
    return _ENCODER.encode(data) + "\n"


def _write_chunk(job: _Job) -> Counter[str]:
    """Build and write one chunk of households (in a worker process when there are several)."""
    world = world_build(job.profile, catalogue_build(job.profile, job.persons))
    counts: Counter[str] = Counter()
    chunk = job.chunk
    number, remaining = chunk.first_person, chunk.remaining
    records_path, truth_path = _part_paths(job.parts, chunk.number)
    with (
        open(records_path, "w", encoding="utf-8") as records,
        open(truth_path, "w", encoding="utf-8") as truth,
    ):
        for index in range(chunk.first_index, chunk.first_index + chunk.households):
            story = household_story(world, job.seed, index, number, remaining)
            size = len(story.household.persons)
            number, remaining = number + size, remaining - size
            out = household_lines(story, story.rng)
            records.writelines(_line(line) for line in out.records)
            truth.writelines(_line(line) for line in out.truth)
            counts.update(out.counts)
    return counts


def _part_paths(parts: Path, number: int) -> tuple[Path, Path]:
    return parts / f"records-{number:06d}.jsonl", parts / f"truth-{number:06d}.jsonl"


@dataclass(frozen=True)
class GenerationSummary:
    seed: int
    persons: int
    households: int
    children: int
    agencies: int
    recorded_persons: int
    duplicate_records: int
    relationships: int
    events: int
    events_by_agency_kind: dict[str, int]
    harm: dict[str, int]  # trajectory -> children
    lookalikes: dict[str, int]  # look-alike -> children

    def as_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "persons": self.persons,
            "households": self.households,
            "children": self.children,
            "agencies": self.agencies,
            "recorded_persons": self.recorded_persons,
            "duplicate_records": self.duplicate_records,
            "relationships": self.relationships,
            "events": self.events,
            "events_by_agency_kind": self.events_by_agency_kind,
            "harm": self.harm,
            "lookalikes": self.lookalikes,
        }


def _prefixed(counts: Counter[str], prefix: str) -> dict[str, int]:
    return {k.removeprefix(prefix): v for k, v in sorted(counts.items()) if k.startswith(prefix)}


def _summary(seed: int, agencies: int, counts: Counter[str]) -> GenerationSummary:
    return GenerationSummary(
        seed=seed,
        persons=counts["persons"],
        households=counts["households"],
        children=counts["children"],
        agencies=agencies,
        recorded_persons=counts["recorded_persons"],
        duplicate_records=counts["duplicate_records"],
        relationships=counts["relationships"],
        events=counts["events"],
        events_by_agency_kind=_prefixed(counts, "events:"),
        harm=_prefixed(counts, "harm:"),
        lookalikes=_prefixed(counts, "lookalike:"),
    )


def _run(jobs: Iterator[_Job], workers: int) -> Iterator[Counter[str]]:
    if workers <= 1:
        yield from map(_write_chunk, jobs)
        return
    # "spawn": a forked child could close the parent's database connections on exit.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        yield from pool.map(_write_chunk, jobs)


def _join(parts: Path, out: Path) -> None:
    """Concatenate the part files in chunk order; the result does not depend on the workers."""
    for name in ("records", "truth"):
        with open(out / f"{name}.jsonl", "wb") as joined:
            for part in sorted(parts.glob(f"{name}-*.jsonl")):
                with open(part, "rb") as piece:
                    shutil.copyfileobj(piece, joined, length=1 << 20)
    shutil.rmtree(parts)


def generate(
    *,
    persons: int,
    seed: int,
    out: Path,
    profile: Profile | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> GenerationSummary:
    """Write agencies.json, records.jsonl, truth.jsonl and truth.json to out."""
    if not MIN_PERSONS <= persons <= MAX_PERSONS:
        raise ValueError(f"persons must be from {MIN_PERSONS:,} to {MAX_PERSONS:,}")
    profile = profile or profile_load()
    catalogue = catalogue_build(profile, persons)
    out.mkdir(parents=True, exist_ok=True)
    parts = out / ".parts"
    shutil.rmtree(parts, ignore_errors=True)
    parts.mkdir()
    agencies = [agency.as_json() for agency in catalogue.agencies]
    (out / "agencies.json").write_text(
        json.dumps(agencies, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    workers = workers if persons >= _PARALLEL_FROM else 1
    size = max(50, min(_CHUNK_HOUSEHOLDS, persons // (12 * workers)))
    jobs = (_Job(seed, persons, profile, c, parts) for c in _chunks(seed, persons, profile, size))
    counts: Counter[str] = Counter()
    for chunk_counts in _run(jobs, workers):
        counts.update(chunk_counts)
        if progress:
            progress(counts["persons"], persons)
    _join(parts, out)
    summary = _summary(seed, len(agencies), counts)
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "profile_sha256": profile.digest,
        "harm_share": profile.rate("harm.share"),
        "lookalike_share": profile.rate("lookalikes.share"),
        "reference_date": profile.text("population.reference_date"),
        **summary.as_json(),
    }
    (out / "truth.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return summary
