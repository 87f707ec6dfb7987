"""How well clusters agree with the truth: pairwise and whole-cluster precision, recall and F1.
Pure.

Both measures are computed from the contingency of the two partitions: for every (predicted
cluster, true entity) that share records, how many records they share. Two records are a
predicted pair when they are in one cluster, and a true pair when they are one entity.
A measure with nothing to measure (no predicted pairs, no true pairs) is 1.0: nothing was
claimed wrongly, nothing was missed.
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

Cell = tuple[Hashable, Hashable, int]  # (predicted cluster, true entity, records in both)


@dataclass(frozen=True)
class Scores:
    correct: int  # true positives: pairs (or clusters) both predicted and true
    predicted: int
    actual: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.actual if self.actual else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def contingency(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> list[Cell]:
    """The cells of two labellings of the same records (predicted[i] and truth[i] are record
    i's cluster and true entity)."""
    if len(predicted) != len(truth):
        raise ValueError("every record needs a predicted cluster and a true entity")
    counts = Counter(zip(predicted, truth, strict=True))
    return [(cluster, entity, n) for (cluster, entity), n in counts.items()]


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _sizes(cells: Iterable[Cell]) -> tuple[Counter[Hashable], Counter[Hashable], list[Cell]]:
    listed = list(cells)
    clusters: Counter[Hashable] = Counter()
    entities: Counter[Hashable] = Counter()
    for cluster, entity, n in listed:
        clusters[cluster] += n
        entities[entity] += n
    return clusters, entities, listed


def pairwise_scores(cells: Iterable[Cell]) -> Scores:
    """Pairs of records put together, against pairs of records that are one entity."""
    clusters, entities, listed = _sizes(cells)
    return Scores(
        correct=sum(_pairs(n) for _, _, n in listed),
        predicted=sum(_pairs(n) for n in clusters.values()),
        actual=sum(_pairs(n) for n in entities.values()),
    )


def cluster_scores(cells: Iterable[Cell]) -> Scores:
    """Clusters that are exactly one entity's records, no more and no fewer."""
    clusters, entities, listed = _sizes(cells)
    exact = sum(1 for c, e, n in listed if clusters[c] == n == entities[e])
    return Scores(correct=exact, predicted=len(clusters), actual=len(entities))
