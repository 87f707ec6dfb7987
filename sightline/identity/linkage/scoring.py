"""Scoring one pair of records as Splink scores it, in plain Python. Pure.

Real-time matching scores a new record against a few candidates at once; running Splink's SQL
for each would be far too slow. A `Scorer` reads a saved model (engine.ModelDocument's JSON),
puts each field of the pair in its comparison level with the Python twin of Splink's SQL
(comparisons.py), and adds up the same weights in the same order Splink does:

    match weight = log2(prior odds) + sum over fields of log2(m / u) of the field's level

(a missing value weighs 0), so both give the same weight to within floating-point rounding.
"""

import math
from collections.abc import Mapping
from typing import Any

from sightline.identity.linkage.columns import feature_row
from sightline.identity.linkage.comparisons import (
    COMPARISONS,
    COMPARISONS_VERSION,
    Comparison,
    conflict,
)
from sightline.identity.linkage.data import FieldContribution, ScoredPair, Thresholds

# Splink clamps m and u to this before taking logs, so that a level never seen weighs finitely.
_CLAMP = 1e-300


class ModelMismatch(ValueError):
    """The saved model does not compare fields the way this version of Sightline does."""


def match_probability(weight: float) -> float:
    """The probability of a match weight, computed as Splink computes it."""
    if weight >= 0:
        return 1.0 / (1.0 + math.pow(2.0, -weight))
    return math.pow(2.0, weight) / (1.0 + math.pow(2.0, weight))


def _level_weight(level: Mapping[str, Any]) -> float:
    if level.get("is_null_level"):
        return 0.0
    m, u = level.get("m_probability"), level.get("u_probability")
    if m is None or u is None:
        raise ModelMismatch(f"level {level.get('label_for_charts')!r} is not trained")
    return math.log2(max(m, _CLAMP) / max(u, _CLAMP))


def _weights(comparison: Comparison, saved: Mapping[str, Any]) -> tuple[float, ...]:
    levels = saved["comparison_levels"]
    expected = [(level.label, level.sql) for level in comparison.levels]
    found = [(level.get("label_for_charts"), level.get("sql_condition")) for level in levels]
    if expected != found:
        raise ModelMismatch(f"the model's {comparison.field} levels are not this version's")
    return tuple(_level_weight(level) for level in levels)


class Scorer:
    """A trained model's weights, ready to score pairs of feature rows (columns.feature_row)."""

    def __init__(self, model: Mapping[str, Any]) -> None:
        if model.get("comparisons_version") != COMPARISONS_VERSION:
            raise ModelMismatch("the model was trained on another version of the comparisons")
        settings = model["splink_settings"]
        saved = {c["output_column_name"]: c for c in settings["comparisons"]}
        if list(saved) != [c.field for c in COMPARISONS]:
            raise ModelMismatch("the model compares other fields")
        self.model_version: str = model["model_version"]
        self.thresholds = Thresholds(**model["thresholds"])
        prior = settings["probability_two_random_records_match"]
        self.prior_weight = math.log2(prior / (1 - prior))
        self._weights = {c.field: _weights(c, saved[c.field]) for c in COMPARISONS}

    def score(self, left: Mapping[str, Any], right: Mapping[str, Any]) -> ScoredPair:
        """Score two feature rows; contributions come in the model's field order."""
        contributions = []
        weight = self.prior_weight
        for comparison in COMPARISONS:
            index = comparison.level_index(left, right)
            level_weight = self._weights[comparison.field][index]
            weight += level_weight
            contributions.append(
                FieldContribution(
                    field=comparison.field,
                    level=comparison.levels[index].label,
                    weight=level_weight,
                    left=_shown(left.get(comparison.shown)),
                    right=_shown(right.get(comparison.shown)),
                )
            )
        return ScoredPair(
            left_id=str(left["unique_id"]),
            right_id=str(right["unique_id"]),
            match_weight=weight,
            match_probability=match_probability(weight),
            contributions=tuple(contributions),
            conflict=conflict({c.field: c.level for c in contributions}),
        )

    def score_records(self, left: Mapping[str, object], right: Mapping[str, object]) -> ScoredPair:
        """Score two records in the linkage column format (docs/linkage.md)."""
        return self.score(feature_row(left), feature_row(right))

    def decide(self, pair: ScoredPair) -> str:
        """ "link", "review" or "none", by the model's thresholds."""
        return self.thresholds.decide(pair)


def _shown(value: object) -> str | None:
    return None if value is None else str(value)
