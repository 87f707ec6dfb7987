"""Pairwise and whole-cluster precision, recall and F1 from two labellings of the records."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sightline.identity.linkage.evaluation import (
    Scores,
    cluster_scores,
    contingency,
    pairwise_scores,
)


def test_pairs_split_and_merged_are_counted():
    # truth: {a, b, c} and {d}; predicted: {a, b} and {c, d}
    cells = contingency(["x", "x", "y", "y"], ["P", "P", "P", "Q"])
    pairs = pairwise_scores(cells)
    assert (pairs.correct, pairs.predicted, pairs.actual) == (1, 2, 3)
    assert pairs.precision == 0.5 and pairs.recall == pytest.approx(1 / 3)
    assert pairs.f1 == pytest.approx(0.4)


def test_only_clusters_exactly_one_entity_count_as_right():
    cells = contingency(["x", "x", "y", "z"], ["P", "P", "Q", "Q"])
    clusters = cluster_scores(cells)
    assert (clusters.correct, clusters.predicted, clusters.actual) == (1, 3, 2)


def test_nothing_to_measure_counts_as_perfect():
    singletons = contingency(["x", "y"], ["P", "Q"])
    assert pairwise_scores(singletons) == Scores(0, 0, 0)
    assert pairwise_scores(singletons).f1 == 1.0


def test_labellings_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="every record"):
        contingency(["x"], ["P", "Q"])


labels = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=40)


@given(labels)
def test_the_truth_against_itself_scores_one(pairs):
    truth = [t for _, t in pairs]
    cells = contingency(truth, truth)
    assert pairwise_scores(cells).f1 == 1.0
    assert cluster_scores(cells).f1 == 1.0


@given(labels)
def test_swapping_prediction_and_truth_swaps_precision_and_recall(pairs):
    predicted, truth = [p for p, _ in pairs], [t for _, t in pairs]
    forward = pairwise_scores(contingency(predicted, truth))
    backward = pairwise_scores(contingency(truth, predicted))
    assert forward.precision == backward.recall and forward.recall == backward.precision
