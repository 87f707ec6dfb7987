"""Linking an external CSV file into clusters, without touching the store.

For a data team joining agency extracts: a CSV in the linkage column format (docs/linkage.md)
goes in, a CSV of clusters comes out (record_id, cluster_id, and the match weight of the
strongest link that joined the record to its cluster; empty for a record alone). The model is
trained from scratch on the file unless a saved one is given. With a ground-truth column, the
clusters are measured against it.

Two engines score and cluster the pairs: DuckDB in this process (the default), or Apache Spark
in local mode (spark_engine.py, for batches too large for one DuckDB database), which only
scores with a saved model.
"""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sightline.identity.linkage import evaluation
from sightline.identity.linkage.data import Thresholds
from sightline.identity.linkage.engine import (
    DEFAULT_THRESHOLDS,
    LinkageInputError,
    LinkageRun,
    model_load,
    model_save,
)

# (stage, its number from 1, how many stages) as each stage starts.
Progress = Callable[[str, int, int], None]

ENGINES = ("duckdb", "spark")

__all__ = ["ENGINES", "LinkageInputError", "LinkSummary", "TruthScores", "link_file"]


@dataclass(frozen=True)
class TruthScores:
    pairwise: evaluation.Scores
    clusters: evaluation.Scores
    true_pairs: int
    true_pairs_blocked: int  # true pairs that some blocking rule made a candidate
    # True pairs not put in one cluster, and of those the ones left for a person to review
    # (between the thresholds, or with a conflict).
    true_pairs_missed: int = 0
    true_pairs_for_review: int = 0

    @property
    def blocking_recall(self) -> float:
        return self.true_pairs_blocked / self.true_pairs if self.true_pairs else 1.0


@dataclass(frozen=True)
class LinkSummary:
    records: int
    pairs_scored: int  # candidate pairs at or above the lower threshold
    links: int  # pairs at or above the upper threshold, without a conflict
    review: int  # pairs between the thresholds, and pairs with a conflict
    conflicts: int
    clusters: int
    model_version: str
    trained: bool  # trained on this file, rather than loaded
    thresholds: Thresholds
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> seconds
    truth: TruthScores | None = None
    engine: str = "duckdb"


def _stages(*, train: bool, save: bool, truth: bool, spark: bool) -> list[str]:
    stages = ["starting Spark"] if spark else []
    stages += ["reading", "preparing", "training" if train else "loading model"]
    stages += ["saving model"] if save else []
    stages += ["scoring", "clustering", "writing"]
    return stages + (["evaluating"] if truth else [])


def link_file(
    *,
    input_path: Path,
    output_path: Path,
    truth_column: str | None = None,
    model_path: Path | None = None,
    save_model_path: Path | None = None,
    thresholds: Thresholds | None = None,
    across_sources_only: bool = False,
    seed: int = 1,
    progress: Progress | None = None,
    engine: str = "duckdb",
) -> LinkSummary:
    """Link the records of one CSV file into clusters and write them to `output_path`."""
    if engine not in ENGINES:
        raise LinkageInputError(f"no engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "spark" and model_path is None:
        raise LinkageInputError(
            "the Spark engine only scores with a saved model: train one first with the default"
            " engine and --save-model, then give it to the Spark engine with --model"
        )
    stages = _stages(
        train=model_path is None,
        save=save_model_path is not None,
        truth=truth_column is not None,
        spark=engine == "spark",
    )
    seconds: dict[str, float] = {}

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        if progress:
            progress(name, stages.index(name) + 1, len(stages))
        started = time.monotonic()
        yield
        seconds[name] = time.monotonic() - started

    if engine == "spark":
        with stage("starting Spark"):
            run = _new_run(engine)
    else:
        run = _new_run(engine)
    try:
        with stage("reading"):
            run.load_csv(input_path, truth_column=truth_column)
        with stage("preparing"):
            run.build_features()
        if model_path is None:
            with stage("training"):
                model = run.train(
                    seed=seed,
                    across_sources_only=across_sources_only,
                    thresholds=thresholds or DEFAULT_THRESHOLDS,
                )
        else:
            with stage("loading model"):
                model = model_load(model_path)
                if thresholds:
                    model.thresholds = thresholds
                run.use_model(model, across_sources_only=across_sources_only)
        if save_model_path is not None:
            with stage("saving model"):
                model_save(model, save_model_path)
        with stage("scoring"):
            run.predict()
        with stage("clustering"):
            run.cluster()
        with stage("writing"):
            run.write_clusters(output_path)
        truth = None
        if truth_column is not None:
            with stage("evaluating"):
                truth = _truth_scores(run, across_sources_only=across_sources_only)
        counts = run.counts
        return LinkSummary(
            records=counts.records,
            pairs_scored=counts.pairs_scored,
            links=counts.links,
            review=counts.review,
            conflicts=counts.conflicts,
            clusters=counts.clusters,
            model_version=model.model_version,
            trained=model_path is None,
            thresholds=model.thresholds,
            seconds=seconds,
            truth=truth,
            engine=engine,
        )
    finally:
        run.close()


def _new_run(engine: str) -> LinkageRun:
    if engine == "duckdb":
        return LinkageRun()
    try:
        from sightline.identity.linkage.spark_engine import SparkLinkageRun
    except ModuleNotFoundError as error:
        if error.name not in ("pyspark", "py4j"):
            raise
        raise LinkageInputError(
            "the Spark engine needs PySpark: install Sightline with its spark extra"
            " (pip install -e '.[spark]'), and Java 17"
        ) from None
    return SparkLinkageRun()


def _truth_scores(run: LinkageRun, *, across_sources_only: bool) -> TruthScores:
    cells = run.cluster_contingency()
    true_pairs, blocked = run.blocking_recall(across_sources_only=across_sources_only)
    missed, for_review = run.missed_true_pairs()
    return TruthScores(
        pairwise=evaluation.pairwise_scores(cells),
        clusters=evaluation.cluster_scores(cells),
        true_pairs=true_pairs,
        true_pairs_blocked=blocked,
        true_pairs_missed=missed,
        true_pairs_for_review=for_review,
    )
