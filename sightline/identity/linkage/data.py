"""What linkage says about a pair of recorded persons, in terms a reviewer can read. Pure.

The engine (batch, Splink) and the scorer (one record at a time) both answer with these; the
identity app stores them with each proposed link and shows them in the review queue.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldContribution:
    """How much one field moved the evidence for "same person", and why."""

    field: str  # e.g. "given_name", "family_name", "date_of_birth", "postcode", "nhs_number"
    level: str  # what the comparison found, as a practitioner reads it: "nickname of", "missing"
    weight: float  # log2 Bayes factor of that finding; 0.0 when a value is missing
    left: str | None  # the values compared, as shown to a reviewer
    right: str | None


@dataclass(frozen=True)
class ScoredPair:
    left_id: str
    right_id: str
    match_weight: float  # log2 odds: the model's prior weight plus every contribution
    match_probability: float
    contributions: tuple[FieldContribution, ...]
    # Why this pair must go to a person whatever its weight, e.g. "same NHS number, different
    # date of birth"; None when there is no such reason.
    conflict: str | None = None


@dataclass(frozen=True)
class Thresholds:
    """Match weights: at or above `upper` a pair links automatically (unless it has a
    conflict); from `lower` up to `upper` it goes to the review queue; below, nothing."""

    upper: float
    lower: float

    def __post_init__(self) -> None:
        if self.lower > self.upper:
            raise ValueError("the lower threshold must not be above the upper one")

    def decide(self, pair: ScoredPair) -> str:
        """ "link", "review" or "none"."""
        if pair.match_weight >= self.upper and pair.conflict is None:
            return "link"
        if pair.match_weight >= self.lower or pair.conflict is not None:
            return "review"
        return "none"
