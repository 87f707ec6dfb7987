"""Linking the store: every agency's recorded persons scored by the linkage model, and the
result applied as one run (see runs.py), with the model it used kept as versioned data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sightline.identity.data import RunSummary
from sightline.identity.linkage.data import ScoredPair
from sightline.identity.linkage.scoring import Scorer
from sightline.identity.models import LinkageModel
from sightline.identity.services.matching import linkage_row, match_index_rebuild
from sightline.identity.services.runs import linkage_model_record, linkage_run_apply
from sightline.records.selectors import recorded_person_identifying_facts

if TYPE_CHECKING:
    from sightline.accounts.models import User
    from sightline.identity.linkage.engine import LinkageRun, ModelDocument

# Below this many records a model trained from scratch has too few pairs to estimate anything.
MIN_TRAINING_RECORDS = 1_000
# Feature rows read from the engine at a time while rebuilding the real-time index.
_INDEX_CHUNK = 20_000


@dataclass(frozen=True)
class StoreLinkResult:
    records: int
    model_version: str
    trained: bool  # False when the latest saved model was used
    run: RunSummary


def _all_feature_rows(run: LinkageRun, ids: list[str]) -> Iterator[dict[str, Any]]:
    """A chunk at a time, so that a million records' rows are never all held at once."""
    for start in range(0, len(ids), _INDEX_CHUNK):
        yield from run.feature_rows(ids[start : start + _INDEX_CHUNK]).values()


def _latest_model() -> ModelDocument | None:
    from sightline.identity.linkage.engine import ModelDocument

    parameters = LinkageModel.objects.order_by("-trained_at").values_list("parameters", flat=True)
    latest = parameters.first()
    return ModelDocument.from_json(latest) if latest else None


def store_link(*, actor: User | None, retrain: bool = False, seed: int = 1) -> StoreLinkResult:
    """Score every recorded person against the others and apply the run: the latest saved
    model is reused unless `retrain` (or none is saved yet), when one is trained on the store
    and saved. Every earlier human decision is obeyed (runs.linkage_run_apply)."""
    # Splink and DuckDB load here, not when the web app starts: only a linkage run needs them.
    from sightline.identity.linkage.engine import LinkageInputError, LinkageRun

    rows = [linkage_row(facts) for facts in recorded_person_identifying_facts()]
    model = None if retrain else _latest_model()
    trained = model is None
    if len(rows) < 2:
        raise LinkageInputError("There are not yet two recorded persons to link.")
    if trained and len(rows) < MIN_TRAINING_RECORDS:
        raise LinkageInputError(
            f"There are {len(rows):,} recorded persons, and no saved model: training one needs "
            f"at least {MIN_TRAINING_RECORDS:,} (a few thousand is better): import more first."
        )
    run = LinkageRun()
    try:
        run.load_rows(rows)
        run.build_features()
        if model is None:
            model = run.train(seed=seed)
        else:
            run.use_model(model)
        linkage_model_record(
            actor=actor,
            version=model.model_version,
            parameters=model.as_json(),
            trained_at=datetime.fromisoformat(model.trained_at).astimezone(UTC),
            summary=model.training_summary,
        )
        run.predict()
        scorer = Scorer(model.as_json())
        found = run.pairs()
        ids = {str(p["unique_id_l"]) for p in found} | {str(p["unique_id_r"]) for p in found}
        features = run.feature_rows(ids)
        pairs: list[ScoredPair] = [
            scorer.score(features[str(p["unique_id_l"])], features[str(p["unique_id_r"])])
            for p in found
        ]
        # Every record made findable by real-time matching, as the engine built its features.
        match_index_rebuild(_all_feature_rows(run, [row["record_id"] for row in rows]))
    finally:
        run.close()
    summary = linkage_run_apply(
        actor=actor, model_version=model.model_version, thresholds=model.thresholds, pairs=pairs
    )
    return StoreLinkResult(len(rows), model.model_version, trained, summary)
